"""The sync API's ground floor: the log of pages whose public state may have changed, and tokens.

Mirrors (a static build, a search index, a partner app) ask for everything
once, then for what changed since (``api/sync.py``). What changed comes from
``log.py``, which ``delivery/refresh.py`` appends to once a change commits, and
from the clock (``changes.py``).
"""
