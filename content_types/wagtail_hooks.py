"""Admin registration: the shared snippets, the translation status report and review action."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_language import (
    SnippetChooserViewSet,
    relabel_translations_report,
    relabel_whats_new,
)
from .localization import translator_views
from .localization import views as localization_views
from .localization.account import TranslatorNotificationsPanel
from .localization.editor import is_translation, may_discard_translation
from .localization.review import managed_translation
from .pick_lists import pages_in_locale
from .rich_text import PublicDocumentLinkHandler, PublicImageEmbedHandler
from .snippets.models import FocusArea, Organisation, Person, Region, Venue
from .visibility import hidden_ancestor, private_collections, public_media
from .webhooks import views as webhook_views


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "title", "organisation"]
    list_filter = ["locale"]
    search_fields = ["name", "title"]
    chooser_viewset_class = SnippetChooserViewSet


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "kind", "county", "country"]
    list_filter = ["kind", "country", "locale"]
    search_fields = ["name"]
    chooser_viewset_class = SnippetChooserViewSet


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    list_display = ["name", "street_address", "city", "country"]
    list_filter = ["country", "locale"]
    search_fields = ["name", "city"]
    chooser_viewset_class = SnippetChooserViewSet


class FocusAreaViewSet(SnippetViewSet):
    model = FocusArea
    icon = "tag"
    list_display = ["name"]
    list_filter = ["locale"]
    search_fields = ["name"]
    chooser_viewset_class = SnippetChooserViewSet


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "globe"
    list_display = ["name", "kind", "country"]
    list_filter = ["kind", "country", "locale"]
    search_fields = ["name"]
    chooser_viewset_class = SnippetChooserViewSet


class DirectoryViewSetGroup(SnippetViewSetGroup):
    """People, organisations, venues and vocabularies under one menu item."""

    items = (PersonViewSet, OrganisationViewSet, VenueViewSet, FocusAreaViewSet, RegionViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Directory")
    menu_name = "directory"


register_snippet(DirectoryViewSetGroup)


@hooks.register("register_admin_urls")
def register_translation_urls():
    return [
        path(
            "translations/status/",
            localization_views.translation_status_report,
            name="samverkan_translation_status",
        ),
        path(
            "translations/<int:page_id>/submit/",
            localization_views.submit_translation,
            name="samverkan_submit_translation",
        ),
    ]


@hooks.register("register_admin_urls", order=-1)
def register_translation_review_urls():
    """The review footer's "save draft", and the guarded alias conversion.

    The conversion answers at wagtail-localize's own address, ahead of its view
    (``order=-1``), so every way to it (the translation editor's footer, the page
    editor's action menu) asks ``may_discard_translation`` first.
    """
    return [
        path(
            "translations/<int:page_id>/save-draft/",
            translator_views.save_translation_as_draft,
            name="samverkan_save_translation_draft",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            translator_views.convert_translation_to_alias,
            name="samverkan_convert_translation_to_alias",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return MenuItem(
        _("Translation status"),
        reverse("samverkan_translation_status"),
        name="translation-status",
        icon_name="site",
        order=800,
    )


@hooks.register("construct_reports_menu")
def translations_report_in_the_editors_language(request, menu_items):
    """wagtail-localize names its report once per process, in the language of that request."""
    relabel_translations_report(menu_items)


@hooks.register("construct_help_menu")
def whats_new_in_the_editors_language(request, menu_items):
    """Wagtail names "What's new" once per process, in the language of that request."""
    relabel_whats_new(menu_items)


@hooks.register("register_account_settings_panel")
def register_translator_notifications_panel(request, user, profile):
    """Translators turn the e-mail about outdated translations on or off with Wagtail's own."""
    return TranslatorNotificationsPanel(request, user, profile)


@hooks.register("register_page_header_buttons")
def submit_translation_button(page, user, view_name, next_url=None):
    """Offers translators "submit for review" on pages made in the translation editor."""
    permissions = page.permissions_for_user(user)
    if permissions.can_edit() and managed_translation(page) and not page.workflow_in_progress:
        yield Button(
            _("Submit translation for review"),
            url=reverse("samverkan_submit_translation", args=[page.pk]),
            icon_name="resubmit",
            priority=40,
        )


@hooks.register("construct_page_action_menu")
def offer_alias_conversion_to_publishers_only(menu_items, request, context):
    """The page editor offers "Convert to alias page", which replaces a translation with a copy
    of its source, only to those who may publish the page."""
    page = context.get("page")
    if page is None or may_discard_translation(page, request.user):
        return
    menu_items[:] = [item for item in menu_items if item.name != "localize-convert-to-alias"]


@hooks.register("before_delete_page")
def keep_translations_from_deletion_by_non_publishers(request, page):
    """Deleting a translation discards its translated text: only those who may publish the page
    may do it (after Wagtail's confirmation); others are sent back to the page with a message."""
    if is_translation(page) and not may_discard_translation(page, request.user):
        messages.error(
            request,
            _("Only someone who may publish '%(title)s' can delete its translation.")
            % {"title": page.get_admin_display_title()},
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return None


@hooks.register("construct_page_chooser_queryset")
def choose_pages_in_the_edited_pages_language(pages, request):
    """The page chooser's search, like its tree, lists only pages in the locale it was opened
    for: the page editor opens it with the edited page's ``?locale=``."""
    return pages_in_locale(pages, request.GET.get("locale"))


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own handlers
def hide_private_media_in_rich_text(features):
    """Rich text shows no image or document from a collection readers may not see."""
    features.register_embed_type(PublicImageEmbedHandler)
    features.register_link_type(PublicDocumentLinkHandler)


@hooks.register("before_serve_page")
def hide_pages_in_hidden_branches(page, request, serve_args, serve_kwargs):
    """The public site, like the API, hides a page that is out of schedule (before the publishing
    job runs), and every page below one that is not live or out of schedule."""
    if hidden_ancestor(page) is not None:
        raise Http404


@hooks.register("before_serve_document")
def hide_documents_no_public_page_uses(document, request):
    """A reader who is not logged in downloads only documents that public pages show: a file
    attached to a draft is not published by its address being guessed or shared. A document in
    a private collection is left to Wagtail's own check, which offers the password or login."""
    if request.user.is_authenticated or document.collection_id in private_collections(request):
        return None
    if not public_media(request, type(document)).filter(pk=document.pk).exists():
        raise Http404
    return None


@hooks.register("after_publish_page")
def warn_of_hidden_parent(request, page):
    """Tells the editor who publishes below a hidden page that readers will not see it yet."""
    hidden = hidden_ancestor(page.get_parent())
    if hidden is not None:
        messages.warning(
            request,
            _(
                "“%(page)s” is published, but readers will not see it until “%(parent)s” "
                "above it is published."
            )
            % {"page": page.get_admin_display_title(), "parent": hidden.get_admin_display_title()},
        )


@hooks.register("register_admin_viewset")
def register_webhook_viewsets():
    return webhook_views.viewsets()
