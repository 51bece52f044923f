"""The signals by which Wagtail says a page's public state may have changed.

The delivery store (``delivery/refresh.py``) and the CDN's URL purges
(``frontend_cache/url_purges.py``) follow the same three; a deleted page
sends Django's ``post_delete`` for its ``Page`` row, whatever its type.
"""

from wagtail.signals import page_published, page_unpublished, post_page_move

PAGE_CHANGE_SIGNALS = {
    "published": page_published,
    "unpublished": page_unpublished,
    "moved": post_page_move,
}


def connect_to_page_changes(receiver, dispatch_uid_prefix):
    """Connect ``receiver`` to each of ``PAGE_CHANGE_SIGNALS``, once however often it is asked."""
    for name, signal in PAGE_CHANGE_SIGNALS.items():
        signal.connect(receiver, dispatch_uid=f"{dispatch_uid_prefix}_{name}")
