"""How much of a translation is done, in the status report and the API, at any size.

The known case: a Norwegian translation of a conference with four strings,
all translated and published; then the Swedish source is republished with
two of them changed. Two of four are translated, two are left, and both of
those changed since they were translated.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from content_types.localization import views
from content_types.roles import ensure_translator_groups, translator_group_name

from .. import utils
from .helpers import begin_translation, publish_translation, start_translation, translate_all

pytestmark = pytest.mark.django_db


def make_conference(index, title, **kwargs):
    return utils.make_conference(
        index,
        title=title,
        tagline="Ett möte om läsning",
        description="<p>Välkommen till <b>två dagar</b> om läsfrämjande.</p>",
        **kwargs,
    )


@pytest.fixture
def outdated(conference_index, nb_locale, django_capture_on_commit_callbacks):
    """The conference whose translation has two of four strings left, both changed."""
    conference = make_conference(conference_index, "Biblioteksdagarna")
    translation, _draft = start_translation(conference, nb_locale)
    translate_all(translation)
    publish_translation(translation)
    conference.tagline = "Ett möte om läsglädje"
    conference.description = "<p>Välkommen till <b>tre dagar</b> om läsfrämjande.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        conference.save_revision().publish()
    return conference


@pytest.fixture
def untouched(conference_index, nb_locale):
    """A conference whose translation was started and nothing translated: four strings left."""
    conference = make_conference(conference_index, "Läsdagen")
    begin_translation(conference, nb_locale)
    return conference


def report(client, **params):
    response = client.get(reverse("samverkan_translation_status"), params)
    assert response.status_code == 200
    return response.content.decode()


def rows(html):
    """``{title: {language: (state, translated, total, changed)}}`` of the report's rows."""
    result = {}
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        title = re.search(r'<td><a href="[^"]*">([^<]*)</a></td>', row)
        if not title:
            continue
        cells = {}
        for language, state, body in re.findall(
            r'<td data-language="(\w+)" data-state="(\w+)">(.*?)</td>', row, re.S
        ):
            progress = re.search(
                r'data-translated="(\d+)" data-total="(\d+)" data-changed="(\d+)"', body
            )
            cells[language] = (state, *(int(n) for n in progress.groups())) if progress else state
        result[title.group(1)] = cells
    return result


def test_the_api_gives_the_progress_of_each_translation(client, outdated):
    data = client.get(utils.page_detail_url(outdated)).json()
    translations = {entry["locale"]: entry for entry in data["meta"]["translations"]}
    assert translations["nb"]["progress"] == {"total": 4, "translated": 2, "changed": 2}
    assert translations["nb"]["complete"] is False and translations["nb"]["up_to_date"] is False
    assert translations["sv"]["progress"] is None


def test_the_report_gives_the_progress_of_each_translation(admin_client, outdated):
    html = report(admin_client)
    assert rows(html)["Biblioteksdagarna"] == {"sv": "source", "nb": ("incomplete", 2, 4, 2)}
    assert "2 av 4 strängar översatta, 2 ändrade" in html


def test_the_report_filters_by_language_and_state(admin_client, outdated, untouched):
    assert set(rows(report(admin_client, language="nb", state="incomplete"))) == {
        "Biblioteksdagarna",
        "Läsdagen",
    }
    assert rows(report(admin_client, language="nb", state="current")) == {}
    assert rows(report(admin_client, language="sv", state="incomplete")) == {}
    assert set(rows(report(admin_client, state="needs_work"))) == {"Biblioteksdagarna", "Läsdagen"}
    # Older links asked for the pages that need work this way.
    assert set(rows(report(admin_client, problems="1"))) == {"Biblioteksdagarna", "Läsdagen"}


def test_the_report_sorts_by_what_is_left(admin_client, outdated, untouched):
    assert list(rows(report(admin_client))) == ["Biblioteksdagarna", "Läsdagen"]
    assert list(rows(report(admin_client, order="left"))) == ["Läsdagen", "Biblioteksdagarna"]
    assert list(rows(report(admin_client, order="left", language="nb"))) == [
        "Läsdagen",
        "Biblioteksdagarna",
    ]


def test_the_report_refuses_unknown_filters_with_a_message(admin_client, outdated):
    html = report(admin_client, state="nonsense", language="xx", order="sideways", p="many")
    assert html.count('class="error-message"') == 3
    assert "Biblioteksdagarna" in html


def test_the_report_is_paginated(admin_client, conference_index, monkeypatch):
    for number in range(3):
        make_conference(conference_index, f"Dag {number}")
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    first, second = report(admin_client), report(admin_client, p=2)
    assert list(rows(first)) == ["Dag 0", "Dag 1"] and list(rows(second)) == ["Dag 2"]
    assert "3 sidor" in first


def test_a_translator_sees_the_pages_they_can_translate(
    client, django_user_model, outdated, conference_index, nb_locale
):
    make_conference(conference_index, "Bara svenska")
    ensure_translator_groups()
    translator = django_user_model.objects.create_user("oversetter", password="pw")
    translator.groups.add(Group.objects.get(name=translator_group_name(nb_locale)))
    client.force_login(translator)
    assert list(rows(report(client))) == ["Biblioteksdagarna"]


class TestTheReportScales:
    def queries(self, client, **params):
        with CaptureQueriesContext(connection) as queries:
            report(client, **params)
        return len(queries)

    def add_translated(self, index, nb_locale, count):
        for number in range(count):
            conference = make_conference(index, f"Konferens {number}")
            translation, _draft = start_translation(conference, nb_locale)
            if number % 2:
                translate_all(translation)
                publish_translation(translation)

    @pytest.mark.parametrize(
        "params", [{}, {"state": "needs_work", "order": "left"}, {"language": "nb", "p": "2"}]
    )
    def test_the_same_few_queries_at_two_sizes(
        self, admin_client, conference_index, nb_locale, params
    ):
        self.add_translated(conference_index, nb_locale, 2)
        small = self.queries(admin_client, **params)
        self.add_translated(conference_index, nb_locale, 8)
        large = self.queries(admin_client, **params)
        assert small == large
        assert large <= 20


def test_a_page_copied_by_hand_is_one_row_in_its_first_language(
    admin_client, conference_index, nb_locale
):
    conference = make_conference(conference_index, "Handkopierad")
    copy = conference.copy_for_translation(nb_locale, copy_parents=True)
    copy.save_revision().publish()
    html = report(admin_client)
    assert html.count(">Handkopierad</a></td>") == 1
    assert rows(html)["Handkopierad"] == {"sv": "source", "nb": "unmanaged"}
