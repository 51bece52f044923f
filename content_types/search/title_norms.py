"""Title norms of index rows written by their keys, with the average title length kept a while.

Wagtail's PostgreSQL backend ranks a match in the title by the row's title
norm: the average number of terms in the titles of every row over the number
in this row's. The average moves little from one save to the next, so it is
read from the table at most once every ``AVERAGE_SECONDS`` (per database, in
the default cache, which every process shares) rather than on every save.
"""

from django.core.cache import cache
from django.db.models import Avg, F
from django.db.models.functions import Length

#: How long the average title length is kept before it is read from the table again.
AVERAGE_SECONDS = 600


def titled(rows):
    """The rows of ``rows`` with a title, each with its number of terms (``title_length``)."""
    return rows.annotate(title_length=Length("title")).filter(title_length__gt=0)


def average_title_length(entries, seconds=AVERAGE_SECONDS):
    """The average number of terms in the non-empty titles of ``entries``'s table; None if none."""
    key = f"samverkan:search:title-length-average:{entries.db}"
    average = cache.get(key)
    if average is None:
        table = entries.model.objects.using(entries.db)
        average = titled(table).aggregate(average=Avg("title_length"))["average"]
        if average is not None:
            cache.set(key, average, seconds)
    return average


def set_norms(rows, seconds=AVERAGE_SECONDS):
    """Give ``rows`` (index rows, a queryset) the norm of their titles against the average."""
    average = average_title_length(rows, seconds)
    if average is None:
        return
    titled(rows).update(title_norm=average / F("title_length"))
