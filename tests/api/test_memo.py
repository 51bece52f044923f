"""What the API works out once per process: serializer classes, their fields, the keys they follow."""

import pytest
from samverkan.api import api_router
from wagtail.api.v2.utils import BadRequestError, parse_fields_parameter

from content_types.api.loading import CHAINS, select_chains
from content_types.api.memo import Memo
from content_types.api.serializers import PersonSerializer, SpeakerSerializer
from content_types.api.views import ContentPagesAPIViewSet
from content_types.models import ConferencePage, ProgrammeItemSpeaker

from ..utils import make_person


def test_a_memo_computes_each_key_once():
    memo = Memo(size=4)
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert memo.get("a", compute) == 1
    assert memo.get("a", compute) == 1
    assert memo.get("b", compute) == 2
    assert len(calls) == 2


def test_a_memo_forgets_its_oldest_key_when_full():
    memo = Memo(size=2)
    for key in "abc":
        memo.get(key, lambda key=key: key.upper())

    assert len(memo) == 2
    assert memo.get("a", lambda: "again") == "again"
    assert memo.get("c", lambda: "again") == "C"


def serializer_class(fields, show_details=True):
    return ContentPagesAPIViewSet._get_serializer_class(
        api_router, ConferencePage, parse_fields_parameter(fields), show_details=show_details
    )


def test_a_serializer_class_is_made_once_for_the_same_fields():
    assert serializer_class("title,venue") is serializer_class("title,venue")
    assert serializer_class("title,venue") is not serializer_class("title")
    assert serializer_class("title", show_details=False) is not serializer_class("title")


def test_unknown_fields_are_refused_every_time_they_are_asked_for():
    for _attempt in range(2):
        with pytest.raises(BadRequestError, match="unknown fields: nonsense"):
            serializer_class("title,nonsense")


@pytest.mark.django_db
def test_each_serializer_has_fields_of_its_own():
    person = make_person("Eva Ek", title="Bibliotekarie")
    first, second = PersonSerializer(), PersonSerializer()

    assert list(first.fields) == ["id", "name", "title", "organisation", "email", "phone"]
    assert list(second.fields) == list(first.fields)
    assert first.fields["name"] is not second.fields["name"]
    assert first.fields["name"].parent is first and second.fields["name"].parent is second
    assert second.to_representation(person)["title"] == "Bibliotekarie"


def test_the_foreign_keys_a_serializer_follows_are_worked_out_once_per_class():
    CHAINS.clear()
    chains = select_chains(SpeakerSerializer(), ProgrammeItemSpeaker)

    # The speaker's organisation is followed with the organisation it is part of.
    assert set(chains) >= {"person", "organisation__parent"}
    assert select_chains(SpeakerSerializer(), ProgrammeItemSpeaker) == chains
    assert len(CHAINS) > 0
    remembered = len(CHAINS)
    select_chains(SpeakerSerializer(), ProgrammeItemSpeaker)
    assert len(CHAINS) == remembered
