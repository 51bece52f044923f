"""Saving a translation as a draft without changing what readers see.

wagtail-localize's ``Translation.save_target(publish=False)`` saves the
translated page itself before it adds the draft revision. For a translation
that is already published, that puts the unreviewed text on the live page at
once: the API, the feeds and the site read the page, not its revisions.
``save_translation_draft`` lets wagtail-localize write the draft, then puts
the content of the published revision back on the page, as Wagtail leaves a
live page when an editor saves a draft.
"""

from django.db import transaction
from wagtail.models import Page


def save_translation_draft(translation, user=None):
    """Save ``translation``'s strings as a draft revision of its page; the live page stays as is."""
    target = (
        Page.objects.filter(
            translation_key=translation.source.object_id, locale=translation.target_locale
        )
        .only("pk", "live", "live_revision")
        .first()
    )
    live_revision = target.live_revision if target is not None and target.live else None
    with transaction.atomic():
        translation.save_target(user=user, publish=False)
        if live_revision is not None:
            restore_published_content(live_revision)


def restore_published_content(live_revision):
    """Put ``live_revision``'s content back on its page, keeping the new draft as its latest."""
    published = live_revision.as_object()  # the page as it stands, with the published content
    current = Page.objects.only("last_published_at").get(pk=published.pk)
    published.live_revision = live_revision
    published.last_published_at = current.last_published_at
    published.save(clean=False)
