"""Pick lists and choosers of the page editor offer only what is in the page's language.

Snippets (people, organisations, venues, focus areas, regions) and pages have
one copy per language. Django builds a relation's choices from the whole table,
so a Swedish network would be offered "Stockholms län" twice, Norwegian focus
areas and Norwegian projects. ``LanguagePageForm`` narrows the choices of every
relation to a translatable model, on the page and in its inline rows, to the
locale of the page being edited (a new page's locale is its parent's, which
Wagtail's create view gives the page before the form is built). A choice from
another language is then refused like any other invalid choice.

The chooser modals get the page's locale from the editor as ``?locale=``
(Wagtail's ``ACTIVE_CONTENT_LOCALE``). The snippet chooser and the page
chooser's tree follow it; the page chooser's search does not, so
``pages_in_locale`` narrows it (the ``construct_page_chooser_queryset`` hook).
"""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Locale, TranslatableMixin


def page_locale(page, parent_page=None):
    """The locale ``page`` is edited in: its own, or its parent's before it is created."""
    if page.locale_id is not None:
        return page.locale
    return getattr(parent_page, "locale", None)


def limit_choices_to_locale(form, locale):
    """Offer only ``locale``'s objects in every field of ``form`` that picks translatable ones."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is not None and issubclass(queryset.model, TranslatableMixin):
            field.queryset = queryset.filter(locale=locale)


class LanguagePageForm(WagtailAdminPageForm):
    """The base form of every page type with relations to snippets or pages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = page_locale(self.instance, self.parent_page)
        if locale is None:
            return
        limit_choices_to_locale(self, locale)
        for formset in self.formsets.values():
            for form in formset.forms:
                limit_choices_to_locale(form, locale)


def pages_in_locale(pages, language_code):
    """``pages`` in the locale a chooser was opened for; all of them when it names none."""
    if not language_code:
        return pages
    locale = Locale.objects.filter(language_code=language_code).first()
    return pages if locale is None else pages.filter(locale=locale)
