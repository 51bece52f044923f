"""The fields an answer shows, worked out once per process."""

import pytest
from wagtail.api.v2.utils import BadRequestError

from content_types.api.delivery import field_plan
from content_types.api.views import ContentPagesAPIViewSet
from content_types.models import ConferencePage


def plan(fields, show_details=True):
    return field_plan(ContentPagesAPIViewSet, ConferencePage, fields, show_details)


def test_the_fields_of_an_answer_are_worked_out_once_for_the_same_fields():
    field_plan.cache_clear()
    assert plan("title,venue") is plan("title,venue")
    assert plan("title,venue") is not plan("title")
    assert plan("title", show_details=False) is not plan("title")
    assert field_plan.cache_info().currsize == 3


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
