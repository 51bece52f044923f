"""The admin speaks the editor's language, Norwegian as fully as Swedish.

Wagtail's and wagtail-localize's own Norwegian catalogs lack about half of the
admin's strings, and Django fills what a language lacks from the default
language, Swedish. The project's catalogs complete both languages
(locales/admin/), so a Norwegian editor reads no Swedish, and the reverse.
"""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db

# What each language's editor reads, and the other's words for the same thing.
DASHBOARD = {
    "sv": ["Hoppa till huvudinnehåll", 'Sidor <span class="w-sr-only">skapade i'],
    "nb": ["Hopp til hovedinnhold", 'sider <span class="w-sr-only">opprettet i'],
}
UNTRANSLATED_PAGE_EDITOR = {
    "sv": ["Översätt den här sidan"],
    "nb": ["Oversett denne siden"],
}
NEW_LOCALE_FORM = {
    "sv": ["Synkronisera innehållet från annat språk"],
    "nb": ["Synkroniser innhold fra et annet språk"],
}
OTHER = {"sv": "nb", "nb": "sv"}


@pytest.fixture
def editor(admin_client, admin_user):
    def speaking(language):
        profile = UserProfile.get_for_user(admin_user)
        profile.preferred_language = language
        profile.save()
        return admin_client

    return speaking


def assert_speaks(response, phrases, language):
    html = response.content.decode()
    assert response.status_code == 200
    for phrase in phrases[language]:
        assert phrase in html
    for phrase in phrases[OTHER[language]]:
        assert phrase not in html


@pytest.mark.parametrize("language", ["sv", "nb"])
def test_the_dashboard_is_in_the_editors_language_only(editor, home, language):
    response = editor(language).get(reverse("wagtailadmin_home"))

    assert_speaks(response, DASHBOARD, language)


@pytest.mark.parametrize("language", ["sv", "nb"])
def test_the_translate_action_is_in_the_editors_language_only(editor, project_index, language):
    response = editor(language).get(reverse("wagtailadmin_pages:edit", args=[project_index.pk]))

    assert_speaks(response, UNTRANSLATED_PAGE_EDITOR, language)


@pytest.mark.parametrize("language", ["sv", "nb"])
def test_wagtail_localizes_locale_form_is_in_the_editors_language_only(editor, language):
    response = editor(language).get(reverse("wagtaillocales:add"))

    assert_speaks(response, NEW_LOCALE_FORM, language)
