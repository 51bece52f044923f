"""A CDN or Varnish in front of the site: what answers name for it, and purging it.

Infrastructure beside the API rather than part of it: the API's answers name
what they contain (``surrogate_keys.py``) and a change purges, once committed,
what it makes stale there, by key (``key_purge_backends.py``: Varnish,
Cloudflare, Fastly) and by URL (``url_purges.py``, with Wagtail's own
frontend-cache backends). Imports nothing of the API: the API looks down at it.
"""
