"""Purging a CDN or Varnish by surrogate key: one small backend per kind of cache.

Wagtail's frontend-cache backends purge URLs only; a response here names what
it contains (``surrogate_keys.py``), and a change purges every cached object
that names what changed, whatever its URL (a listing, a page that links to
the changed one). Each backend is configured like Wagtail's, by a dict with
``BACKEND`` (``SAMVERKAN_API["SURROGATE_KEY_PURGE"]``), and sends its cache's
own purge request:

- ``VarnishXkeyBackend``: ``PURGE`` to ``LOCATION`` with the keys in an
  ``xkey-purge`` header, as ``deploy/varnish/default.vcl`` expects (the xkey
  vmod of varnish-modules);
- ``CloudflareTagBackend``: Cloudflare's purge by ``tags`` (the ``Cache-Tag``
  header), with ``BEARER_TOKEN`` or ``EMAIL`` and ``API_KEY``;
- ``FastlyKeyBackend``: Fastly's purge by surrogate key (``SERVICE_ID``,
  ``API_TOKEN``; ``SOFT`` for a soft purge).

A purge that fails is logged; it never stops or undoes the change.
"""

import json
import logging
import urllib.request
from urllib.parse import quote

logger = logging.getLogger(__name__)

#: Seconds to wait for a cache's answer to one purge request.
TIMEOUT_SECONDS = 5


def batches(keys, size):
    keys = sorted(keys)
    for start in range(0, len(keys), size):
        yield keys[start : start + size]


class KeyPurgeBackend:
    """Purges every cached object that names any of the keys it is given."""

    #: The most keys one request may carry.
    batch_size = 100

    def __init__(self, params):
        self.params = params

    def purge_keys(self, keys):
        for batch in batches(keys, self.batch_size):
            self.purge_batch(batch)

    def purge_batch(self, keys):
        raise NotImplementedError

    def send(self, request):
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            response.read()


class VarnishXkeyBackend(KeyPurgeBackend):
    """Varnish with the xkey vmod: ``PURGE /`` with ``xkey-purge: <key> <key> ...``.

    ``LOCATION`` is Varnish's address, as ``FRONTEND_CACHE_URL`` names it for
    the URL purges. The keys go in one header, so a batch stays well under
    Varnish's header size limit (8 KB by default).
    """

    batch_size = 50

    def purge_batch(self, keys):
        location = self.params["LOCATION"].rstrip("/")
        request = urllib.request.Request(
            f"{location}/", method="PURGE", headers={"xkey-purge": " ".join(keys)}
        )
        self.send(request)


class CloudflareTagBackend(KeyPurgeBackend):
    """Cloudflare's purge by cache tag: ``POST /zones/<ZONEID>/purge_cache {"tags": [...]}``."""

    batch_size = 30  # Cloudflare's limit of tags per request
    api_url = "https://api.cloudflare.com/client/v4"

    def purge_batch(self, keys):
        base = self.params.get("API_URL", self.api_url).rstrip("/")
        url = f"{base}/zones/{quote(self.params['ZONEID'], safe='')}/purge_cache"
        request = urllib.request.Request(
            url,
            method="POST",
            data=json.dumps({"tags": list(keys)}).encode(),
            headers={"Content-Type": "application/json", **self.credentials()},
        )
        self.send(request)

    def credentials(self):
        if self.params.get("BEARER_TOKEN"):
            return {"Authorization": f"Bearer {self.params['BEARER_TOKEN']}"}
        return {"X-Auth-Email": self.params["EMAIL"], "X-Auth-Key": self.params["API_KEY"]}


class FastlyKeyBackend(KeyPurgeBackend):
    """Fastly's purge by surrogate key: ``POST /service/<SERVICE_ID>/purge`` with the keys in
    ``Surrogate-Key``."""

    batch_size = 256  # Fastly's limit of keys per request
    api_url = "https://api.fastly.com"

    def purge_batch(self, keys):
        base = self.params.get("API_URL", self.api_url).rstrip("/")
        url = f"{base}/service/{quote(self.params['SERVICE_ID'], safe='')}/purge"
        headers = {"Fastly-Key": self.params["API_TOKEN"], "Surrogate-Key": " ".join(keys)}
        if self.params.get("SOFT"):
            headers["Fastly-Soft-Purge"] = "1"
        self.send(urllib.request.Request(url, method="POST", data=b"", headers=headers))
