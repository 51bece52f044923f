"""Loading the demo content twice changes nothing the second time."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, Revision, Site

from content_types.models import Organisation, Person, ProgrammeItemSpeaker, Venue

pytestmark = pytest.mark.django_db

COUNTED = (Page, Revision, Organisation, Person, Venue, ProgrammeItemSpeaker, Locale, Site)


def load():
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def test_a_second_run_creates_nothing_changes_nothing_and_says_so():
    first = load()
    counts = {model: model.objects.count() for model in COUNTED}
    latest_revision = Revision.objects.order_by("-pk").values_list("pk", flat=True).first()

    second = load()

    assert "Created conference or seminar: Bibliotekromseminar 2013" in first
    assert "Created programme item: Bokrelease!" in first
    assert "Created" not in second
    assert "0 created" in second
    assert {model: model.objects.count() for model in COUNTED} == counts
    assert Revision.objects.order_by("-pk").values_list("pk", flat=True).first() == latest_revision
