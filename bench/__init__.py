"""The content API's benchmark, run by ``make bench`` (``python -m bench.run``).

Not a test: it measures throughput and latency through a real server and
checks them against the budget in ``budget.py``.
"""
