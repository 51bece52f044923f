"""Stored representations read with their bodies as the UTF-8 bytes the database holds.

An answer from the store goes out as UTF-8. A body read as text is decoded by
the database driver, and the answer made of it encoded again: for a listing
of conferences with their programmes, megabytes each way on every read, the
largest part of its cost. On PostgreSQL the one query that reads the bodies
gets a psycopg loader that keeps the text it receives as bytes, registered on
that query's cursor alone through Django's public ``execute_wrapper``. Other
databases give text, which the read encodes (``api/delivery.py``).
"""

from contextlib import nullcontext

from django.db import connections

try:
    from psycopg.adapt import Loader
except ImportError:  # no PostgreSQL driver installed: every body is read as text
    Loader = None

#: What a read of the store's bodies leaves out: the calendar's, read as text by the feeds.
NOT_READ_ENCODED = ("calendar_event", "calendar_time_zones")


if Loader is not None:

    class TextAsUtf8Bytes(Loader):
        """psycopg's ``text`` as the bytes it arrives in: the connection's encoding, UTF-8."""

        def load(self, data):
            return bytes(data)


def keep_text_as_bytes(execute, sql, params, many, context):
    """An ``execute_wrapper``: the cursor of this query loads ``text`` columns as bytes."""
    context["cursor"].adapters.register_loader("text", TextAsUtf8Bytes)
    return execute(sql, params, many, context)


def encoded_bodies(queryset):
    """``queryset`` (of ``Representation``) read with each body as UTF-8 bytes where the
    database can give them so; a body read as text stays text (``body_bytes``).

    The text columns other than the body are left out, so that no other field
    is read as bytes.
    """
    connection = connections[queryset.db]
    reading = (
        connection.execute_wrapper(keep_text_as_bytes)
        if connection.vendor == "postgresql" and Loader is not None
        else nullcontext()
    )
    with reading:
        return list(queryset.defer(*NOT_READ_ENCODED))


def body_bytes(representation):
    """The representation's body as UTF-8 bytes, however it was read."""
    body = representation.body
    return body.encode() if isinstance(body, str) else body
