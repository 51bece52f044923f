"""Development projects: owner, funders, partners, counties, goals, reports, news."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
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
    FocusAreaSerializer,
    GoalSerializer,
    ImageSerializer,
    InLanguageOf,
    MilestoneSerializer,
    OrganisationRelationSerializer,
    OrganisationSerializer,
    PageLinkField,
    PageLinkListField,
    ParticipantGroupSerializer,
    PersonRelationSerializer,
    ProjectLinkSerializer,
    RegionSerializer,
    UpdateSerializer,
)
from ..pages import IndexPage, page_image, tabbed_editor
from ..pick_lists import LanguagePageForm
from ..preview import DraftPreviewMixin
from ..relations import (
    DatePrecision,
    DocumentLink,
    OrganisationRelation,
    ParticipantGroup,
    PersonRelation,
)


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


class LinkKind(models.TextChoices):
    WEBSITE = "website", _("Web site")
    APPLICATION = "application", _("Application")
    FINAL_REPORT = "final_report", _("Final report")
    METHOD_BOOK = "method_book", _("Method book")
    BLOG = "blog", _("Blog")
    PRESENTATION = "presentation", _("Presentation")
    OTHER = "other", _("Other")


class ProjectIndexPage(IndexPage):
    """The list of projects of one site and language."""

    subpage_types = ["content_types.ProjectPage"]

    class Meta:
        verbose_name = _("project index")
        verbose_name_plural = _("project indexes")


class ProjectFunder(OrganisationRelation):
    page = ParentalKey(
        "content_types.ProjectPage", related_name="funders", on_delete=models.CASCADE
    )

    class Meta(OrganisationRelation.Meta):
        verbose_name = _("funder")


class ProjectPartner(OrganisationRelation):
    page = ParentalKey(
        "content_types.ProjectPage", related_name="partners", on_delete=models.CASCADE
    )

    class Meta(OrganisationRelation.Meta):
        verbose_name = _("partner or participant")


class ProjectParticipantGroup(ParticipantGroup):
    page = ParentalKey(
        "content_types.ProjectPage", related_name="participant_groups", on_delete=models.CASCADE
    )

    class Meta(ParticipantGroup.Meta):
        verbose_name = _("participant group")


class ProjectContact(PersonRelation):
    page = ParentalKey(
        "content_types.ProjectPage", related_name="contacts", on_delete=models.CASCADE
    )

    class Meta(PersonRelation.Meta):
        verbose_name = _("contact person")


class ProjectGoal(TranslatableMixin, Orderable):
    page = ParentalKey("content_types.ProjectPage", related_name="goals", on_delete=models.CASCADE)
    text = models.TextField(_("goal"))

    panels = [FieldPanel("text")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("goal")

    def __str__(self):
        return self.text


class ProjectMilestone(TranslatableMixin, Orderable):
    """A dated event in the project's life: a seminar day, the end of reporting."""

    page = ParentalKey(
        "content_types.ProjectPage", related_name="milestones", on_delete=models.CASCADE
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("title")]), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("key date")

    def __str__(self):
        return f"{self.date}: {self.title}"


class ProjectLink(DocumentLink):
    page = ParentalKey("content_types.ProjectPage", related_name="links", on_delete=models.CASCADE)
    kind = models.CharField(
        _("kind"), max_length=20, choices=LinkKind.choices, default=LinkKind.OTHER
    )

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("title")])] + DocumentLink.panels[1:]

    class Meta(DocumentLink.Meta):
        verbose_name = _("link or document")


class ProjectUpdate(TranslatableMixin, Orderable):
    """A dated news post from the project, e.g. the news of an extension."""

    page = ParentalKey(
        "content_types.ProjectPage", related_name="updates", on_delete=models.CASCADE
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=255)
    body = RichTextField(_("text"))

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("title")]), FieldPanel("body")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("update")

    def __str__(self):
        return self.title


