"""The editor's *Embed* panel: the lines that show a conference's programme, or the upcoming
conferences, on another website.

Another site embeds Samverkan with the script at ``EMBED_SCRIPT_PATH`` and one
of its custom elements, ``<samverkan-programme>`` or ``<samverkan-events>``.
The element reads the public API in its ``lang``; its content is a plain link
to the page, which readers see where the script cannot run. The panel gives
both lines ready to copy, in the page's language whatever the editor's, and
shows the element itself, as the other site would.
"""

from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from ..base_url import absolute_url, page_url
from ..visibility import hidden_ancestor

#: Where this server serves the script that defines the custom elements.
EMBED_SCRIPT_PATH = "/embed/v1/samverkan.js"


def embed_script_url(request):
    """The script's absolute URL: on ``API_BASE_URL`` where set, else on the request's origin."""
    return absolute_url(request, EMBED_SCRIPT_PATH)


class EmbedPanel(Panel):
    """A read-only panel with the embed code of the page it is bound to.

    Subclasses name the element (``element``), its attributes for a page
    (``attributes``) and the text of the link inside it (``link_text``, asked in
    the page's language) and say what it shows (``explanation``).
    """

    element = ""
    explanation = ""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", pgettext_lazy("editor panel", "Embed"))
        super().__init__(**kwargs)

    def attributes(self, page):
        return {"lang": page.locale.language_code}

    def link_text(self, page):
        raise NotImplementedError

    def element_html(self, page, request):
        """The element with its fallback link, every value escaped, in the page's language."""
        with translation.override(page.locale.language_code):
            text = self.link_text(page)
        attributes = format_html_join("", ' {}="{}"', self.attributes(page).items())
        return format_html(
            '<{element}{attributes}><a href="{url}">{text}</a></{element}>',
            element=self.element,
            attributes=attributes,
            url=page_url(page, request) or "",
            text=text,
        )

    class BoundPanel(Panel.BoundPanel):
        template_name = "content_types/admin/embed_panel.html"

        def is_shown(self):
            """Only a saved page has the id and address the lines name."""
            return self.instance is not None and self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            script_url = embed_script_url(self.request)
            element = self.panel.element_html(page, self.request)
            script = format_html('<script src="{}" defer></script>', script_url)
            context.update(
                {
                    "explanation": self.panel.explanation,
                    # Plain text: the template escapes it once more, so the editor reads the HTML.
                    "code": "\n".join([str(script), str(element)]),
                    "element": element,
                    "language": page.locale.language_code,
                    "script_url": script_url,
                    "published": hidden_ancestor(page) is None,
                    # The public API leaves out a page behind a password, a login or groups.
                    "restricted": page.get_view_restrictions().exists(),
                    "code_id": f"{self.prefix}-code",
                    "status_id": f"{self.prefix}-status",
                }
            )
            return context


class ProgrammeEmbedPanel(EmbedPanel):
    """``<samverkan-programme>``: one conference's programme, by the conference's API id."""

    element = "samverkan-programme"
    explanation = _(
        "Paste these two lines into the HTML of a page on another website to show the "
        "programme of this conference there. Where the script cannot run, readers see the "
        "link to this page instead."
    )

    def attributes(self, page):
        return {"conference": page.pk, **super().attributes(page)}

    def link_text(self, page):
        return gettext("Programme: %(title)s") % {"title": page.title}


class EventsEmbedPanel(EmbedPanel):
    """``<samverkan-events>``: the upcoming conferences of the index page's language."""

    element = "samverkan-events"
    explanation = _(
        "Paste these two lines into the HTML of a page on another website to list the "
        "upcoming conferences and seminars in this language there. Attributes narrow the "
        "list: kind, region, focus-area (ids) and limit. Where the script cannot run, readers "
        "see the link to this page instead."
    )

    def link_text(self, page):
        # The index page's own title ("Konferenser", "Konferanser"): content in its language.
        return page.title


def bound_embed_panel(page, request):
    """The embed panel of ``page``'s editor, bound to ``page``; None for a page without one.

    wagtail-localize edits a translation in its own editor, which shows no
    panels: its template shows this one below it (``embed_panel`` template tag).
    """
    panels = [page.get_edit_handler()]
    while panels:
        panel = panels.pop(0)
        if isinstance(panel, EmbedPanel):
            bound = panel.get_bound_panel(instance=page, request=request, prefix="embed")
            return bound if bound.is_shown() else None
        panels.extend(getattr(panel, "children", ()))
    return None
