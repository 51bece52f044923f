"""Operating the store: ``manage.py rebuild_delivery_store`` and ``check_delivery_store``.

Both run as an operator runs them after a deploy, through ``call_command``.
"""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from content_types.delivery import store
from content_types.delivery.models import ContainedObject, Representation

from ..utils import pages_url

pytestmark = pytest.mark.django_db


def run(command, **options):
    """``command``'s standard output and error."""
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command(command, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def public_page_ids(client):
    response = client.get(pages_url(limit=100, fields="_,id"))
    return {item["id"] for item in response.json()["items"]}


def stored_fields():
    return {
        page_id: (layout, body, version)
        for page_id, layout, body, version in Representation.objects.values_list(
            "page_id", "layout", "body", "version"
        )
    }


def contained_keys():
    return set(ContainedObject.objects.values_list("representation_id", "key"))


class TestRebuild:
    def test_renders_every_public_page_and_drops_the_rest(self, world, client):
        talk, panel = world.talk, world.panel
        Page.objects.filter(pk=talk.pk).update(live=False)  # behind its back: no signal
        store.forget([panel.pk])

        out, _err = run("rebuild_delivery_store")

        public = public_page_ids(client)
        assert set(Representation.objects.values_list("page_id", flat=True)) == public
        assert talk.pk not in public and panel.pk in public
        assert f"Rendered {len(public)} pages; dropped 1 no longer public." in out

    def test_a_second_run_changes_nothing(self, world):
        run("rebuild_delivery_store")
        fields, keys = stored_fields(), contained_keys()

        out, _err = run("rebuild_delivery_store")

        assert stored_fields() == fields
        assert contained_keys() == keys
        assert "dropped 0 no longer public" in out

    def test_a_type_renders_and_drops_the_pages_of_that_type_alone(self, world, client):
        talk, conference, network = world.talk, world.conference, world.network
        Page.objects.filter(pk=talk.pk).update(live=False)  # behind its back: no signal
        store.forget([conference.pk, network.pk])

        out, _err = run("rebuild_delivery_store", types=["content_types.ProgrammeItemPage"])
        also, _err = run("rebuild_delivery_store", types=["content_types.ConferencePage"])

        kept = set(Representation.objects.values_list("page_id", flat=True))
        assert talk.pk not in kept and conference.pk in kept and network.pk not in kept
        assert "dropped 1 no longer public" in out and "dropped 0 no longer public" in also

    def test_a_type_that_is_no_page_type_is_an_error(self, world):
        with pytest.raises(CommandError, match="no page type: content_types.Person"):
            run("rebuild_delivery_store", types=["content_types.Person"])

        assert Representation.objects.exists()

    def test_what_it_renders_is_what_readers_were_served(self, world):
        served = stored_fields()

        run("rebuild_delivery_store")

        assert stored_fields() == served


class TestCheck:
    def test_passes_on_a_store_that_holds_what_the_serializers_make(self, world):
        out, err = run("check_delivery_store", sample=1000)

        assert "The sampled representations match." in out
        assert err == ""

    def test_fails_with_the_page_when_a_stored_body_was_altered_by_hand(self, world):
        conference = world.conference
        representation = Representation.objects.get(page_id=conference.pk)
        altered = representation.body.replace("Biblioteksdagarna", "Biblioteksdagarne")
        Representation.objects.filter(page_id=conference.pk).update(body=altered)

        with pytest.raises(CommandError) as failure:
            run("check_delivery_store", sample=1000)

        assert str(failure.value) == (
            "1 of the sampled representations differ; run manage.py rebuild_delivery_store."
        )

    def test_names_the_pages_that_differ_and_why(self, world):
        conference, talk = world.conference, world.talk
        Representation.objects.filter(page_id=conference.pk).update(layout=[])
        Page.objects.filter(pk=talk.pk).update(live=False)  # behind its back: no signal

        from io import StringIO

        err = StringIO()
        with pytest.raises(CommandError):
            call_command("check_delivery_store", sample=1000, stdout=StringIO(), stderr=err)

        assert set(err.getvalue().splitlines()) == {
            f"Page {conference.pk}: stored fields differ from a new rendering",
            f"Page {talk.pk}: stored, but no longer public",
            # Its Norwegian translation lists it among its translations.
            f"Page {world.nb_talk.pk}: stored fields differ from a new rendering",
        }
