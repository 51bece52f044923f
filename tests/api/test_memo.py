"""What the API works out once per process: the fields an answer shows."""

import pytest
from wagtail.api.v2.utils import BadRequestError

from content_types.api.delivery import PLANS, field_plan
from content_types.api.memo import Memo
from content_types.api.views import ContentPagesAPIViewSet
from content_types.models import ConferencePage


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


def plan(fields, show_details=True):
    return field_plan(ContentPagesAPIViewSet, ConferencePage, fields, show_details)


def test_the_fields_of_an_answer_are_worked_out_once_for_the_same_fields():
    PLANS.clear()
    assert plan("title,venue") is plan("title,venue")
    assert plan("title,venue") is not plan("title")
    assert plan("title", show_details=False) is not plan("title")
    assert len(PLANS) == 3


def test_the_fields_are_in_wagtails_order_with_meta_fields_named():
    chosen = plan("_,venue,title,slug", show_details=False)

    assert chosen.names == ("title", "venue", "slug")
    assert "slug" in chosen.meta and "venue" not in chosen.meta
    assert "parent" not in plan("*", show_details=False).names
    assert "parent" in plan("*").names


def test_unknown_fields_are_refused_every_time_they_are_asked_for():
    for _attempt in range(2):
        with pytest.raises(BadRequestError, match="unknown fields: nonsense"):
            plan("title,nonsense")
