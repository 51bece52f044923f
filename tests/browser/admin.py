"""What people do in the Wagtail admin, step by step, in the browser.

Fields and buttons are found by their names in the form where the admin has
them (``input[name=start]``, ``button[name=action-submit]``); what people read
(links, menu entries, messages) by the words they read, in their language.
"""

import re

from django.urls import reverse
from playwright.sync_api import expect

PASSWORD = "lösenord-för-test"


def log_in(page, servers, user):
    page.goto(servers.api + reverse("wagtailadmin_login"))
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    expect(page).to_have_url(servers.api + reverse("wagtailadmin_home"))


def admin_language(page):
    return page.locator("html").get_attribute("lang")


def fill_date(page, name, value):
    """Types a date ("2031-05-12") or date and time ("2031-05-12 09:30") and leaves the field.

    The date picker opens a moment after the field gets focus and closes when
    it loses it; left open, it can take the next click meant for the form.
    """
    pickers = page.locator(".xdsoft_datetimepicker:visible")
    field = page.locator(f"input[name={name}]")
    field.fill(value)
    expect(pickers).to_have_count(1)
    field.blur()
    expect(pickers).to_have_count(0)
    expect(field).to_have_value(value)


def choose_snippet(page, field, label):
    """Opens a snippet field's chooser and picks the row whose title starts with ``label``."""
    page.click(f"#id_{field}-chooser .unchosen button")
    modal = page.locator(".modal")
    expect(modal).to_be_visible()
    modal.get_by_role("link", name=re.compile(rf"^{re.escape(label)}")).click()
    expect(modal).to_be_hidden()
    expect(page.locator(f"#id_{field}-title")).to_contain_text(label)


def add_speaker(page, index, name):
    page.click("#id_speakers-ADD")
    choose_snippet(page, f"speakers-{index}-person", name)


def submit_for_review(page):
    """The editor's footer menu: "Submit to <workflow>", which saves the page and starts its review."""
    page.locator("footer .w-dropdown__toggle").first.click()
    with page.expect_navigation():
        page.click("button[name=action-submit]")


def approve_on_dashboard(page, servers, title):
    """A moderator approves a page from "Awaiting your review" on the dashboard."""
    if page.url != servers.api + reverse("wagtailadmin_home"):
        page.goto(servers.api + reverse("wagtailadmin_home"))
    row = page.locator("tr", has=page.get_by_role("link", name=title, exact=True))
    row.locator(".w-dropdown__toggle").click()
    with page.expect_navigation():
        row.get_by_role("button", name=APPROVE[admin_language(page)], exact=True).click()
    expect(page.get_by_role("link", name=title, exact=True)).to_have_count(0)


APPROVE = {"sv": "Godkänn", "nb": "Godkjenn", "en": "Approve"}


def translation_segment(page, source):
    """A string in wagtail-localize's translation editor, found by its source text."""
    if "'" in source:
        raise ValueError("source texts with apostrophes need another locator")
    return page.locator(f"xpath=//li[p[normalize-space(.)='{source}']]")


def translate(page, source, translation):
    """Opens the string's editor, types the translation and saves it."""
    segment = translation_segment(page, source)
    segment.get_by_role("button").click()
    segment.locator("textarea").fill(translation)
    segment.get_by_role("button", name=SAVE[admin_language(page)]).click()
    expect(segment).to_have_class(re.compile(r"\bcomplete\b"))


SAVE = {"sv": "Spara", "nb": "Lagre", "en": "Save"}


def open_translation_editor(page, servers, translated_page):
    page.goto(servers.api + reverse("wagtailadmin_pages:edit", args=[translated_page.pk]))
    expect(page.locator(".js-translation-editor li").first).to_be_visible()


def submit_translation(page, servers, translated_page, menu_entry, button):
    """The header menu of the translated page's listing: "Submit translation for review", then confirm."""
    page.goto(servers.api + reverse("wagtailadmin_explore", args=[translated_page.pk]))
    page.locator("header .w-dropdown__toggle").first.click()
    page.get_by_role("link", name=menu_entry).click()
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
