"""A translator brings a published conference into Norwegian; after review the Norwegian site shows it."""

import pytest
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from .. import utils
from . import admin, content, public

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SUBMIT_MENU_ENTRY = "Send oversettelsen til godkjenning"
SUBMIT_BUTTON = "Send til godkjenning"


@pytest.fixture
def translations(tree, people_and_places):
    """The published Swedish conference, sent for translation into Norwegian with its programme."""
    conference, items = content.conference_with_programme(
        tree["conference_index"], people_and_places, publish=True
    )
    return content.begin_translations([conference, *items], tree["nb_locale"])


def test_a_translator_translates_the_conference_and_its_programme_into_norwegian_for_review(
    servers, new_page, screenshots, team, translations
):
    conference, *items = translations
    assert public.conference_titles(servers, locale="nb") == []

    page = new_page()
    admin.log_in(page, servers, team.translator)
    assert admin.admin_language(page) == "nb"

    admin.open_translation_editor(page, servers, conference)
    admin.translate(page, content.CONFERENCE["title"], content.CONFERENCE_IN_NORWEGIAN["title"])
    admin.translate(page, content.CONFERENCE["tagline"], content.CONFERENCE_IN_NORWEGIAN["tagline"])
    screenshots.take(page, "translation-editor")
    admin.submit_translation(page, servers, conference, SUBMIT_MENU_ENTRY, SUBMIT_BUTTON)
    expect(page.locator(".messages")).to_contain_text("er sendt til godkjenning.")
    for item, source in zip(items, content.PROGRAMME, strict=True):
        admin.open_translation_editor(page, servers, item)
        admin.translate(page, source.title, source.translation)
        admin.submit_translation(page, servers, item, SUBMIT_MENU_ENTRY, SUBMIT_BUTTON)
        expect(page.locator(".messages")).to_contain_text("er sendt til godkjenning.")
    screenshots.take(page, "translations-submitted")

    for translated in translations:
        translated.refresh_from_db()
        assert not translated.live
        state = WorkflowState.objects.get(object_id=str(translated.pk))
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.requested_by == team.translator
    assert public.conference_titles(servers, locale="nb") == []
    reader = new_page()
    public.open_example_site(reader, servers, lang="nb")
    expect(reader.locator(".notice")).to_have_text("Ingen kommende konferanser akkurat nå.")
    screenshots.take(reader, "example-site-before-review")

    # The moderator approves as in the review scenario (test_editorial_review.py).
    content.approve(translations, team.moderator)
    norwegian_titles = [
        content.CONFERENCE_IN_NORWEGIAN["title"],
        *(item.translation for item in content.PROGRAMME),
    ]

    assert public.conference_titles(servers, locale="nb") == [
        content.CONFERENCE_IN_NORWEGIAN["title"]
    ]
    status, detail = public.api_get(servers, f"pages/{conference.pk}/")
    assert status == 200 and detail["meta"]["locale"] == "nb"
    assert detail["tagline"] == content.CONFERENCE_IN_NORWEGIAN["tagline"]
    assert [entry["title"] for entry in detail["programme"]] == norwegian_titles[1:]

    public.open_example_site(reader, servers, lang="nb")
    reader.get_by_role("link", name=content.CONFERENCE_IN_NORWEGIAN["title"]).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(
        content.CONFERENCE_IN_NORWEGIAN["title"]
    )
    expect(reader.locator(".tagline")).to_have_text(content.CONFERENCE_IN_NORWEGIAN["tagline"])
    screenshots.take(reader, "example-site-norwegian")
    days = public.programme(reader)
    assert [day["heading"] for day in days] == [norwegian_day(12), norwegian_day(13)]
    assert [(item["time"], item["title"]) for day in days for item in day["items"]] == [
        ("09:30–10:00", "Velkommen til Västerås"),
        ("10:15–11:30", "Leselyst i hele fylket"),
        ("13:00–14:30", "Samtale om forskning og bibliotek"),
    ]
    [event] = public.structured_data(reader)
    assert event["name"] == content.CONFERENCE_IN_NORWEGIAN["title"]
    assert event["inLanguage"] == "nb"

    reader.get_by_role("link", name="Svenska").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(content.CONFERENCE["title"])


def norwegian_day(day):
    """The heading of a May day of the conference, as a Norwegian reader sees it."""
    weekday = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
    return f"{weekday[utils.local(content.YEAR, 5, day).weekday()]} {day}. mai {content.YEAR}"
