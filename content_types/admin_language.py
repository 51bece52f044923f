"""Everything the admin says in a request is in the editor's language.

Wagtail switches to the editor's preferred language inside each admin view
(``require_admin_access``), and its catalogs and ours translate every string
(``localization/catalogs.py``). Yet some texts said Swedish to a Norwegian
editor, or Norwegian to a Swedish one:

- what Wagtail says around a view is said in the request's language, the
  site's default (Swedish): "Sorry, you do not have permission to access this
  area." when a view refuses an editor (``AdminLanguageMiddleware``);
- texts made once per process keep the language of the request that made
  them, for everyone after: wagtail-localize's *Translations* entry of the
  Reports menu (``relabel_translations_report``), Wagtail's "What's new in
  Wagtail 8.0" in the Help menu (``relabel_whats_new``) and the snippet
  choosers' "Choose organisation", "Choose another organisation", "Edit
  organisation", made with each form (``SnippetChooserViewSet``).
"""

import copy

from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy
from wagtail.snippets.views.chooser import SnippetChooserViewSet as WagtailSnippetChooserViewSet
from wagtail.snippets.widgets import AdminSnippetChooser
from wagtail.utils.version import get_main_version


class AdminLanguageMiddleware:
    """Activates a signed-in editor's preferred admin language for every request to the admin.

    Goes after ``AuthenticationMiddleware``, which gives the request its user.
    An editor without a preference keeps the request's language, as in Wagtail.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = self.editor_language(request)
        if not language:
            return self.get_response(request)
        with translation.override(language):
            return self.get_response(request)

    def editor_language(self, request):
        try:
            admin = reverse("wagtailadmin_home")
        except NoReverseMatch:  # a site, or a test, without the admin's URLs
            return None
        if not request.path_info.startswith(admin):
            return None
        user = request.user
        if not user.is_authenticated or not hasattr(user, "wagtail_userprofile"):
            return None
        return user.wagtail_userprofile.preferred_language or None


def _formatted(message, values):
    return message % values


formatted = lazy(_formatted, str)
"""``message % values``, done each time the text is shown, in the language of that moment."""


def _relabelled(item, label):
    item = copy.copy(item)
    item.label = label
    return item


def relabel_translations_report(menu_items):
    """wagtail-localize's *Translations* entry of the Reports menu, in the editor's language.

    wagtail-localize translates the label when the Reports menu is first built,
    once per process; each request's list of entries gets a copy of the entry,
    labelled in that request's language.
    """
    url = reverse("wagtail_localize:translations_report")
    menu_items[:] = [
        _relabelled(item, gettext_lazy("Translations")) if item.url == url else item
        for item in menu_items
    ]


def relabel_whats_new(menu_items):
    """The Help menu's "What's new in Wagtail 8.0" in the editor's language.

    Wagtail puts the version into the label when the Help menu is first built,
    once per process, in the language of that request.
    """
    version = get_main_version(include_patch=False)
    label = formatted(gettext_lazy("What's new in Wagtail %(version)s"), {"version": version})
    menu_items[:] = [
        _relabelled(item, label) if item.name == f"whats-new-in-wagtail-{version}" else item
        for item in menu_items
    ]


CHOOSER_TEXTS = {
    "choose_one_text": gettext_lazy("Choose %(object)s"),
    "choose_another_text": gettext_lazy("Choose another %(object)s"),
    "link_to_chosen_text": gettext_lazy("Edit this %(object)s"),
}


class SnippetChooser(AdminSnippetChooser):
    """Wagtail's snippet chooser, its texts translated when shown rather than when made.

    A page's or snippet's form class, with its widgets, is made once per
    process; Wagtail's widget puts the snippet's name into its texts then.
    """

    def __init__(self, model=None, **kwargs):
        given = {name for name in CHOOSER_TEXTS if name in kwargs}
        super().__init__(model=model, **kwargs)
        for name, message in CHOOSER_TEXTS.items():
            if name not in given:
                setattr(self, name, formatted(message, {"object": self.model._meta.verbose_name}))


class SnippetChooserViewSet(WagtailSnippetChooserViewSet):
    """The choosers of a snippet viewset (its ``chooser_viewset_class``), with ``SnippetChooser``."""

    base_widget_class = SnippetChooser
