"""Reading bodies as UTF-8 bytes (``delivery/encoded.py``), and the layout that counts them.

A body read for an answer is the stored text's UTF-8 bytes: on PostgreSQL as
it arrives, never decoded; elsewhere encoded after the read. Either way each
field the layout names is that field's JSON, whatever characters it holds.
"""

import json

import pytest
from django.db import connection

from content_types.api import delivery
from content_types.api.rendering import render, split
from content_types.delivery.encoded import body_bytes, encoded_bodies
from content_types.delivery.models import Representation

pytestmark = pytest.mark.django_db


def test_a_body_read_for_an_answer_is_the_stored_texts_utf8(world):
    conference = world.conference
    stored = Representation.objects.get(page_id=conference.pk)

    (read,) = encoded_bodies(Representation.objects.filter(page_id=conference.pk))

    assert body_bytes(read) == stored.body.encode()
    assert isinstance(read.body, bytes) == (connection.vendor == "postgresql")


def test_reading_bytes_leaves_the_next_query_reading_text(world):
    encoded_bodies(Representation.objects.filter(page_id=world.conference.pk))

    stored = Representation.objects.get(page_id=world.conference.pk)

    assert isinstance(stored.body, str) and isinstance(stored.calendar_event, str)
    assert isinstance(stored.language_code, str)


def test_the_layout_counts_bytes_so_each_field_is_its_json_whatever_its_letters():
    data = {
        "id": 7,
        "meta": {"type": "content_types.ConferencePage", "slug": "läsfrämjande"},
        "title": "Läsning – för alla “nu”",
        "speakers": [{"name": "Åsa Øvergård"}, {"name": "🙂"}],
    }

    layout, body = split(data)

    encoded = body.encode()
    fields = {name: json.loads(encoded[start:end]) for name, start, end in layout}
    assert fields == {
        "id": 7,
        "meta.type": "content_types.ConferencePage",
        "meta.slug": "läsfrämjande",
        "title": "Läsning – för alla “nu”",
        "speakers": [{"name": "Åsa Øvergård"}, {"name": "🙂"}],
    }
    assert layout[-1][2] == len(encoded) > len(body)


def test_a_field_taken_from_a_stored_body_is_its_rendered_json(world):
    rendering = render(world.nb_conference.pk)
    (read,) = encoded_bodies(Representation.objects.filter(page_id=world.nb_conference.pk))

    fields = delivery.representation_fields(read)

    assert [name for name, _start, _end in read.layout] == [
        name for name, _start, _end in rendering.layout
    ]
    for name, start, end in rendering.layout:
        assert bytes(fields[name]).decode() == rendering.body.encode()[start:end].decode()
