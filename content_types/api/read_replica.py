"""The public API's anonymous reads from a read replica (``DATABASE_REPLICA_URL``).

Readers of the public API far outnumber editors, and what they read changes a
few times a day: a replica of the database can take their queries off the
primary. ``ReadReplicaRouter`` sends a read to the replica (the ``replica``
alias) only inside ``reading_from(True)``, which the public endpoints open
around an anonymous GET or HEAD (``views.ReplicaReadsMixin``): the visibility
rules' and the filters' queries, and the delivery store's lookups. Everything
else reads and writes the primary (``default``): the admin, previews, requests
with a login, a session or credentials, the rendering that writes into the
delivery store, reads made for a write (``select_for_update``,
``get_or_create``) and anything inside a transaction.

A replica lags behind the primary; what it holds is served, never kept as current:

- a representation it holds stale, or not at all, is rendered from the primary
  (``rendering.render`` reads there) and saved there only if the primary's
  copy is still at the version the replica showed (``delivery.store.save``);
- for ``SAMVERKAN_API["REPLICA_MAX_LAG"]`` seconds after public content last
  changed (the content generation's date), reads stay on the primary, so
  that what is kept for the generation (the response cache, the values
  ``content_state.remembered``, Wagtail's site roots) is made from the change.
  A replica further behind than that could have an answer from before the
  change kept until the next one.
"""

import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, connections, router

from ..content_state import api_setting, current_generation
from ..delivery.rendering_request import is_rendering
from .caching import is_personal

#: The replica's alias in ``DATABASES`` (the site's settings make it from DATABASE_REPLICA_URL).
REPLICA = "replica"
READ_METHODS = ("GET", "HEAD")

#: Whether the reads of this request (this thread or task) may go to the replica.
replica_reads = ContextVar("samverkan_replica_reads", default=False)


@contextmanager
def reading_from(replica):
    """Reads inside the block go to the replica (``replica`` true) or to the primary."""
    token = replica_reads.set(replica)
    try:
        yield
    finally:
        replica_reads.reset(token)


def reading_from_primary():
    """Reads inside the block (or the decorated function) go to the primary, whatever encloses it."""
    return reading_from(False)


def may_read_from_replica(request):
    """Whether ``request``'s answer may be read from the replica: the router is installed, it is
    an anonymous GET or HEAD (not a rendering for the store) and public content has not changed
    for ``REPLICA_MAX_LAG`` seconds."""
    return (
        replica_in_use()
        and request.method in READ_METHODS
        and not is_rendering(request)
        and not is_personal(request)
        and replica_caught_up()
    )


def replica_in_use():
    return any(isinstance(each, ReadReplicaRouter) for each in router.routers)


def replica_caught_up():
    try:
        changed = current_generation().modified
    except Exception:  # the cache is down: when content last changed is not known
        return False
    return time.time() - changed >= api_setting("REPLICA_MAX_LAG")


class ReadReplicaRouter:
    """Routes reads inside ``reading_from(True)`` to the replica; all else to the primary.

    Installed by the site's settings when ``DATABASE_REPLICA_URL`` is set.
    """

    def db_for_read(self, model, **hints):
        if replica_reads.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        """The replica holds the primary's rows: a row read from one may point at the other's."""
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        """Migrations run on the primary only; the replica follows it."""
        return db == DEFAULT_DB_ALIAS
