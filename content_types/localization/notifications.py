"""E-mail to translators when a page they translate becomes outdated.

The translators of a language are the members of its translator group
(``roles.py``): the language boundary is the group. Each gets the e-mail in
their own admin language (their Wagtail profile's), naming the page, how much
is left to translate and where to do it, unless they turned it off in their
account settings (``TranslatorNotificationPreference``).
"""

import logging

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation as translation_module
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_admin_base_url
from wagtail.models import Page
from wagtail.users.models import UserProfile

from ..roles import find_named, translator_group_name
from .status import translation_progress

logger = logging.getLogger(__name__)


def translators_to_notify(locale):
    """Active members of ``locale``'s translator group with an e-mail address who did not opt out."""
    group = find_named(
        Group.objects.all(), lambda language: translator_group_name(locale, language)
    )
    if group is None:
        return []
    return list(
        group.user_set.filter(is_active=True)
        .exclude(email="")
        .exclude(translator_notification_preference__outdated_translations=False)
        .order_by("pk")
    )


def notify_outdated(translations):
    """Tell the translators of each of ``translations`` that it is outdated; return mails sent."""
    sent = 0
    for translation in translations:
        target = Page.objects.filter(
            translation_key=translation.source.object_id, locale=translation.target_locale
        ).first()
        if target is None:
            continue
        progress = translation_progress(translation)
        for user in translators_to_notify(translation.target_locale):
            try:
                sent += send_mail(
                    *message(user, translation, target, progress),
                    from_email=sender(),
                    recipient_list=[user.email],
                )
            except Exception:
                logger.exception("Could not tell %s that a translation is outdated", user.pk)
    return sent


def work_left(values):
    if values["left"]:
        return (
            _(
                "Strings to translate: %(left)s of %(total)s, of which %(changed)s changed "
                "since they were translated."
            )
            % values
        )
    # Only what follows the source changed (a date, a venue): saving the translation takes it.
    return _(
        "No text changed; submit the translation for review again so that it takes the "
        "source's other changes."
    )


def sender():
    """The sender of Wagtail's own notifications (``NOTIFICATION_FROM_EMAIL``)."""
    return getattr(settings, "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", None)


def message(user, translation, target, progress):
    """The subject and text of the e-mail, in ``user``'s admin language."""
    total, translated, changed = progress
    base = get_admin_base_url() or ""
    language = UserProfile.get_for_user(user).get_preferred_language()
    with translation_module.override(language):
        values = {
            "title": translation.source.object_repr,
            "source_language": translation.source.locale.get_display_name(),
            "language": translation.target_locale.get_display_name(),
            "left": total - translated,
            "total": total,
            "changed": changed,
        }
        subject = _("Translation outdated: '%(title)s' (%(language)s)") % values
        body = "\n\n".join(
            [
                _(
                    "The source of '%(title)s' (%(source_language)s) was published with changes, "
                    "so its translation into %(language)s is outdated."
                )
                % values,
                work_left(values),
                _("Translate it here: %(url)s")
                % {"url": base + reverse("wagtailadmin_pages:edit", args=[target.pk])},
                _(
                    "You receive this e-mail because you translate into %(language)s. "
                    "You can turn it off in your account settings: %(url)s"
                )
                % {**values, "url": base + reverse("wagtailadmin_account")},
            ]
        )
    return subject, body
