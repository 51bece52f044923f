"""The translation editor leads those who may not publish to review, and discards nothing.

wagtail-localize's translation editor builds its footer from the user's
permissions: "Publish in …" for those who may publish; for everyone else the
last action it has becomes the main button, which on an existing translation
is "Convert to alias page", replacing the translated text with a copy of the
source page. Its footer takes no actions of other apps.

For someone who may not publish the page (a translator, communication staff),
the editor's template (``wagtail_localize/admin/edit_translation.html``,
overridden in this app) shows a footer of ours instead: "Submit for review" as
the main action, "Save draft" and "Preview" beside it (``review_actions``).
Converting to an alias and deleting a translation are refused to them
wherever they are asked for (``may_discard_translation``); those who may
publish keep wagtail-localize's and Wagtail's actions, each of which asks for
confirmation on a page of its own before it discards anything.
"""

from dataclasses import dataclass

from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import Translation

from .review import managed_translation


def is_translation(page):
    """Whether ``page`` was made in the translation editor (synced now or before)."""
    return Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id
    ).exists()


def may_discard_translation(page, user):
    """Only those who may publish ``page`` may replace or delete its translated text."""
    return page.permissions_for_user(user).can_publish()


@dataclass(frozen=True)
class ReviewActions:
    """The footer of the translation editor for someone who may not publish."""

    submit_url: str
    save_draft_url: str
    preview_url: str
    in_review: bool
    has_workflow: bool

    @property
    def can_submit(self):
        return self.has_workflow and not self.in_review


def review_actions(instance, user):
    """The review footer's actions for ``instance``'s editor, or None where Wagtail's applies."""
    if not isinstance(instance, Page) or may_discard_translation(instance, user):
        return None
    translation = managed_translation(instance)
    if translation is None:
        return None
    return ReviewActions(
        submit_url=reverse("samverkan_submit_translation", args=[instance.pk]),
        save_draft_url=reverse("samverkan_save_translation_draft", args=[instance.pk]),
        preview_url=reverse("wagtail_localize:preview_translation", args=[translation.pk]),
        in_review=instance.workflow_in_progress,
        has_workflow=instance.get_workflow() is not None,
    )
