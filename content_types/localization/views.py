"""Admin views for translation: the status report and "submit translation for review"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from .review import CannotSubmitTranslation, managed_translation, submit_translation_for_review
from .status import translation_states

CONTENT_MODELS = ("projectpage", "networkpage", "conferencepage", "programmeitempage")


def source_pages():
    """Content pages in their source language, in tree order.

    A page is in its source language when a translation was made from it, or
    when nothing was ever translated from any version of it.
    """
    sources = TranslationSource.objects.filter(object_id=OuterRef("translation_key"))
    return (
        Page.objects.filter(
            content_type__app_label="content_types", content_type__model__in=CONTENT_MODELS
        )
        .filter(Exists(sources.filter(locale_id=OuterRef("locale_id"))) | ~Exists(sources))
        .select_related("locale")
        .order_by("path")
    )


def translation_status_report(request):
    """What is missing, incomplete or out of date, per page and locale."""
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    locales = list(Locale.objects.order_by("pk"))
    only_problems = request.GET.get("problems") == "1"
    rows = []
    for page in source_pages():
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
