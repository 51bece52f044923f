"""Admin views of the translation editor's review footer and of its guarded alias conversion.

See ``editor.py``: those who may not publish save and submit translations; only
those who may publish replace a translation with its source page.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page
from wagtail_localize.views.convert import convert_to_alias

from .drafts import save_translation_draft
from .editor import may_discard_translation
from .review import managed_translation


@require_POST
def save_translation_as_draft(request, page_id):
    """Saves the translated strings into a draft revision of the page; the live page stays."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    translation = managed_translation(page)
    if translation is None:
        messages.error(request, _("This page is not a translation made in the translation editor."))
    else:
        save_translation_draft(translation, user=request.user)
        messages.success(
            request,
            _("The translation of '%(title)s' was saved as a draft.") % {"title": page.title},
        )
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))


def convert_translation_to_alias(request, page_id):
    """wagtail-localize's "Convert to alias page", for those who may publish the page only.

    It replaces the translated text with a copy of the source page. Those who may
    publish get wagtail-localize's view, which asks them to confirm first; everyone
    else is sent back to the page with a message.
    """
    page = get_object_or_404(Page, pk=page_id)
    if not may_discard_translation(page, request.user):
        messages.error(
            request,
            _(
                "Only someone who may publish '%(title)s' can replace its translation "
                "with the source page."
            )
            % {"title": page.get_admin_display_title()},
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return convert_to_alias(request, page_id)
