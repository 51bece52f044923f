"""Abstract inline relations shared by the page types.

Pages list people, organisations, participant groups and documents in the
same way; each page type makes a concrete, ordered InlinePanel row from these.
Every row is translatable: its text (a role, a note, a label) is translated
with the page it belongs to.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin

from .snippets.models import OrganisationKind


class DatePrecision(models.TextChoices):
    """How much of a stored date is known; sites show only the known part."""

    DAY = "day", _("Exact date")
    MONTH = "month", _("Month only")
    YEAR = "year", _("Year only")


class PersonRelation(TranslatableMixin, Orderable):
    person = models.ForeignKey(
        "content_types.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(
        _("role"), max_length=255, blank=True, help_text=_("e.g. Project manager, Contact.")
    )

    panels = [FieldRowPanel([FieldPanel("person"), FieldPanel("role")])]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True

    def __str__(self):
        return str(self.person)


class OrganisationRelation(TranslatableMixin, Orderable):
    organisation = models.ForeignKey(
        "content_types.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("organisation"), FieldPanel("note")])]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True

    def __str__(self):
        return str(self.organisation)


class ParticipantGroup(TranslatableMixin, Orderable):
    """How many organisations of one kind take part, e.g. "Gymnasiebibliotek (3)"."""

    library_type = models.CharField(
        _("kind of organisation"), max_length=30, choices=OrganisationKind.choices
    )
    label = models.CharField(
        _("label"), max_length=255, blank=True, help_text=_("Shown instead of the kind, if given.")
    )
    count = models.PositiveIntegerField(_("number"), null=True, blank=True)

    panels = [FieldRowPanel([FieldPanel("library_type"), FieldPanel("label"), FieldPanel("count")])]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.label or self.get_library_type_display()


class DocumentLink(TranslatableMixin, Orderable):
    """A document from the library, or a link to one elsewhere."""

    title = models.CharField(_("title"), max_length=255)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("link"), blank=True)

    panels = [FieldPanel("title"), FieldRowPanel([FieldPanel("document"), FieldPanel("url")])]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if not self.document_id and not self.url:
            raise ValidationError(_("Choose a document or give a link."))
