"""How snippets, inline rows and related pages look in the API.

Relations are expanded to what an external site needs to show them (a
speaker's name, organisation and role; a venue's address) instead of bare ids,
in the language of the page that holds them.
"""

from .fields import ImageSerializer, RichTextField, ZonedDateTimeField
from .languages import InLanguageOf
from .pages import (
    IsFallbackField,
    PageLinkField,
    PageLinkListField,
    TranslationsField,
)
from .rows import (
    DocumentLinkSerializer,
    GoalSerializer,
    MeetingSerializer,
    MilestoneSerializer,
    OrganisationRelationSerializer,
    ParticipantGroupSerializer,
    PersonRelationSerializer,
    ProjectLinkSerializer,
    SpeakerSerializer,
    UpdateSerializer,
)
from .snippets import (
    FocusAreaSerializer,
    OrganisationSerializer,
    PersonSerializer,
    RegionSerializer,
    VenueSerializer,
)
from .structured_data import JsonLdField, JsonLdScriptField

__all__ = [
    "DocumentLinkSerializer",
    "FocusAreaSerializer",
    "GoalSerializer",
    "ImageSerializer",
    "InLanguageOf",
    "IsFallbackField",
    "JsonLdField",
    "JsonLdScriptField",
    "MeetingSerializer",
    "MilestoneSerializer",
    "OrganisationRelationSerializer",
    "OrganisationSerializer",
    "PageLinkField",
    "PageLinkListField",
    "ParticipantGroupSerializer",
    "PersonRelationSerializer",
    "PersonSerializer",
    "ProjectLinkSerializer",
    "RegionSerializer",
    "RichTextField",
    "SpeakerSerializer",
    "TranslationsField",
    "UpdateSerializer",
    "VenueSerializer",
    "ZonedDateTimeField",
]
