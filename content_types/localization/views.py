"""Admin views for translation: the status report and "submit translation for review"."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale, Page

from . import report
from .review import CannotSubmitTranslation, managed_translation, submit_translation_for_review

PAGE_SIZE = 50


class StatusFilterForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False)
    state = forms.ChoiceField(
        label=gettext_lazy("State"),
        required=False,
        choices=[("", gettext_lazy("All")), *report.STATE_CHOICES],
    )
    order = forms.ChoiceField(
        label=gettext_lazy("Sort by"), required=False, choices=report.ORDER_CHOICES
    )

    def __init__(self, data, locales):
        super().__init__(data)
        self.fields["language"].choices = [("", gettext_lazy("All languages"))] + [
            (locale.language_code, locale.get_display_name()) for locale in locales
        ]


def translation_status_report(request):
    """What is missing, incomplete or out of date, per page and locale, a page of rows at a time.

    Filtering (by language and state), sorting (by how much is left) and
    counting happen in the database; ``?problems=1`` (older links) means
    "needs work".
    """
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    locales = list(Locale.objects.order_by("pk"))
    data = request.GET.copy()
    if data.get("problems") == "1" and not data.get("state"):
        data["state"] = report.NEEDS_WORK
    form = StatusFilterForm(data, locales)
    filters = form.cleaned_data if form.is_valid() else {}
    by_code = {locale.language_code: locale for locale in locales}
    pages = report.report_pages(
        request.user,
        locales,
        language=by_code.get(filters.get("language")),
        state=filters.get("state") or None,
        order=filters.get("order") or "tree",
    )
    paginator = Paginator(pages, PAGE_SIZE)
    items = paginator.get_page(request.GET.get("p"))
    rows = [{"page": page, "cells": report.cells(page, locales)} for page in items]
    return TemplateResponse(
        request,
        "content_types/admin/translation_status.html",
        {
            "rows": rows,
            "locales": locales,
            "form": form,
            "items": items,
            "elided_page_range": paginator.get_elided_page_range(items.number),
        },
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
