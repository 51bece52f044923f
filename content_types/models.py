"""Every model of the plugin, imported here so Django registers them.

The models themselves live with their content area: shared snippets, the home
page, projects, networks, and conferences with their programme items.
"""

from .conferences.models import (  # noqa: F401
    ConferenceDocument,
    ConferenceIndexPage,
    ConferenceOrganiser,
    ConferencePage,
    ProgrammeItemDocument,
    ProgrammeItemPage,
    ProgrammeItemSpeaker,
)
from .delivery.models import ContainedObject, Representation  # noqa: F401
from .home.models import HomePage  # noqa: F401
from .localization.models import TranslatorNotificationPreference  # noqa: F401
from .networks.models import (  # noqa: F401
    NetworkContact,
    NetworkIndexPage,
    NetworkMeeting,
    NetworkMember,
    NetworkMemberGroup,
    NetworkPage,
)
from .projects.models import (  # noqa: F401
    ProjectContact,
    ProjectFunder,
    ProjectGoal,
    ProjectIndexPage,
    ProjectLink,
    ProjectMilestone,
    ProjectPage,
    ProjectParticipantGroup,
    ProjectPartner,
    ProjectUpdate,
)
from .snippets.models import (  # noqa: F401
    FocusArea,
    Organisation,
    Person,
    Region,
    Venue,
)
from .sync.models import SyncChange  # noqa: F401
from .webhooks.models import WebhookDelivery, WebhookSubscriber  # noqa: F401