class ProjectPage(DraftPreviewMixin, Page):
    """A library-development project, e.g. KompoBib2020 or Tvinning."""

    summary = models.TextField(_("summary"), help_text=_("One or two sentences for listings."))
    body = RichTextField(_("description"), blank=True)
    image = page_image()
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.ONGOING
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("planned end date"), null=True, blank=True)
    dates_precision = models.CharField(
        _("precision of the dates"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("When only the year or month is known, sites show only that."),
    )
    extended_until = models.DateField(
        _("extended until"),
        null=True,
        blank=True,
        help_text=_("The new end date when the project period has been extended."),
    )
    extension_note = models.TextField(_("about the extension"), blank=True)
    project_owner = models.ForeignKey(
        "content_types.Organisation",
        verbose_name=_("project owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    regions = ParentalManyToManyField(
        "content_types.Region", verbose_name=_("counties and regions"), blank=True, related_name="+"
    )
    focus_areas = ParentalManyToManyField(
        "content_types.FocusArea", verbose_name=_("focus areas"), blank=True, related_name="+"
    )
    participating_libraries = models.PositiveIntegerField(
        _("number of participating libraries"), null=True, blank=True
    )
    participants_note = models.CharField(
        _("about the participants"),
        max_length=255,
        blank=True,
        help_text=_("e.g. All library staff in the participating counties."),
    )
    successor = models.ForeignKey(
        "content_types.ProjectPage",
        verbose_name=_("continued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text=_("The project that carries this one's work forward."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        InlinePanel("goals", heading=_("Goals"), label=_("goal")),
        InlinePanel("updates", heading=_("Updates"), label=_("update")),
    ]
    facts_panels = [
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("dates_precision"),
                FieldPanel("extended_until"),
                FieldPanel("extension_note"),
            ],
            heading=_("Status and period"),
        ),
        FieldPanel("project_owner"),
        InlinePanel("funders", heading=_("Funders"), label=_("funder")),
        InlinePanel("partners", heading=_("Partners and participants"), label=_("organisation")),
        InlinePanel(
            "participant_groups", heading=_("Participants by kind"), label=_("participant group")
        ),
        FieldRowPanel([FieldPanel("participating_libraries"), FieldPanel("participants_note")]),
        FieldPanel("regions"),
        FieldPanel("focus_areas"),
        InlinePanel("contacts", heading=_("Contact persons"), label=_("contact")),
        InlinePanel("milestones", heading=_("Key dates"), label=_("key date")),
        InlinePanel("links", heading=_("Links and documents"), label=_("link")),
        FieldPanel("successor"),
    ]
    edit_handler = tabbed_editor(content_panels, facts_panels, _("Facts"))
    base_form_class = LanguagePageForm

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("status"),
        index.FilterField("start_date"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("body"),
        APIField("image", serializer=ImageSerializer()),
        APIField("status"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("dates_precision"),
        APIField("extended_until"),
        APIField("extension_note"),
        APIField("project_owner", serializer=InLanguageOf(OrganisationSerializer())),
        APIField("funders", serializer=OrganisationRelationSerializer(many=True, read_only=True)),
        APIField("partners", serializer=OrganisationRelationSerializer(many=True, read_only=True)),
        APIField(
            "participant_groups", serializer=ParticipantGroupSerializer(many=True, read_only=True)
        ),
        APIField("participating_libraries"),
        APIField("participants_note"),
        APIField("regions", serializer=InLanguageOf(RegionSerializer())),
        APIField("focus_areas", serializer=InLanguageOf(FocusAreaSerializer())),
        APIField("goals", serializer=GoalSerializer(many=True, read_only=True)),
        APIField("contacts", serializer=PersonRelationSerializer(many=True, read_only=True)),
        APIField("milestones", serializer=MilestoneSerializer(many=True, read_only=True)),
        APIField("links", serializer=ProjectLinkSerializer(many=True, read_only=True)),
        APIField("updates", serializer=UpdateSerializer(many=True, read_only=True)),
        APIField("successor", serializer=PageLinkField()),
        APIField("predecessors", serializer=PageLinkListField()),
        APIField("related_networks", serializer=PageLinkListField()),
        APIField("conferences", serializer=PageLinkListField()),
    ]

    parent_page_types = ["content_types.ProjectIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The project cannot end before it starts.")
        planned_end = self.end_date or self.start_date
        if self.extended_until and planned_end and self.extended_until <= planned_end:
            errors["extended_until"] = _("An extension must end after the planned end date.")
        if self.successor_id and self.successor_id == self.pk:
            errors["successor"] = _("A project cannot continue itself.")
        if errors:
            raise ValidationError(errors)

    @property
    def current_end_date(self):
        """The date the project ends, counting any extension."""
        return self.extended_until or self.end_date
