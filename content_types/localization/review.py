"""Translators send their work for review the way editors do.

wagtail-localize's translation editor can publish but has no "submit for
review"; a translator without publishing rights would have no way to hand the
translation over. This saves the translated strings into a draft revision of
the translated page and starts the page's review workflow on it.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from wagtail_localize.models import Translation

from .drafts import save_translation_draft


class CannotSubmitTranslation(Exception):
    pass


def managed_translation(page):
    return Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()


def submit_translation_for_review(page, user):
    """Save ``page``'s translation as a draft and start its workflow; return the workflow state."""
    permissions = page.permissions_for_user(user)
    if not (permissions.can_edit() and permissions.can_submit_for_moderation()):
        raise PermissionDenied
    translation = managed_translation(page)
    if translation is None:
        raise CannotSubmitTranslation(
            _("This page is not a translation made in the translation editor.")
        )
    workflow = page.get_workflow()
    if workflow is None:
        raise CannotSubmitTranslation(_("No review workflow applies to this page."))
    if page.workflow_in_progress:
        raise CannotSubmitTranslation(_("This page is already in review."))
    save_translation_draft(translation, user=user)
    page = page.specific_class.objects.get(pk=page.pk)
    return workflow.start(page, user)
