"""Background task (django-tasks): bring a republished page's translations up to its source.

It catches everything: a failure is logged and never reaches whoever
published the page; the report and the export still find the source stale and
``export_translations`` syncs it then.
"""

import logging

from django_tasks import task
from wagtail.models import Page

from .notifications import notify_outdated
from .sync import sync_translations, translation_records

logger = logging.getLogger(__name__)


@task()
def sync_translations_of_page(page_id):
    """Sync the translations of page ``page_id``; return how many e-mails were sent."""
    try:
        page = Page.objects.filter(pk=page_id).first()
        if page is None:
            return 0
        sent = 0
        for source in translation_records(page):
            sent += notify_outdated(sync_translations(source))
        return sent
    except Exception:
        logger.exception("The translations of page %s could not be synced", page_id)
        return 0
