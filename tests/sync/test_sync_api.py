"""The sync API: a full sync, then deltas that bring a mirror's copy to what a full sync gives now.

Changes are committed through Wagtail's own actions, so the change log is
written as in production (``delivery/refresh.py``), and the clock is moved rather
than waited for.
"""

from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from content_types.models import ConferenceIndexPage
from content_types.sync import tokens

from ..utils import add_page, make_conference, make_network, make_programme_item

SYNC_URL = "/api/v2/sync/"


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def content(db, site_tree, commit):
    with commit():
        conference = make_conference(site_tree["conference_index"], title="Läsdagarna")
        item = make_programme_item(conference, title="Om läsning")
        network = make_network(site_tree["network_index"], title="Läsombud")
    return {"conference": conference, "item": item, "network": network}


def sync_pages(client, **query):
    """Every answer of one sync, following ``next_page_token``: (items, deleted, sync token)."""
    items, deleted = [], []
    while True:
        response = client.get(SYNC_URL, query)
        assert response.status_code == 200, response.content
        assert response["Cache-Control"] == "no-store"
        answer = response.json()
        items += answer["items"]
        deleted += answer["deleted"]
        if "next_sync_token" in answer:
            return items, deleted, answer["next_sync_token"]
        query = {"page_token": answer["next_page_token"]}


def full_sync(client, locale="sv"):
    items, deleted, token = sync_pages(client, locale=locale)
    assert deleted == []
    return {item["id"]: item for item in items}, token


def delta(client, token):
    return sync_pages(client, sync_token=token)


def applied(snapshot, items, deleted):
    """A mirror's copy after a delta."""
    copy = dict(snapshot)
    for gone in deleted:
        copy.pop(gone["id"], None)
    copy.update({item["id"]: item for item in items})
    return copy


def deleted_ids(deleted):
    return {gone["id"] for gone in deleted}


class TestFullSync:
    def test_every_public_page_of_the_locale_with_its_detail(self, client, content):
        snapshot, token = full_sync(client)
        public = set(
            Page.objects.live()
            .filter(locale__language_code="sv", depth__gt=1)
            .values_list("pk", flat=True)
        )
        assert set(snapshot) == public
        conference = content["conference"]
        detail = client.get(f"/api/v2/pages/{conference.pk}/").json()
        assert snapshot[conference.pk] == detail
        assert token

    def test_pages_follow_one_another_by_page_token(self, client, content, settings, monkeypatch):
        monkeypatch.setattr("content_types.api.sync.PAGE_SIZE", 2)
        first = client.get(SYNC_URL, {"locale": "sv"}).json()
        assert len(first["items"]) == 2
        assert "next_sync_token" not in first
        snapshot, _token = full_sync(client)
        assert [item["id"] for item in first["items"]] == sorted(snapshot)[:2]

    def test_a_draft_is_not_in_it(self, client, content, site_tree, commit):
        with commit():
            draft = make_conference(site_tree["conference_index"], title="Utkast", publish=False)
        snapshot, _token = full_sync(client)
        assert draft.pk not in snapshot

    def test_another_locales_pages_are_not_in_it(self, client, content, site_tree):
        snapshot, _token = full_sync(client, locale="nb")
        assert content["conference"].pk not in snapshot


class TestDeletedPages:
    """Every way a page stops being public appears in ``deleted``."""

    def test_unpublished(self, client, content, commit):
        snapshot, token = full_sync(client)
        with commit():
            content["conference"].unpublish()
        items, deleted, _token = delta(client, token)
        # The programme item stays live, but is hidden below its conference.
        assert deleted_ids(deleted) >= {content["conference"].pk, content["item"].pk}
        assert {"id": content["conference"].pk, "type": "content_types.ConferencePage"} in deleted

    def test_deleted(self, client, content, commit):
        snapshot, token = full_sync(client)
        conference_id, item_id = content["conference"].pk, content["item"].pk
        with commit():
            Page.objects.get(pk=conference_id).delete()
        _items, deleted, _token = delta(client, token)
        assert {"id": conference_id, "type": "content_types.ConferencePage"} in deleted
        assert {"id": item_id, "type": "content_types.ProgrammeItemPage"} in deleted

    def test_moved_under_a_page_that_is_not_public(self, client, content, site_tree, commit):
        with commit():
            hidden = add_page(
                site_tree["home"], ConferenceIndexPage(title="Arkiv", slug="arkiv"), publish=False
            )
        snapshot, token = full_sync(client)
        with commit():
            Page.objects.get(pk=content["conference"].pk).move(hidden, pos="last-child")
        _items, deleted, _token = delta(client, token)
        assert deleted_ids(deleted) >= {content["conference"].pk, content["item"].pk}

    def test_expired_without_the_scheduled_publishing_job(self, client, content, commit, clock):
        conference = Page.objects.get(pk=content["conference"].pk).specific
        conference.expire_at = timezone.now() + timedelta(hours=1)
        with commit():
            conference.save_revision().publish()
        snapshot, token = full_sync(client)
        assert conference.pk in snapshot

        clock.shift(2 * 60 * 60)

        _items, deleted, _token = delta(client, token)
        assert deleted_ids(deleted) >= {conference.pk, content["item"].pk}

    def test_restricted(self, client, content, commit):
        snapshot, token = full_sync(client)
        with commit():
            PageViewRestriction.objects.create(
                page=content["conference"], restriction_type="password", password="hemligt"
            )
        _items, deleted, _token = delta(client, token)
        assert deleted_ids(deleted) >= {content["conference"].pk, content["item"].pk}
        assert content["network"].pk not in deleted_ids(deleted)


