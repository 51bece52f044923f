"""Each server process's own copies of the responses it has read from the API cache.

A cache hit reads the content generation and the response's ``Validator``
from the shared cache, a few dozen bytes, and the body from this process's
memory when it holds the copy the validator names. Without it every hit
carries the whole body (a conference with its programme is some 150 kB) from
Redis and unpickles it. The shared cache stays the authority: a copy is only
answered while the validator it read in the same round trip names the copy's
ETag and generation, so a bump or a new response is seen at once by every
process.
"""

import threading
from collections import OrderedDict


class LocalCopies:
    """The most recently used stored responses, up to ``limit`` bytes of body in all."""

    def __init__(self, limit):
        self.limit = limit
        self.size = 0
        self.copies = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, validator):
        """The copy under ``key`` if it is the response ``validator`` names, else None."""
        with self.lock:
            stored = self.copies.get(key)
            if stored is None:
                return None
            if stored.etag != validator.etag or stored.generation != validator.generation:
                self.discard(key)
                return None
            self.copies.move_to_end(key)
            return stored

    def put(self, key, stored):
        size = len(stored.body)
        if size > self.limit:
            return
        with self.lock:
            self.discard(key)
            self.copies[key] = stored
            self.size += size
            while self.size > self.limit:
                _key, oldest = self.copies.popitem(last=False)
                self.size -= len(oldest.body)

    def clear(self):
        with self.lock:
            self.copies.clear()
            self.size = 0

    def discard(self, key):
        stored = self.copies.pop(key, None)
        if stored is not None:
            self.size -= len(stored.body)
