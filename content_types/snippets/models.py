"""Snippets shared by projects, networks and conferences.

Every snippet carries text that readers see, so every snippet is translatable:
the Norwegian version of a page points at the Norwegian version of a snippet.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from .contact import CONTACT_FLAGS, give_flags_to_translations, take_flags_from_source
from .forms import PersonForm


class Country(models.TextChoices):
    SWEDEN = "SE", _("Sweden")
    NORWAY = "NO", _("Norway")
    DENMARK = "DK", _("Denmark")
    FINLAND = "FI", _("Finland")
    ICELAND = "IS", _("Iceland")


class OrganisationKind(models.TextChoices):
    PUBLIC_LIBRARY = "public_library", _("Public library")
    REGIONAL_LIBRARY = "regional_library", _("County or regional library")
    ACADEMIC_LIBRARY = "academic_library", _("University or college library")
    SCHOOL_LIBRARY = "school_library", _("School library")
    HOSPITAL_LIBRARY = "hospital_library", _("Hospital library")
    REGION = "region", _("Region or county council")
    EDUCATION = "education", _("University, college or school")
    GOVERNMENT_AGENCY = "government_agency", _("Government agency")
    FUNDER = "funder", _("Funder")
    OTHER = "other", _("Other")


class RegionKind(models.TextChoices):
    COUNTY = "county", _("County (län / fylke)")
    REGION = "region", _("Region of several counties")
    MUNICIPALITY = "municipality", _("Municipality")
    COUNTRY = "country", _("Country")


class Region(TranslatableMixin, index.Indexed, models.Model):
    """A county, region or municipality that projects cover and organisations belong to."""

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=20, choices=RegionKind.choices, default=RegionKind.COUNTY
    )
    country = models.CharField(
        _("country"), max_length=2, choices=Country.choices, default=Country.SWEDEN
    )

    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("kind"), FieldPanel("country")])]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("region or county")
        verbose_name_plural = _("regions and counties")

    def __str__(self):
        return self.name


class FocusArea(TranslatableMixin, index.Indexed, models.Model):
    """A theme of library development, e.g. reading promotion or digital inclusion."""

    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self):
        return self.name


class Organisation(TranslatableMixin, index.Indexed, models.Model):
    """A library, region, school, agency or funder taking part in library development."""

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=30, choices=OrganisationKind.choices, default=OrganisationKind.OTHER
    )
    municipality = models.CharField(_("municipality"), max_length=255, blank=True)
    county = models.ForeignKey(
        Region,
        verbose_name=_("county or region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    country = models.CharField(
        _("country"), max_length=2, choices=Country.choices, default=Country.SWEDEN
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="units",
        help_text=_(
            "The organisation this one is part of, e.g. the university a department belongs to."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("parent"),
        MultiFieldPanel(
            [FieldPanel("municipality"), FieldPanel("county"), FieldPanel("country")],
            heading=_("Location"),
        ),
        FieldPanel("website"),
        FieldPanel("logo"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        ancestor = self.parent
        seen = set()
        while ancestor is not None and ancestor.pk not in seen:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("An organisation cannot be part of itself.")})
            seen.add(ancestor.pk)  # stops at a cycle higher up instead of looping for ever
            ancestor = ancestor.parent


class Person(TranslatableMixin, index.Indexed, models.Model):
    """A speaker, host or contact person.

    E-mail and phone stay out of every public surface unless the editor marks
    them public: a personal address is personal data. The marks are the
    person's, not a language's: every version has its source's (``contact.py``).
    """

    name = models.CharField(_("name"), max_length=255)
    title = models.CharField(
        _("title"), max_length=255, blank=True, help_text=_("Job title, e.g. Library director.")
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    email_is_public = models.BooleanField(
        _("show e-mail publicly"),
        default=False,
        help_text=_("Only public addresses are shown on web sites and in the API."),
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    phone_is_public = models.BooleanField(_("show phone publicly"), default=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("title"),
        FieldPanel("organisation"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("email"), FieldPanel("email_is_public")]),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("phone_is_public")]),
            ],
            heading=_("Contact details"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("title"),
    ]
    # A name is the same in every language; a phone number may differ per site.
    localize_synchronized = ("name",)
    localize_overridable = ("phone",)
    base_form_class = PersonForm

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation_id else self.name

    def save(self, *args, **kwargs):
        """Save, with the source version's contact flags in every language.

        A translation takes its source's flags, whatever it was given; the
        source passes its own to every translation in the same transaction, so
        a flag changed in one language is changed in all of them at once.
        """
        with transaction.atomic(using=kwargs.get("using")):
            is_translation = take_flags_from_source(self)
            if is_translation and kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], *CONTACT_FLAGS}
            super().save(*args, **kwargs)
            if not is_translation:
                give_flags_to_translations(self)

    @property
    def public_email(self):
        """The e-mail address if the person allows it to be shown, else an empty string."""
        return self.email if self.email_is_public else ""

    @property
    def public_phone(self):
        """The phone number if the person allows it to be shown, else an empty string."""
        return self.phone if self.phone_is_public else ""


class Venue(TranslatableMixin, index.Indexed, models.Model):
    """Where a conference or meeting takes place."""

    name = models.CharField(_("name"), max_length=255)
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=255)
    country = models.CharField(
        _("country"), max_length=2, choices=Country.choices, default=Country.SWEDEN
    )
    directions = models.TextField(
        _("directions"), blank=True, help_text=_("How to get there, e.g. near the railway station.")
    )
    directions_url = models.URLField(_("directions link"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldPanel("country"),
            ],
            heading=_("Address"),
        ),
        FieldPanel("directions"),
        FieldPanel("directions_url"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Coordinates")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("city"),
    ]
    localize_synchronized = ("postal_code",)
    localize_overridable = ("street_address",)

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self):
        return f"{self.name}, {self.city}"

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            raise ValidationError({"latitude": _("Latitude must be between -90 and 90.")})
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            raise ValidationError({"longitude": _("Longitude must be between -180 and 180.")})


#: The snippets pages show: what the API, the delivery store and the demo treat as one list.
SNIPPET_MODELS = (Person, Organisation, Venue, FocusArea, Region)
