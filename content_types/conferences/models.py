"""Conferences, seminars and network meetings, and the items of their programme."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from ..api.serializers import (
    DocumentLinkSerializer,
    ImageSerializer,
    InLanguageOf,
    JsonLdField,
    JsonLdScriptField,
    OrganisationRelationSerializer,
    PageLinkField,
    PersonSerializer,
    RegionSerializer,
    SpeakerSerializer,
    VenueSerializer,
    ZonedDateTimeField,
)
from ..feeds.api import CalendarURLField, ProgrammeItemCalendarURLField
from ..pages import IndexPage, page_image, tabbed_editor
from ..pick_lists import LanguagePageForm
from ..preview import DraftPreviewMixin
from ..relations import DocumentLink, OrganisationRelation
from .embed import EventsEmbedPanel, ProgrammeEmbedPanel
from .forms import ProgrammeItemForm
from .serializers import IncludedSerializer, ProgrammeSerializer, RegistrationSerializer


class ConferenceKind(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    SEMINAR = "seminar", _("Seminar")
    WORKSHOP = "workshop", _("Workshop")
    NETWORK_MEETING = "network_meeting", _("Network meeting")
    COURSE = "course", _("Course")
    OTHER = "other", _("Other")


class ConferenceStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")


class Currency(models.TextChoices):
    SEK = "SEK", _("Swedish kronor (SEK)")
    NOK = "NOK", _("Norwegian kroner (NOK)")
    DKK = "DKK", _("Danish kroner (DKK)")
    EUR = "EUR", _("Euro (EUR)")


class TimeZoneName(models.TextChoices):
    STOCKHOLM = "Europe/Stockholm", _("Sweden (Europe/Stockholm)")
    OSLO = "Europe/Oslo", _("Norway (Europe/Oslo)")
    COPENHAGEN = "Europe/Copenhagen", _("Denmark (Europe/Copenhagen)")
    HELSINKI = "Europe/Helsinki", _("Finland (Europe/Helsinki)")


class ProgrammeItemKind(models.TextChoices):
    TALK = "talk", _("Talk")
    PANEL = "panel", _("Panel")
    WORKSHOP = "workshop", _("Workshop")
    BREAK = "break", _("Break")
    MEAL = "meal", _("Meal")
    TRAVEL = "travel", _("Travel")
    REGISTRATION = "registration", _("Registration")
    OTHER = "other", _("Other")


class SpeakerRole(models.TextChoices):
    SPEAKER = "speaker", _("Speaker")
    HOST = "host", _("Host")
    MODERATOR = "moderator", _("Moderator")
    PANELLIST = "panellist", _("Panellist")


def default_time_zone():
    return (
        settings.TIME_ZONE if settings.TIME_ZONE in TimeZoneName.values else TimeZoneName.STOCKHOLM
    )


class ConferenceIndexPage(IndexPage):
    """The list of conferences and seminars of one site and language."""

    subpage_types = ["content_types.ConferencePage"]
    content_panels = IndexPage.content_panels + [EventsEmbedPanel()]

    class Meta:
        verbose_name = _("conference index")
        verbose_name_plural = _("conference indexes")


class ConferenceOrganiser(OrganisationRelation):
    page = ParentalKey(
        "content_types.ConferencePage", related_name="organisers", on_delete=models.CASCADE
    )

    class Meta(OrganisationRelation.Meta):
        verbose_name = _("organiser")


class ConferenceDocument(DocumentLink):
    page = ParentalKey(
        "content_types.ConferencePage", related_name="documents", on_delete=models.CASCADE
    )

    class Meta(DocumentLink.Meta):
        verbose_name = _("document")


class ConferencePage(DraftPreviewMixin, Page):
    """A conference, seminar, workshop or network meeting; its programme items are its children."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=ConferenceKind.choices, default=ConferenceKind.CONFERENCE
    )
    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    description = RichTextField(_("description"), blank=True)
    image = page_image()
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ConferenceStatus.choices,
        default=ConferenceStatus.SCHEDULED,
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    timezone = models.CharField(
        _("time zone"),
        max_length=40,
        choices=TimeZoneName.choices,
        default=default_time_zone,
        help_text=_("Times are shown in the time zone of the place where the event is held."),
    )
    doors_open = models.DateTimeField(
        _("registration opens"),
        null=True,
        blank=True,
        help_text=_("When doors, registration or coffee open, if before the start."),
    )
    venue = models.ForeignKey(
        "content_types.Venue",
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    region = models.ForeignKey(
        "content_types.Region",
        verbose_name=_("region or municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "The county or municipality where the event is held: its place when no venue is given."
        ),
    )
    audience = models.TextField(_("audience"), blank=True, help_text=_("Who is welcome."))
    related_project = models.ForeignKey(
        "content_types.ProjectPage",
        verbose_name=_("related project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conferences",
    )
    contact = models.ForeignKey(
        "content_types.Person",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    more_info_url = models.URLField(_("more information"), blank=True)

    is_free = models.BooleanField(_("free of charge"), default=False)
    price = models.DecimalField(_("price"), max_digits=10, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    no_show_fee = models.DecimalField(
        _("no-show fee"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Charged when a registered participant stays away without notice."),
    )
    includes_lunch = models.BooleanField(_("lunch included"), default=False)
    includes_coffee = models.BooleanField(_("coffee included"), default=False)
    includes_dinner = models.BooleanField(_("dinner included"), default=False)
    includes_accommodation = models.BooleanField(_("accommodation included"), default=False)
    included_note = models.TextField(
        _("also included"), blank=True, help_text=_("e.g. Every participant receives the book.")
    )

    registration_deadline = models.DateField(_("registration deadline"), null=True, blank=True)
    registration_email = models.EmailField(_("register by e-mail"), blank=True)
    registration_url = models.URLField(_("register on the web"), blank=True)
    registration_is_binding = models.BooleanField(_("registration is binding"), default=False)
    registration_asks_dietary = models.BooleanField(
        _("ask for dietary requirements"), default=False
    )
    registration_instructions = models.TextField(
        _("registration instructions"), blank=True, help_text=_("e.g. State name and workplace.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("tagline"),
        FieldPanel("image"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("audience"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("doors_open"), FieldPanel("timezone")]),
                FieldPanel("status"),
            ],
            heading=_("Time"),
        ),
        FieldPanel("venue"),
        FieldPanel("region"),
        ProgrammeEmbedPanel(),
    ]
    practical_panels = [
        MultiFieldPanel(
            [
                FieldPanel("is_free"),
                FieldRowPanel([FieldPanel("price"), FieldPanel("currency")]),
                FieldPanel("no_show_fee"),
            ],
            heading=_("Price"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("includes_coffee"),
                        FieldPanel("includes_lunch"),
                        FieldPanel("includes_dinner"),
                        FieldPanel("includes_accommodation"),
                    ]
                ),
                FieldPanel("included_note"),
            ],
            heading=_("Included"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_deadline"),
                FieldRowPanel([FieldPanel("registration_email"), FieldPanel("registration_url")]),
                FieldRowPanel(
                    [
                        FieldPanel("registration_is_binding"),
                        FieldPanel("registration_asks_dietary"),
                    ]
                ),
                FieldPanel("registration_instructions"),
            ],
            heading=_("Registration"),
        ),
        FieldPanel("contact"),
        InlinePanel("organisers", heading=_("Organisers"), label=_("organiser")),
        FieldPanel("related_project"),
        FieldPanel("more_info_url"),
        InlinePanel("documents", heading=_("Documents"), label=_("document")),
    ]
    edit_handler = tabbed_editor(content_panels, practical_panels, _("Practical details"))
    base_form_class = LanguagePageForm

    search_fields = Page.search_fields + [
        index.SearchField("tagline"),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("start"),
    ]

    api_fields = [
        APIField("kind"),
        APIField("tagline"),
        APIField("description"),
        APIField("image", serializer=ImageSerializer()),
        APIField("status"),
        APIField("start", serializer=ZonedDateTimeField("start")),
        APIField("end", serializer=ZonedDateTimeField("end")),
        APIField("doors_open", serializer=ZonedDateTimeField("doors_open")),
        APIField("timezone"),
        APIField("venue", serializer=InLanguageOf(VenueSerializer())),
        APIField("region", serializer=InLanguageOf(RegionSerializer())),
        APIField("audience"),
        APIField(
            "organisers", serializer=OrganisationRelationSerializer(many=True, read_only=True)
        ),
        APIField("related_project", serializer=PageLinkField()),
        APIField("contact", serializer=InLanguageOf(PersonSerializer())),
        APIField("more_info_url"),
        APIField("is_free"),
        APIField("price"),
        APIField("currency"),
        APIField("no_show_fee"),
        APIField("included", serializer=IncludedSerializer(source="*", read_only=True)),
        APIField("registration", serializer=RegistrationSerializer(source="*", read_only=True)),
        APIField("documents", serializer=DocumentLinkSerializer(many=True, read_only=True)),
        APIField("programme", serializer=ProgrammeSerializer(source="*", read_only=True)),
        APIField("json_ld", serializer=JsonLdField()),
        APIField("json_ld_script", serializer=JsonLdScriptField()),
        APIField("calendar_url", serializer=CalendarURLField()),
    ]

    parent_page_types = ["content_types.ConferenceIndexPage"]
    subpage_types = ["content_types.ProgrammeItemPage"]

    class Meta:
        verbose_name = _("conference or seminar")
        verbose_name_plural = _("conferences and seminars")

    def api_output_changes_at(self, now):
        """When the clock alone next changes this page's API output: its JSON-LD offer closes.

        The delivery store keeps a rendered representation until then. Any page
        type whose output depends on the time defines this; None when nothing
        is to come.
        """
        from ..structured_data import registration_closes

        closes = registration_closes(self)
        return closes if closes and closes > now else None

    @property
    def zone(self):
        return ZoneInfo(self.timezone)

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The end must be after the start.")
        if self.doors_open and self.start and self.doors_open > self.start:
            errors["doors_open"] = _("Registration must open before the start.")
        if self.start and self.registration_deadline:
            if self.registration_deadline > timezone.localtime(self.start, self.zone).date():
                errors["registration_deadline"] = _(
                    "The registration deadline cannot be after the event starts."
                )
        if self.is_free and self.price:
            errors["price"] = _("A free event has no price; clear the price or untick free.")
        if (self.price is not None or self.no_show_fee is not None) and not self.currency:
            errors["currency"] = _("Give the currency of the price and fees.")
        for name in ("price", "no_show_fee"):
            value = getattr(self, name)
            if value is not None and value < 0:
                errors[name] = _("A price cannot be negative.")
        if errors:
            raise ValidationError(errors)

    def programme_items(self):
        """The programme in order: timed items by start, then the editor's order."""
        return ProgrammeItemPage.objects.child_of(self).order_by(
            F("start").asc(nulls_last=True), "path"
        )


class ProgrammeItemSpeaker(TranslatableMixin, Orderable):
    """A speaker or host of a programme item, with their organisation and title at the time."""

    page = ParentalKey(
        "content_types.ProgrammeItemPage", related_name="speakers", on_delete=models.CASCADE
    )
    person = models.ForeignKey(
        "content_types.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=SpeakerRole.choices, default=SpeakerRole.SPEAKER
    )
    title = models.CharField(
        _("title at the time"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty to use the person's current title."),
    )
    organisation = models.ForeignKey(
        "content_types.Organisation",
        verbose_name=_("organisation at the time"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty to use the person's current organisation."),
    )

    panels = [
        FieldRowPanel([FieldPanel("person"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("title"), FieldPanel("organisation")]),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("speaker or host")

    def __str__(self):
        return str(self.person)

    @property
    def title_at_the_time(self):
        return self.title or self.person.title

    @property
    def organisation_at_the_time(self):
        return self.organisation if self.organisation_id else self.person.organisation


class ProgrammeItemDocument(DocumentLink):
    page = ParentalKey(
        "content_types.ProgrammeItemPage", related_name="documents", on_delete=models.CASCADE
    )

    class Meta(DocumentLink.Meta):
        verbose_name = _("document")


class ProgrammeItemPage(DraftPreviewMixin, Page):
    """One item of a conference programme: a talk, a break, a bus departure."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=ProgrammeItemKind.choices, default=ProgrammeItemKind.TALK
    )
    description = RichTextField(_("description"), blank=True)
    start = models.DateTimeField(
        _("starts"), null=True, blank=True, help_text=_("Leave empty when the time is not set.")
    )
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    location = models.CharField(
        _("room or place"), max_length=255, blank=True, help_text=_("e.g. Hall B, or a bus stop.")
    )
    related_project = models.ForeignKey(
        "content_types.ProjectPage",
        verbose_name=_("related project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("location"),
        FieldPanel("description"),
        InlinePanel("speakers", heading=_("Speakers and hosts"), label=_("speaker")),
        FieldPanel("related_project"),
        InlinePanel("documents", heading=_("Documents and slides"), label=_("document")),
    ]
    base_form_class = ProgrammeItemForm

    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("start"),
    ]

    api_fields = [
        APIField("kind"),
        APIField("start", serializer=ZonedDateTimeField("start")),
        APIField("end", serializer=ZonedDateTimeField("end")),
        APIField("day", serializer=serializers.DateField(read_only=True)),
        APIField("location"),
        APIField("description"),
        APIField("speakers", serializer=SpeakerSerializer(many=True, read_only=True)),
        APIField("related_project", serializer=PageLinkField()),
        APIField("documents", serializer=DocumentLinkSerializer(many=True, read_only=True)),
        APIField("json_ld", serializer=JsonLdField()),
        APIField("json_ld_script", serializer=JsonLdScriptField()),
        APIField("calendar_url", serializer=ProgrammeItemCalendarURLField()),
    ]

    parent_page_types = ["content_types.ConferencePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")

    @cached_property
    def conference(self):
        return ConferencePage.objects.filter(pk=self.get_parent().pk).first()

    def api_output_changes_at(self, now):
        """The item's JSON-LD offers the conference's registration (see the conference's)."""
        conference = self.conference
        return conference.api_output_changes_at(now) if conference else None

    @property
    def zone(self):
        conference = self.conference
        return conference.zone if conference else ZoneInfo(default_time_zone())

    @property
    def day(self):
        """The item's date in the conference's time zone."""
        return timezone.localtime(self.start, self.zone).date() if self.start else None

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The item cannot end before it starts.")})
        if self.end and not self.start:
            raise ValidationError({"start": _("Give a start time when you give an end time.")})
