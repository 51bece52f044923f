"""The embed panel outside Wagtail's page editor: below wagtail-localize's translation editor."""

from django import template

from ..conferences.embed import bound_embed_panel

register = template.Library()


@register.simple_tag(takes_context=True)
def embed_panel(context, instance):
    """The embed panel of ``instance``'s editor, rendered; "" for what has none.

    Eg: ``{% embed_panel instance as panel %}`` in the translation editor of a
    conference, whose programme element is then in the translation's language.
    """
    from wagtail.models import Page

    if not isinstance(instance, Page):
        return ""
    panel = bound_embed_panel(instance.specific, context["request"])
    return panel.render_html(context) if panel is not None else ""
