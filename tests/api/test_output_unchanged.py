"""Every public API answer is, byte for byte, what the record says the code answered.

The read side of the API may be rebuilt; what it answers must not change. The
record (``tests/api/records/endpoints.json.gz``) holds every endpoint's
answer over fixed content: the demo, a small synthetic set, a few files and
pages the public must not see, built in a fresh database under a stopped clock
(``tests/api/endpoint_record/``). This test makes the same requests against
the current code, in a process of its own, and compares every answer with it.
Record again (``python -m tests.api.endpoint_record --update``) only for a
change of output that is meant.
"""

import pytest

from .endpoint_record import answer_every_request, read_record
from .endpoint_record.comparison import compare, describe

pytestmark = pytest.mark.slow


def test_every_endpoint_answers_byte_for_byte_as_recorded():
    differences = compare(read_record(), answer_every_request())
    if differences:
        pytest.fail(describe(differences), pytrace=False)
