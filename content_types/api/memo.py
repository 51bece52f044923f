"""What the API works out once per process: the fields an answer shows (``delivery.field_plan``).

It depends only on the code (the page models, the endpoint, the fields a
request asks for), never on the content, so it lasts as long as the process.
The number kept is bounded all the same: ``?fields=`` lets a client ask for
any number of different field lists.
"""

from threading import Lock


class Memo:
    """``compute()``'s value for each key, up to ``size`` keys; the oldest goes first."""

    def __init__(self, size):
        self.size = size
        self._values = {}
        self._lock = Lock()

    def get(self, key, compute):
        try:
            return self._values[key]
        except KeyError:
            pass
        value = compute()
        with self._lock:
            if len(self._values) >= self.size:
                self._values.pop(next(iter(self._values)))
            self._values[key] = value
        return value

    def clear(self):
        with self._lock:
            self._values.clear()

    def __len__(self):
        return len(self._values)
