"""Full-text search in the language of the content.

``backend.SearchBackend`` is what ``WAGTAILSEARCH_BACKENDS`` names. On
PostgreSQL every page and snippet is indexed with the text-search
configuration of its locale's language and searched with the configuration of
the languages asked for, so a Swedish search for "bibliotekens" finds
"bibliotek" and a Norwegian one for "nettverket" finds "nettverk". On other
databases Wagtail's own database backend is used unchanged.
"""
