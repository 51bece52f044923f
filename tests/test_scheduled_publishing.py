"""go_live_at and expire_at hold on every public surface, even when the publishing job is late."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from content_types.models import ConferencePage, ProjectPage

from . import utils

pytestmark = pytest.mark.django_db


def listed(client, page):
    response = client.get(utils.pages_url(type=page.specific_class._meta.label))
    return page.pk in [item["id"] for item in response.json()["items"]]


def test_an_expired_page_vanishes_from_api_and_site_before_the_job_runs(client, conference_index):
    conference = utils.make_conference(conference_index, title="Passerad")
    assert client.get(conference.url).status_code == 200
    ConferencePage.objects.filter(pk=conference.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    conference.refresh_from_db()
    assert conference.live  # the job has not run
    assert not listed(client, conference)
    assert client.get(utils.page_detail_url(conference)).status_code == 404
    assert client.get(conference.url).status_code == 404


def test_the_job_then_unpublishes_it(conference_index):
    conference = utils.make_conference(conference_index, title="Passerad")
    ConferencePage.objects.filter(pk=conference.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    call_command("run_scheduled_publishing", times=1, stdout=StringIO())
    conference.refresh_from_db()
    assert not conference.live and conference.expired


def test_a_page_scheduled_for_later_is_absent_until_the_job_publishes_it(
    client, project_index, clock
):
    project = utils.make_project(project_index, title="Kommande", publish=False)
    project.go_live_at = timezone.now() + timedelta(seconds=1)
    project.save_revision().publish()
    project.refresh_from_db()
    assert not project.live
    assert not listed(client, project)
    assert client.get(utils.page_detail_url(project)).status_code == 404

    clock.shift(1.1)  # the scheduled moment passes; nothing is shown until the job runs
    assert not listed(client, project)
    call_command("run_scheduled_publishing", times=1, stdout=StringIO())
    project.refresh_from_db()
    assert project.live
    assert listed(client, project)


def test_a_live_page_whose_go_live_is_still_ahead_is_not_shown(client, project_index):
    project = utils.make_project(project_index, title="Tidig")
    ProjectPage.objects.filter(pk=project.pk).update(go_live_at=timezone.now() + timedelta(hours=1))
    assert not listed(client, project)
    assert client.get(project.url).status_code == 404
