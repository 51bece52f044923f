"""The delivery store: each public page's API representation, rendered once when it changes.

Below the API: the models, the names of what a representation contains, and
what a change makes stale (``refresh.py``), which tells the change log, the
response cache's tags and a CDN once it commits. What renders a
representation and what reads it are in ``content_types/api/``
(``rendering.py``, ``delivery.py``), which look down on this package; nothing
here imports the API (the API renders again what ``refresh.marked_stale``
names).
"""
