"""An editor copies a conference's embed code in Chromium, and sees the element as another site will."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from . import admin, content

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_editor_copies_the_lines_and_the_preview_shows_the_programme(
    servers, new_page, screenshots, tree, team, people_and_places
):
    conference, items = content.conference_with_programme(
        tree["conference_index"], people_and_places, publish=True
    )
    page = new_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=servers.api)
    script_errors = []
    page.on("pageerror", lambda error: script_errors.append(error))
    admin.log_in(page, servers, team.staff)

    page.goto(servers.api + reverse("wagtailadmin_pages:edit", args=[conference.pk]))
    panel = page.locator(".samverkan-embed")
    panel.scroll_into_view_if_needed()
    code = panel.get_by_label("Kod att kopiera").input_value()
    panel.get_by_role("button", name="Kopiera koden").click()

    expect(panel.get_by_text("Kopierad till urklipp.")).to_be_visible()
    screenshots.take(page, "copied")
    assert page.evaluate("navigator.clipboard.readText()") == code
    assert code.startswith(f'<script src="{servers.api}/embed/v1/samverkan.js" defer></script>\n')
    assert f'<samverkan-programme conference="{conference.pk}" lang="sv">' in code
    # The preview is the element itself, defined by the served script, reading the public API.
    preview = panel.locator(".samverkan-embed__preview samverkan-programme")
    for item in items:
        expect(preview.get_by_text(item.title, exact=True)).to_be_visible()
    screenshots.take(page, "preview")
    assert page.evaluate("Boolean(customElements.get('samverkan-programme'))")
    assert script_errors == []
