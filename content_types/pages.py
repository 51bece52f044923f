"""What the page types have in common: index pages and the editor's tabs."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page


class IndexPage(Page):
    """A list of one kind of page in one language tree; one of each kind per home page."""

    introduction = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    api_fields = [APIField("introduction")]
    parent_page_types = ["content_types.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True


def page_image():
    """The image a page shows in listings and at its top."""
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown in listings and at the top of the page. Give it a description (alt text)."
        ),
    )


def tabbed_editor(content_panels, facts_panels, facts_heading):
    """The editor's tabs: content first, then the structured facts, then Wagtail's own."""
    return TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(facts_panels, heading=facts_heading),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
