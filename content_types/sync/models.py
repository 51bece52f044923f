"""The change log a sync token counts from."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SyncChange(models.Model):
    """A page whose representation or visibility may have changed, as ``refresh_now`` saw it.

    ``id`` is the log's sequence, which a sync token names. ``page_type`` and
    ``language_code`` are kept so a deleted page can still be told to mirrors
    (``{"id", "type"}``) in its language. A row without a page says that
    every page may have changed (a view restriction, a site, a locale).
    """

    id = models.BigAutoField(primary_key=True)
    page_id = models.PositiveIntegerField(null=True, blank=True)
    page_type = models.CharField(max_length=255, blank=True)
    language_code = models.CharField(max_length=100, blank=True)
    recorded_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("sync change")
        verbose_name_plural = _("sync changes")

    def __str__(self):
        return f"Change {self.id} of page {self.page_id}"
