"""The address a request is counted under (content_types/client_address.py).

With TRUSTED_PROXY_COUNT = N the address is the N-th entry of X-Forwarded-For
from the right, the one the outermost proxy appended; what a client writes into
the header itself stays on the left and is never taken. With 0 the header is
ignored. Both the login and the password-form throttling count by it.
"""

import pytest
from django.test import RequestFactory

from content_types.client_address import client_address

PROXY = "10.9.9.9"


def address(forwarded=None, remote=PROXY):
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    return client_address(RequestFactory().get("/", REMOTE_ADDR=remote, headers=headers))


def test_without_proxies_the_address_is_the_connections(settings):
    settings.SAMVERKAN_TRUSTED_PROXY_COUNT = 0
    assert address(remote="203.0.113.7") == "203.0.113.7"


def test_without_proxies_x_forwarded_for_is_ignored(settings):
    settings.SAMVERKAN_TRUSTED_PROXY_COUNT = 0
    assert address("198.51.100.1", remote="203.0.113.7") == "203.0.113.7"


def test_the_plugin_trusts_no_proxy_unless_told(settings):
    del settings.SAMVERKAN_TRUSTED_PROXY_COUNT
    assert address("198.51.100.1", remote="203.0.113.7") == "203.0.113.7"


@pytest.mark.parametrize(
    "proxies, forwarded, expected",
    [
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),
        (2, "203.0.113.7, 10.1.1.1", "203.0.113.7"),
        (2, "198.51.100.1, 198.51.100.2, 203.0.113.7, 10.1.1.1", "203.0.113.7"),
        (3, "203.0.113.7, 10.2.2.2, 10.1.1.1", "203.0.113.7"),
    ],
)
def test_behind_n_proxies_the_address_is_the_nth_from_the_right(
    settings, proxies, forwarded, expected
):
    settings.SAMVERKAN_TRUSTED_PROXY_COUNT = proxies
    assert address(forwarded) == expected


def test_a_forged_left_most_entry_is_ignored(settings):
    settings.SAMVERKAN_TRUSTED_PROXY_COUNT = 1
    assert address("127.0.0.1, 203.0.113.7") == "203.0.113.7"
    assert address("203.0.113.99, 203.0.113.7") == "203.0.113.7"


def test_spaces_and_empty_entries_are_dropped(settings):
    settings.SAMVERKAN_TRUSTED_PROXY_COUNT = 1
    assert address(" 198.51.100.1 ,, 203.0.113.7 ") == "203.0.113.7"


def test_fewer_entries_than_proxies_count_the_connection(settings):
    """The request did not come through every proxy: its own entries cannot be trusted."""
    settings.SAMVERKAN_TRUSTED_PROXY_COUNT = 2
    assert address("198.51.100.1") == PROXY
    assert address(None) == PROXY


def test_a_client_that_reaches_the_server_directly_chooses_its_address(settings):
    """Why the application server must be reachable only through the proxies.

    With one proxy configured but none in front, the only entry is the client's own.
    """
    settings.SAMVERKAN_TRUSTED_PROXY_COUNT = 1
    assert address("198.51.100.1", remote="203.0.113.7") == "198.51.100.1"
