"""When the content is made and the answers are read: fixed moments, the same on every run."""

from datetime import UTC, datetime

#: When each step of the content is made (content.py).
STEPS = {
    "migrate": datetime(2026, 3, 2, 7, 0, tzinfo=UTC),
    "demo": datetime(2026, 3, 2, 7, 30, tzinfo=UTC),
    "synthetic": datetime(2026, 3, 2, 8, 0, tzinfo=UTC),
    "files": datetime(2026, 3, 2, 8, 20, tzinfo=UTC),
    "private states": datetime(2026, 3, 2, 8, 40, tzinfo=UTC),
}
#: Between the private states' step and the answers: the expired page's expiry.
EXPIRED_AT = datetime(2026, 3, 2, 8, 50, tzinfo=UTC)
#: When every answer is read.
ANSWERED_AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
#: After the answers: the go-live time of a page's scheduled version.
GOES_LIVE_AT = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
