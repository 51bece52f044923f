"""The names of the objects a representation contains: what a change to them makes stale.

A page is named by its id (``page:12``) and by the set of its translations
(``page~<translation key>``), since a link shows the holder's language
version of a page and a new translation changes which one that is. Snippets,
images and documents likewise: ``<app_label>.<model>:<id>`` and, where
translatable, ``<app_label>.<model>~<translation key>``.
"""

from wagtail.models import Page, TranslatableMixin


def model_name(model):
    """A page of any type is a page: one tree, one id space."""
    if issubclass(model, Page):
        return "page"
    return model._meta.label_lower


def key_of(model, pk):
    return f"{model_name(model)}:{pk}"


def translation_key_of(model, translation_key):
    return f"{model_name(model)}~{translation_key}"


def keys_of(instance):
    """The names of ``instance``: by id and, if it is translatable, by its set of translations."""
    model = type(instance)
    keys = {key_of(model, instance.pk)}
    if isinstance(instance, TranslatableMixin) and instance.translation_key:
        keys.add(translation_key_of(model, instance.translation_key))
    return keys


def page_keys(page_ids):
    return {key_of(Page, pk) for pk in page_ids}
