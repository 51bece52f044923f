"""The address a request came from, behind a known number of proxies.

Throttles count failures per address, so the address must be one the client
cannot choose. Each proxy in front of the application appends the address it
saw to ``X-Forwarded-For``; whatever the client sent itself stays on the left.
With ``SAMVERKAN_TRUSTED_PROXY_COUNT = N`` the address is the N-th entry from
the right, the one the outermost proxy appended; with 0 the header is ignored
and the address is ``REMOTE_ADDR``.

This only holds when N is exactly the number of proxies in front and the
application server can be reached through them alone: a client that reaches
it directly while N is 1 writes the address it is counted under itself.
"""

from django.conf import settings

DEFAULT_TRUSTED_PROXY_COUNT = 0


def trusted_proxy_count():
    return getattr(settings, "SAMVERKAN_TRUSTED_PROXY_COUNT", DEFAULT_TRUSTED_PROXY_COUNT)


def client_address(request):
    """The address the outermost trusted proxy saw, or ``REMOTE_ADDR``.

    Counted from the right, so that an address a client writes into
    ``X-Forwarded-For`` itself is never taken. A request that carries fewer
    entries than there are proxies did not come through all of them; it is
    counted under ``REMOTE_ADDR``. Also django-axes' ``AXES_CLIENT_IP_CALLABLE``.
    """
    proxies = trusted_proxy_count()
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
