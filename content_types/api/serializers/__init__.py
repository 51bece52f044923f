"""How snippets, inline rows and related pages look in the API.

Relations are expanded to what an external site needs to show them (a
speaker's name, organisation and role; a venue's address) instead of bare ids,
in the language of the page that holds them.
"""

from .fields import DEFAULT_IMAGE_RENDITIONS, ImageSerializer, RichTextField, ZonedDateTimeField
from .languages import InLanguageOf, in_language
from .pages import (
    IsFallbackField,
    PageLinkField,
    PageLinkListField,
    TranslationsField,
    page_link,
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
    OrganisationSummarySerializer,
    PersonSerializer,
    RegionSerializer,
    VenueSerializer,
)
from .structured_data import JsonLdField, JsonLdScriptField

__all__ = [
    "DEFAULT_IMAGE_RENDITIONS",
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
    "OrganisationSummarySerializer",
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
    "in_language",
    "page_link",
]
