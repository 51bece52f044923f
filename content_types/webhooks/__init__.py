"""Signed webhooks: external sites hear when public content changes.

A page published, unpublished, deleted or moved, or a snippet that live pages
show changed, becomes one event (``payloads.py``). The signal handlers
(``signals.py``) only enqueue it, once the transaction commits; a background
task (``tasks.py``) sends it to every active subscriber that wants it, signed
with the subscriber's secret over its id, time and body (``verify.py`` is the
receiver's check), and retries with exponential backoff (``delivery.py`` makes
and logs one attempt). An attempt reaches only an address that was checked to
be public or allowed (``addresses.py``), all within one deadline
(``transport.py``). Settings and their defaults are in ``conf.py``. Subscribers
and the delivery log are in the admin, for administrators only (``views.py``,
``permissions.py``).
"""
