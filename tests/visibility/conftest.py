"""Every private state and its public counterpart, built once for the whole package.

The world is built inside a transaction that spans the package and is rolled
back at its end; each test still runs in its own savepoint, so a test that
changes something (the cache tests do) leaves the world as it was.
"""

import pytest

from ..conftest import ModuleTransaction
from .states import World


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with ModuleTransaction(django_db_blocker):
        with django_db_blocker.unblock():
            built = World(tmp_path_factory)
        yield built
