"""The Embed tab of a conference and of the conference index, read through the admin's edit view."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import PageViewRestriction
from wagtail.users.models import UserProfile

from content_types.models import ConferenceIndexPage, ConferencePage
from content_types.roles import ensure_roles

from ..utils import make_conference

pytestmark = pytest.mark.django_db

SCRIPT_LINE = '<script src="http://testserver/embed/v1/samverkan.js" defer></script>'
HEADING = {"sv": "Bädda in", "nb": "Bygg inn"}
COPY = {"sv": "Kopiera koden", "nb": "Kopier koden"}
COPIED = {"sv": "Kopierad till urklipp.", "nb": "Kopiert til utklippstavlen."}
NOT_YET = {
    "sv": "Elementet visas när sidan har publicerats",
    "nb": "Elementet vises når siden er publisert",
}
PRIVATE = {
    "sv": "Elementet visar bara länken så länge den här sidan",
    "nb": "Elementet viser bare lenken så lenge denne siden",
}


@pytest.fixture
def editor(client, demo):
    """A signed-in member of the communication staff, the admin in ``language``."""

    def speaking(language):
        user, _created = get_user_model().objects.get_or_create(username=f"redaktor-{language}")
        user.groups.add(ensure_roles().communication_staff)
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        client.force_login(user)
        return client

    return speaking


def tvinning(language):
    source = ConferencePage.objects.get(slug="tvinning-slutkonferens-2009")
    return source if language == "sv" else source.get_translation(locale_of(language))


def locale_of(language):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=language)


def embed_panel(client, page):
    """The edit view of ``page`` as HTML, and its embed panel's code, as the editor reads it."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    panel = html.select_one(".samverkan-embed")
    assert panel is not None, "no embed panel on the edit view"
    return html, panel, panel.select_one("textarea[data-w-clipboard-target='value']").string


def heading_of(html, panel):
    """The heading of the section that holds ``panel``."""
    section = panel.find_parent("section")
    return html.find(id=section["aria-labelledby"]).get_text(strip=True)


