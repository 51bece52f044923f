"""Professional networks: purpose, target group, contacts, members and meetings."""

from datetime import datetime, time, timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from ..api.serializers import (
    FocusAreaSerializer,
    ImageSerializer,
    InLanguageOf,
    MeetingSerializer,
    OrganisationRelationSerializer,
    OrganisationSerializer,
    PageLinkListField,
    ParticipantGroupSerializer,
    PersonRelationSerializer,
)
from ..pages import IndexPage, page_image, tabbed_editor
from ..pick_lists import LanguagePageForm
from ..preview import DraftPreviewMixin
from ..relations import DatePrecision, OrganisationRelation, ParticipantGroup, PersonRelation


class NetworkIndexPage(IndexPage):
    """The list of networks of one site and language."""

    subpage_types = ["content_types.NetworkPage"]

    class Meta:
        verbose_name = _("network index")
        verbose_name_plural = _("network indexes")


class NetworkContact(PersonRelation):
    page = ParentalKey(
        "content_types.NetworkPage", related_name="contacts", on_delete=models.CASCADE
    )

    class Meta(PersonRelation.Meta):
        verbose_name = _("contact person")


class NetworkMember(OrganisationRelation):
    page = ParentalKey(
        "content_types.NetworkPage", related_name="members", on_delete=models.CASCADE
    )

    class Meta(OrganisationRelation.Meta):
        verbose_name = _("member organisation")


class NetworkMemberGroup(ParticipantGroup):
    page = ParentalKey(
        "content_types.NetworkPage", related_name="member_groups", on_delete=models.CASCADE
    )

    class Meta(ParticipantGroup.Meta):
        verbose_name = _("member group")


class NetworkMeeting(TranslatableMixin, Orderable):
    """A meeting of the network, past or coming."""

    page = ParentalKey(
        "content_types.NetworkPage", related_name="meetings", on_delete=models.CASCADE
    )
    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("precision of the date"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    title = models.CharField(_("title"), max_length=255)
    location = models.CharField(_("place"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("date_precision")]),
        FieldRowPanel([FieldPanel("title"), FieldPanel("location")]),
        FieldPanel("description"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("meeting")
        ordering = ["date", "sort_order"]

    def __str__(self):
        return f"{self.date}: {self.title}"


class NetworkPage(DraftPreviewMixin, Page):
    """A professional network, e.g. the library directors of a county."""

    purpose = models.TextField(
        _("purpose"), help_text=_("Why the network exists, in a few sentences.")
    )
    description = RichTextField(_("description"), blank=True)
    image = page_image()
    target_group = models.TextField(
        _("target group"), blank=True, help_text=_("Who the network is for and who can join.")
    )
    focus_areas = ParentalManyToManyField(
        "content_types.FocusArea", verbose_name=_("focus areas"), blank=True, related_name="+"
    )
    organiser = models.ForeignKey(
        "content_types.Organisation",
        verbose_name=_("organising unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    meeting_structure = models.TextField(
        _("how the network meets"), blank=True, help_text=_("e.g. Four meetings a year, online.")
    )
    started_year = models.PositiveSmallIntegerField(_("started (year)"), null=True, blank=True)
    related_projects = ParentalManyToManyField(
        "content_types.ProjectPage",
        verbose_name=_("related projects"),
        blank=True,
        related_name="related_networks",
    )

    content_panels = Page.content_panels + [
        FieldPanel("purpose"),
        FieldPanel("image"),
        FieldPanel("description"),
        FieldPanel("target_group"),
        FieldPanel("meeting_structure"),
        InlinePanel("meetings", heading=_("Meetings"), label=_("meeting")),
    ]
    facts_panels = [
        FieldPanel("organiser"),
        FieldPanel("started_year"),
        InlinePanel("contacts", heading=_("Contact persons"), label=_("contact")),
        InlinePanel("members", heading=_("Member organisations"), label=_("member")),
        InlinePanel("member_groups", heading=_("Members by kind"), label=_("member group")),
        FieldPanel("focus_areas"),
        FieldPanel("related_projects"),
    ]
    edit_handler = tabbed_editor(content_panels, facts_panels, _("Facts"))
    base_form_class = LanguagePageForm

    search_fields = Page.search_fields + [
        index.SearchField("purpose"),
        index.SearchField("description"),
        index.SearchField("target_group"),
    ]

    api_fields = [
        APIField("purpose"),
        APIField("description"),
        APIField("image", serializer=ImageSerializer()),
        APIField("target_group"),
        APIField("meeting_structure"),
        APIField("started_year"),
        APIField("organiser", serializer=InLanguageOf(OrganisationSerializer())),
        APIField("focus_areas", serializer=InLanguageOf(FocusAreaSerializer())),
        APIField("contacts", serializer=PersonRelationSerializer(many=True, read_only=True)),
        APIField("members", serializer=OrganisationRelationSerializer(many=True, read_only=True)),
        APIField("member_groups", serializer=ParticipantGroupSerializer(many=True, read_only=True)),
        APIField("meetings", serializer=MeetingSerializer(many=True, read_only=True)),
        APIField("upcoming_meetings", serializer=MeetingSerializer(many=True, read_only=True)),
        APIField("related_projects", serializer=PageLinkListField()),
    ]

    parent_page_types = ["content_types.NetworkIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    @property
    def upcoming_meetings(self):
        """Meetings from today on, soonest first."""
        today = timezone.localdate()
        return [meeting for meeting in self.meetings.all() if meeting.date >= today]

    def api_output_changes_at(self, now):
        """When the clock alone next changes this page's API output: the soonest upcoming
        meeting's day ends and it leaves ``upcoming_meetings``."""
        today = timezone.localdate(now)
        days = [meeting.date for meeting in self.meetings.all() if meeting.date >= today]
        if not days:
            return None
        day_after = min(days) + timedelta(days=1)
        return datetime.combine(day_after, time.min, tzinfo=timezone.get_current_timezone())
