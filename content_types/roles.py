"""The groups people work in; created by ``manage.py setup_roles``, safe to run again.

A translator group per content language other than the source: its members may
edit and submit pages in their language's tree for review, and nothing else.
Page permissions in Wagtail follow the tree, and every language has its own
tree, so the language boundary is the tree boundary.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission, Locale, Page, Site

TRANSLATOR_PAGE_PERMISSIONS = ("add_page", "change_page")


def translator_group_name(locale, language=None):
    with translation.override(language or settings.LANGUAGE_CODE):
        return _("Translators: %(language)s") % {"language": locale.get_display_name()}


def translator_group(locale):
    """The locale's translator group, found under its name in any admin language and renamed."""
    name = translator_group_name(locale)
    languages = ["en", *(code for code, _name in settings.LANGUAGES)]
    known_names = {translator_group_name(locale, language) for language in languages}
    group = Group.objects.filter(name__in=known_names).order_by("pk").first()
    if group is None:
        return Group.objects.create(name=name)
    if group.name != name:
        group.name = name
        group.save(update_fields=["name"])
    return group


def language_trees(locale):
    """The top pages of ``locale``'s trees: the translations of every site's root page."""
    roots = Page.objects.filter(pk__in=Site.objects.values("root_page"))
    keys = roots.values("translation_key")
    return Page.objects.filter(translation_key__in=keys, locale=locale)


def ensure_translator_groups(source_language=None):
    """One translator group per non-source locale, with rights on its own trees only."""
    source_language = source_language or settings.LANGUAGE_CODE
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=TRANSLATOR_PAGE_PERMISSIONS
    )
    groups = []
    for locale in Locale.objects.exclude(language_code=source_language):
        group = translator_group(locale)
        group.permissions.add(access_admin)
        for page in language_trees(locale):
            for permission in page_permissions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=permission
                )
        groups.append(group)
    return groups
