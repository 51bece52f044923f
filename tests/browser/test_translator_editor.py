"""A Norwegian translator's main button in the translation editor sends the translation to review.

The Swedish conference has a published Norwegian translation. Unchanged, the
translator opens it: the footer's main button is "Send til godkjenning", and
nothing offers to convert the translation to an alias. Pressing it starts the
review, and the moderator finds the task on the dashboard and approves it.
"""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from ..localization.helpers import begin_translation, publish_translation, translate_all
from . import admin, content

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SUBMIT = "Send til godkjenning"
SAVE_DRAFT = "Lagre oversettelsen som utkast"


@pytest.fixture
def norwegian_conference(tree, people_and_places):
    """The published Swedish conference and its published Norwegian translation."""
    conference, _items = content.conference_with_programme(
        tree["conference_index"], people_and_places, publish=True
    )
    translation = begin_translation(conference, tree["nb_locale"])
    translate_all(translation)
    return publish_translation(translation)


def test_the_translators_main_action_is_submit_for_review_and_the_moderator_gets_the_task(
    servers, new_page, screenshots, team, norwegian_conference
):
    page = new_page()
    admin.log_in(page, servers, team.translator)
    assert admin.admin_language(page) == "nb"

    admin.open_translation_editor(page, servers, norwegian_conference)
    footer = page.locator("footer:visible")
    expect(footer).to_have_count(1)
    main_button = footer.get_by_role("button").first
    expect(main_button).to_have_text(SUBMIT)
    expect(page.get_by_role("button", name=SAVE_DRAFT)).to_be_hidden()
    footer.locator(".w-dropdown__toggle").click()
    expect(page.get_by_role("button", name=SAVE_DRAFT)).to_be_visible()
    footer.locator(".w-dropdown__toggle").click()
    for name in (re.compile("alias", re.IGNORECASE), re.compile("^Slett$")):
        expect(page.get_by_role("link", name=name)).to_have_count(0)
        expect(page.get_by_role("button", name=name)).to_have_count(0)
    screenshots.take(page, "translation-editor-footer")

    with page.expect_navigation():
        main_button.click()
    expect(page.locator(".messages")).to_contain_text("er sendt til godkjenning.")
    state = WorkflowState.objects.get(object_id=str(norwegian_conference.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == team.translator
    norwegian_conference.refresh_from_db()
    assert norwegian_conference.alias_of_id is None

    reviewer = new_page()
    admin.log_in(reviewer, servers, team.moderator)
    title = norwegian_conference.get_admin_display_title()
    awaiting = reviewer.locator("section", has_text="Inväntar din granskning")
    expect(awaiting.get_by_role("link", name=title, exact=True)).to_be_visible()
    screenshots.take(reviewer, "moderator-dashboard")
    admin.approve_on_dashboard(reviewer, servers, title)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