class TestConferenceProgramme:
    def test_the_swedish_conference_gives_its_id_language_and_swedish_link(self, editor):
        page = tvinning("sv")
        html, panel, code = embed_panel(editor("sv"), page)

        script, element = code.strip().split("\n")
        assert script == SCRIPT_LINE
        assert element == (
            f'<samverkan-programme conference="{page.pk}" lang="sv">'
            f'<a href="http://testserver/sv/konferenser/tvinning-slutkonferens-2009/">'
            f"Program: {page.title}</a></samverkan-programme>"
        )
        assert heading_of(html, panel) == HEADING["sv"]

    def test_the_norwegian_translation_gives_its_own_id_language_and_link(self, editor):
        page = tvinning("nb")
        # A synced translation opens in wagtail-localize's editor; the panel follows it.
        html, panel, code = embed_panel(editor("nb"), page)

        assert f'<samverkan-programme conference="{page.pk}" lang="nb">' in code
        assert (
            '<a href="http://testserver/nb/konferanser/tvinning-sluttkonferanse-2009/">'
            "Program: Bibliotekutvikling gjennom samarbeid – Tvinningprosjektets "
            "sluttkonferanse</a>"
        ) in code
        assert 'lang="sv"' not in code
        assert heading_of(html, panel) == HEADING["nb"]
        assert html.select_one(".js-translation-editor") is not None

    @pytest.mark.parametrize("language", ["sv", "nb"])
    def test_the_copy_button_and_its_messages_speak_the_editors_language(self, editor, language):
        _html, panel, _code = embed_panel(editor(language), tvinning("sv"))

        button = panel.select_one("button[data-action='w-clipboard#copy']")
        assert button.get_text(strip=True) == COPY[language]
        status = panel.select_one(f"#{button['aria-describedby']}")
        assert status["aria-live"] == "polite"
        assert COPIED[language] in panel.decode()
        assert panel.select_one("[data-controller~='w-clipboard']").find("textarea")

    def test_the_published_conference_is_previewed_with_the_script(self, editor):
        page = tvinning("sv")
        _html, panel, _code = embed_panel(editor("sv"), page)

        preview = panel.select_one(".samverkan-embed__preview samverkan-programme")
        assert preview["conference"] == str(page.pk) and preview["lang"] == "sv"
        assert preview.a.get_text() == f"Program: {page.title}"
        assert panel.select_one("script[src='http://testserver/embed/v1/samverkan.js']")
        assert NOT_YET["sv"] not in panel.get_text() and PRIVATE["sv"] not in panel.get_text()

    @pytest.mark.parametrize("language", ["sv", "nb"])
    def test_a_draft_conference_says_the_element_shows_once_published(
        self, editor, language, settings
    ):
        index = ConferenceIndexPage.objects.get(slug="konferenser")
        draft = make_conference(index, title="Läsdagen", publish=False)
        _html, panel, code = embed_panel(editor(language), draft)

        assert f'conference="{draft.pk}"' in code
        assert NOT_YET[language] in panel.get_text()
        assert panel.select_one(".samverkan-embed__preview") is None
        assert panel.select_one("script") is None

    @pytest.mark.parametrize("language", ["sv", "nb"])
    def test_a_conference_under_a_private_page_says_the_element_shows_only_the_link(
        self, editor, language
    ):
        index = ConferenceIndexPage.objects.get(slug="konferenser")
        page = make_conference(index, title="Läsdagen")
        PageViewRestriction.objects.create(
            page=index, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
        )
        _html, panel, code = embed_panel(editor(language), page)

        assert f'conference="{page.pk}"' in code
        assert PRIVATE[language] in panel.get_text()
        assert NOT_YET[language] not in panel.get_text()
        assert panel.select_one(".samverkan-embed__preview") is None
        assert panel.select_one("script") is None

    def test_html_in_a_title_is_text_in_the_lines_and_the_preview(self, editor):
        index = ConferenceIndexPage.objects.get(slug="konferenser")
        page = make_conference(index, title="<script>alert('x')</script> & Co")
        response = editor("sv").get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        panel = BeautifulSoup(response.content, "html.parser").select_one(".samverkan-embed")

        code = panel.textarea.string
        assert "Program: &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Co</a>" in code
        assert "<script>alert" not in code
        preview = panel.select_one(".samverkan-embed__preview samverkan-programme a")
        assert preview.get_text() == "Program: <script>alert('x')</script> & Co"
        assert preview.find("script") is None
        assert b"<script>alert(" not in response.content

    def test_a_new_conference_has_no_embed_panel(self, editor):
        index = ConferenceIndexPage.objects.get(slug="konferenser")
        response = editor("sv").get(
            reverse("wagtailadmin_pages:add", args=["content_types", "conferencepage", index.pk])
        )
        assert response.status_code == 200
        assert b"samverkan-embed" not in response.content
        assert b"samverkan-programme" not in response.content


class TestConferenceIndexEvents:
    @pytest.mark.parametrize(
        "language, slug, url, text",
        [
            ("sv", "konferenser", "/sv/konferenser/", "Konferenser"),
            ("nb", "konferanser", "/nb/konferanser/", "Konferanser"),
        ],
    )
    def test_the_index_gives_the_events_element_in_its_language(
        self, editor, language, slug, url, text
    ):
        index = ConferenceIndexPage.objects.get(slug=slug)
        html, panel, code = embed_panel(editor("nb"), index)

        assert code.strip().split("\n") == [
            SCRIPT_LINE,
            f'<samverkan-events lang="{language}"><a href="http://testserver{url}">{text}</a>'
            "</samverkan-events>",
        ]
        assert heading_of(html, panel) == HEADING["nb"]
        preview = panel.select_one(".samverkan-embed__preview")
        assert preview["lang"] == language
        assert preview.select_one("samverkan-events")["lang"] == language


def test_the_script_url_follows_the_configured_api_base_url(editor, settings):
    settings.WAGTAILAPI_BASE_URL = "https://cms.example.se"
    _html, panel, code = embed_panel(editor("sv"), tvinning("sv"))

    assert code.startswith('<script src="https://cms.example.se/embed/v1/samverkan.js" defer>')
    assert 'href="https://cms.example.se/sv/konferenser/tvinning-slutkonferens-2009/"' in code
