"""An editor who publishes below a page readers cannot see is told so, in their own language.

Readers see a page only when every page above it is published too
(``visibility.public_pages``); publishing an item under a draft conference
succeeds, and the admin says why the item is not on the site yet.
"""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from content_types.models import ProgrammeItemPage

from ..test_validation import add_item_url, programme_item_post_data
from ..utils import make_conference

pytestmark = pytest.mark.django_db

WARNINGS = {
    "sv": "”Öppningsanförande” är publicerad, men läsarna ser den inte förrän ”{parent}” "
    "ovanför den är publicerad.",
    "nb": "«Öppningsanförande» er publisert, men leserne ser den ikke før «{parent}» "
    "over den er publisert.",
}


def publish_item(admin_client, admin_user, conference, language):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = language
    profile.save()
    response = admin_client.post(add_item_url(conference), programme_item_post_data(), follow=True)
    assert response.status_code == 200
    assert ProgrammeItemPage.objects.get(slug="oppningsanforande").live
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize("language", WARNINGS)
def test_publishing_under_a_draft_conference_warns_that_readers_will_not_see_it(
    admin_client, admin_user, conference_index, language
):
    draft = make_conference(conference_index, title="Biblioteksdagarna 2026", publish=False)

    messages = publish_item(admin_client, admin_user, draft, language)

    assert WARNINGS[language].format(parent="Biblioteksdagarna 2026") in messages


@pytest.mark.parametrize("language", WARNINGS)
def test_publishing_under_a_published_conference_gives_no_such_warning(
    admin_client, admin_user, conference_index, language
):
    published = make_conference(conference_index, title="Biblioteksdagarna 2026")

    messages = publish_item(admin_client, admin_user, published, language)

    assert messages, "the admin confirms the publication"
    assert not [message for message in messages if "Biblioteksdagarna 2026" in message]


def test_the_item_stays_off_the_site_and_the_api_until_the_conference_is_published(
    client, admin_client, admin_user, conference_index
):
    draft = make_conference(conference_index, title="Biblioteksdagarna 2026", publish=False)
    publish_item(admin_client, admin_user, draft, "sv")
    item = ProgrammeItemPage.objects.get(slug="oppningsanforande")
    detail = reverse("wagtailapi:pages:detail", args=(item.pk,))
    assert client.get(detail).status_code == 404
    assert client.get(item.url).status_code == 404

    draft.refresh_from_db()  # its programme item was added since
    draft.save_revision().publish()

    assert client.get(detail).status_code == 200
    assert client.get(item.url).status_code == 200
