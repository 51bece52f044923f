"""What the delivery store keeps: a page's representation, and what it contains."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class RepresentationQuerySet(models.QuerySet):
    def current(self, now):
        """Representations that may be served as they are at ``now``: not marked stale,
        and rendered before anything they show could change by the clock."""
        return self.filter(stale=False).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gt=now)
        )

    def containing(self, keys):
        """Representations that show any of the objects named by ``keys`` (``delivery.keys``)."""
        return self.filter(
            pk__in=ContainedObject.objects.filter(key__in=list(keys)).values("representation")
        )


class Representation(models.Model):
    """One public page as the API's detail shows it, split into its fields.

    ``body`` holds every field's value as the JSON the API sends, one after
    another; ``layout`` names them in the detail's order with where each
    starts and ends in ``body`` (``[[name, start, end], ...]``; meta fields
    are named ``meta.<name>``). A response of any ``?fields=`` is put together
    from these pieces without serialising again (``api/delivery.py``).

    ``version`` moves whenever something the representation shows changes; a
    rendering begun before that is not saved over it. ``stale`` asks for a new
    rendering before the next read; ``valid_until`` is when the clock alone
    changes what it shows (a live page's go-live or expiry, a registration
    closing, a meeting passing).

    ``calendar_event`` is the page's event in the calendar feeds, as
    ``Calendar.to_ical()`` writes it ("" for a page that is no event), and
    ``calendar_time_zones`` the zones its times name with the years they fall
    in (``feeds/events.py``); neither is part of the API's output.
    """

    page = models.OneToOneField(Page, on_delete=models.CASCADE, primary_key=True, related_name="+")
    language_code = models.CharField(max_length=100)
    layout = models.JSONField()
    body = models.TextField()
    version = models.PositiveBigIntegerField(default=0)
    stale = models.BooleanField(default=False)
    rendered_at = models.DateTimeField()
    valid_until = models.DateTimeField(null=True, blank=True)
    calendar_event = models.TextField(blank=True, default="")
    calendar_time_zones = models.JSONField(blank=True, default=dict)

    objects = RepresentationQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivered representation")
        verbose_name_plural = _("delivered representations")

    def __str__(self):
        return f"Representation of page {self.page_id}"


class ContainedObject(models.Model):
    """An object a representation shows (``delivery.keys`` names it): what a change to it re-renders.

    Kept for each representation so that a change re-renders exactly the
    representations that show the changed object, and so that what a
    response contains can be named (cache tags, surrogate keys).
    """

    representation = models.ForeignKey(
        Representation, on_delete=models.CASCADE, related_name="contained"
    )
    key = models.CharField(max_length=120, db_index=True)

    class Meta:
        verbose_name = _("contained object")
        verbose_name_plural = _("contained objects")
        constraints = [
            models.UniqueConstraint(fields=["representation", "key"], name="unique_contained_key")
        ]

    def __str__(self):
        return self.key
