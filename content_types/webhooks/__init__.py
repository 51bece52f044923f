"""Signed webhooks: external sites hear when public content changes.

A page published, unpublished, deleted or moved, or a snippet that live pages
show changed, becomes one event (``payloads.py``). The signal handlers
(``signals.py``) only enqueue it, once the transaction commits; a background
task (``tasks.py``) sends it to every active subscriber that wants it, signed
with the subscriber's secret, and retries with exponential backoff
(``delivery.py`` makes and logs one attempt). Subscribers and the delivery log
are in the admin, for administrators only (``views.py``, ``permissions.py``).
"""