class TestDeltas:
    def test_a_delta_applied_to_the_snapshot_equals_a_fresh_full_sync(
        self, client, content, site_tree, commit, clock
    ):
        snapshot, token = full_sync(client)
        item = Page.objects.get(pk=content["item"].pk).specific
        item.title = "Om läsning och skrivande"
        network = Page.objects.get(pk=content["network"].pk).specific
        with commit():
            item.save_revision().publish()
            network.unpublish()
            added = make_conference(site_tree["conference_index"], title="Bokmässan")
            added.save_revision().publish()
            scheduled = make_conference(site_tree["conference_index"], title="Höstmötet")
            scheduled.go_live_at = timezone.now() + timedelta(minutes=30)
            scheduled.save()
        clock.shift(60 * 60)

        items, deleted, next_token = delta(client, token)

        fresh, _token = full_sync(client)
        assert applied(snapshot, items, deleted) == fresh
        assert {added.pk, scheduled.pk, content["conference"].pk} <= {i["id"] for i in items}
        conference = next(i for i in items if i["id"] == content["conference"].pk)
        assert [entry["title"] for entry in conference["programme"]] == ["Om läsning och skrivande"]
        # And the next delta from there, with nothing changed, changes nothing.
        again_items, again_deleted, _token = delta(client, next_token)
        assert applied(fresh, again_items, again_deleted) == fresh

    def test_a_delta_pages_as_a_full_sync_does(self, client, content, commit, monkeypatch):
        snapshot, token = full_sync(client)
        with commit():
            content["conference"].unpublish()
        monkeypatch.setattr("content_types.api.sync.PAGE_SIZE", 1)
        items, deleted, _token = delta(client, token)
        assert applied(snapshot, items, deleted) == full_sync(client)[0]

    def test_a_change_in_another_locale_is_not_in_the_delta(self, client, content, commit):
        _snapshot, token = full_sync(client, locale="nb")
        with commit():
            content["conference"].unpublish()
        items, deleted, _token = delta(client, token)
        assert content["conference"].pk not in deleted_ids(deleted)


class TestBadTokens:
    def assert_start_over(self, response, status=400):
        assert response.status_code == status
        assert response["Content-Type"] == "application/json"
        assert "start a full sync again" in response.json()["message"]

    def test_a_forged_token(self, client, content):
        self.assert_start_over(client.get(SYNC_URL, {"sync_token": "not-a-token"}))

    def test_a_token_signed_with_another_key(self, client, content):
        forged = signing.dumps(
            {"kind": "sync", "locale": "sv", "until": [0, 0]}, key="another", salt=tokens.SALT
        )
        self.assert_start_over(client.get(SYNC_URL, {"sync_token": forged}))

    def test_a_page_token_given_as_a_sync_token(self, client, content, monkeypatch):
        monkeypatch.setattr("content_types.api.sync.PAGE_SIZE", 1)
        page_token = client.get(SYNC_URL, {"locale": "sv"}).json()["next_page_token"]
        self.assert_start_over(client.get(SYNC_URL, {"sync_token": page_token}))

    def test_a_token_older_than_the_log_answers_gone(self, client, content, clock, settings):
        _snapshot, token = full_sync(client)
        settings.SAMVERKAN_API = {**settings.SAMVERKAN_API, "SYNC_TOKEN_MAX_AGE": 60 * 60}
        clock.shift(2 * 60 * 60)
        self.assert_start_over(client.get(SYNC_URL, {"sync_token": token}), status=410)

    def test_a_token_from_before_the_log_was_emptied(self, client, content, commit):
        forged = tokens.make("sync", locale="sv", until=[10**9, timezone.now().timestamp()])
        self.assert_start_over(client.get(SYNC_URL, {"sync_token": forged}))

    def test_a_token_asked_for_another_locale(self, client, content):
        _snapshot, token = full_sync(client)
        response = client.get(SYNC_URL, {"sync_token": token, "locale": "nb"})
        assert response.status_code == 400
        assert "locale" in response.json()["message"]

    def test_an_unknown_parameter_or_locale(self, client, content):
        assert client.get(SYNC_URL, {"type": "x"}).status_code == 400
        assert client.get(SYNC_URL, {"locale": "xx"}).status_code == 400

    def test_a_write_is_refused(self, client, content):
        response = client.post(SYNC_URL)
        assert response.status_code == 405
        assert "message" in response.json()

    def test_the_message_is_in_the_clients_language(self, client, content):
        response = client.get(
            SYNC_URL, {"sync_token": "not-a-token"}, headers={"Accept-Language": "sv"}
        )
        assert response.status_code == 400
        assert "börja om med en fullständig synkronisering" in response.json()["message"]
