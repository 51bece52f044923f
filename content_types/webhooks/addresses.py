"""Where webhooks may go: public addresses, and the internal networks allowed by name.

A subscriber's URL could otherwise turn deliveries inward: a POST to the
loopback interface, to a cloud's metadata service (169.254.169.254) or into
the private network, with the delivery log reporting how each answered (a port
scanner). So the URL's host is resolved, and every address it resolves to must
be public (``is_public``) or in ``ALLOWED_NETWORKS`` (``is_permitted``). This
is checked when a subscriber is saved and again at every attempt, and the
attempt connects to an address it checked (``transport.py``): a name that
resolves to something else the second time cannot switch the connection.
"""

import ipaddress
import socket
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from .conf import get_setting

SCHEMES = {"http": 80, "https": 443}

# IPv6 addresses that stand for an IPv4 address: what they reach is that address.
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class AddressRefused(Exception):
    """The host is, or resolves to, an address webhooks are not sent to."""


class HostNotFound(Exception):
    """The host name does not resolve."""


class UnsupportedURL(ValueError):
    """Not an http or https URL with a host."""


@dataclass(frozen=True)
class Target:
    """What a subscriber's URL says: where to connect, and what to ask for there."""

    scheme: str
    host: str
    port: int
    path: str

    @classmethod
    def from_url(cls, url):
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise UnsupportedURL(str(exc)) from exc
        scheme = parts.scheme.lower()
        if scheme not in SCHEMES or not parts.hostname:
            raise UnsupportedURL("not an http or https URL with a host")
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return cls(scheme, parts.hostname, port or SCHEMES[scheme], path)


def allowed_networks():
    """``ALLOWED_NETWORKS`` as networks: where internal receivers may be reached.

    Entries are networks or single addresses (``10.20.0.0/16``, ``192.168.1.7``);
    a string is read as a comma-separated list.
    """
    entries = get_setting("ALLOWED_NETWORKS") or ()
    if isinstance(entries, str):
        entries = entries.split(",")
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(str(entry).strip(), strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"SAMVERKAN_WEBHOOKS['ALLOWED_NETWORKS']: {entry!r} is not a network "
                "or address (e.g. 10.20.0.0/16 or 192.168.1.7)."
            ) from exc
    return networks


def embedded_ipv4(address):
    """The IPv4 address an IPv6 address stands for (mapped, 6to4, NAT64), if any."""
    if address.version != 6:
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public(address):
    """Whether ``address`` is one on the public internet.

    Not loopback, link-local (169.254.0.0/16, fe80::/10), private (10/8,
    172.16/12, 192.168/16, fc00::/7), shared (100.64.0.0/10), documentation,
    benchmarking, reserved, multicast or unspecified, nor an IPv6 address that
    stands for such an IPv4 address (``::ffff:127.0.0.1``).
    """
    inner = embedded_ipv4(address)
    if inner is not None:
        return is_public(inner)
    return address.is_global and not (
        address.is_multicast
        or address.is_reserved
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_unspecified
    )


def is_permitted(address, networks=None):
    """Whether webhooks may be sent to ``address``: a public one, or one allowed by name."""
    networks = allowed_networks() if networks is None else networks
    candidates = [address, embedded_ipv4(address)]
    for candidate in filter(None, candidates):
        if any(candidate.version == net.version and candidate in net for net in networks):
            return True
    return is_public(address)


def resolve(host, port, *, timeout):
    """The addresses ``host`` stands for, in the resolver's order, within ``timeout`` seconds.

    An address literal is its own answer. ``getaddrinfo`` takes no timeout, so
    it runs in a thread that is left to finish on its own when time is up.
    """
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    answer = {}

    def lookup():
        try:
            answer["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            answer["error"] = exc

    thread = threading.Thread(target=lookup, name="webhook-resolve", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise TimeoutError(f"{host} was not resolved within {timeout:.1f} s")
    if "error" in answer or not answer.get("infos"):
        raise HostNotFound(host)
    addresses = []
    for _family, _type, _proto, _canonname, sockaddr in answer["infos"]:
        address = ipaddress.ip_address(sockaddr[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def checked_addresses(host, port, *, timeout):
    """The addresses of ``host``, all of them permitted; ``AddressRefused`` if any is not.

    One address that is not permitted refuses the host: a name that resolves to
    a public and a private address is not tried on the public one alone.
    """
    addresses = resolve(host, port, timeout=timeout)
    networks = allowed_networks()
    if not all(is_permitted(address, networks) for address in addresses):
        raise AddressRefused(host)
    return addresses


@checks.register(checks.Tags.security)
def check_allowed_networks(app_configs=None, **kwargs):
    """``manage.py check`` reports an ALLOWED_NETWORKS entry that is not a network."""
    try:
        allowed_networks()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="samverkan.webhooks.E001")]
    return []
