"""Admin views for translation: the status report and "submit translation for review"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from .review import CannotSubmitTranslation, managed_translation, submit_translation_for_review
from .status import translation_states

CONTENT_MODELS = (
    "content_types.projectpage",
    "content_types.networkpage",
    "content_types.conferencepage",
    "content_types.programmeitempage",
)


def source_pages():
    """Pages in their source language: those no other page's translation was made from."""
    from wagtail_localize.models import TranslationSource

    translated_from_elsewhere = TranslationSource.objects.values("object_id")
    sources = Page.objects.filter(translation_key__in=translated_from_elsewhere)
    sources = [page for page in sources.select_related("locale") if is_source(page)]
    untranslated = Page.objects.exclude(translation_key__in=translated_from_elsewhere)
    return sorted([*sources, *untranslated.select_related("locale")], key=lambda page: page.path)


def is_source(page):
    from wagtail_localize.models import TranslationSource

    return TranslationSource.objects.filter(
        object_id=page.translation_key, locale_id=page.locale_id
    ).exists()


def translation_status_report(request):
    """What is missing, incomplete or out of date, per page and locale."""
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    locales = list(Locale.objects.order_by("pk"))
    only_problems = request.GET.get("problems") == "1"
    rows = []
    for page in source_pages():
        if f"{page.content_type.app_label}.{page.content_type.model}" not in CONTENT_MODELS:
            continue
        if not page.permissions_for_user(request.user).can_edit():
            continue
        states = translation_states(page, locales)
        if only_problems and not any(state.needs_work for state in states):
            continue
        rows.append({"page": page, "states": states})
    return TemplateResponse(
        request,
        "content_types/admin/translation_status.html",
        {"rows": rows, "locales": locales, "only_problems": only_problems},
    )


def submit_translation(request, page_id):
    """GET asks for confirmation; POST saves the translation as a draft and starts review."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if request.method == "POST":
        try:
            submit_translation_for_review(page, request.user)
        except CannotSubmitTranslation as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("'%(title)s' was submitted for review.") % {"title": page.title}
            )
        return redirect(reverse("wagtailadmin_explore", args=[page.get_parent().pk]))
    return TemplateResponse(
        request,
        "content_types/admin/submit_translation.html",
        {"page": page, "translation": managed_translation(page)},
    )
