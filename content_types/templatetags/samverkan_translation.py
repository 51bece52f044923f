"""The translation editor's review footer (``localization/editor.py``)."""

from django import template

from ..localization.editor import review_actions

register = template.Library()


@register.simple_tag(takes_context=True)
def translation_review_actions(context, instance):
    """The review footer's actions for the editor of ``instance``, or None.

    Eg: ``{% translation_review_actions instance as review %}``: None for those
    who may publish, who keep wagtail-localize's own footer.
    """
    return review_actions(instance, context["request"].user)
