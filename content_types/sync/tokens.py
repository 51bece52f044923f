"""Sync and page tokens: opaque to clients, signed, and valid across restarts.

Signed with the site's ``SECRET_KEY`` (``django.core.signing``, a salt of
their own), so a client cannot make one up and a restart does not end them.
A token older than ``SYNC_TOKEN_MAX_AGE`` is refused: the change log it
counts from is pruned after that long.
"""

from django.core import signing

from ..content_state import api_setting

SALT = "samverkan.sync"


class UnknownToken(Exception):
    """A token this site did not make, or made for another kind of request."""


class ExpiredToken(Exception):
    """A token older than the change log is kept."""


def make(kind, **values):
    return signing.dumps({"kind": kind, **values}, salt=SALT, compress=True)


def read(kind, token):
    """The values of a ``kind`` token; raises ``UnknownToken`` or ``ExpiredToken``."""
    try:
        values = signing.loads(token, salt=SALT, max_age=api_setting("SYNC_TOKEN_MAX_AGE"))
    except signing.SignatureExpired as error:
        raise ExpiredToken from error
    except signing.BadSignature as error:
        raise UnknownToken from error
    if not isinstance(values, dict) or values.get("kind") != kind:
        raise UnknownToken
    return values
