"""What a translator wants to hear about (``TranslatorNotificationPreference``).

Wagtail's ``UserProfile`` holds the notification settings of review; being
told that a translated page became outdated is ours, so it has a row of its
own, made when the translator first changes it. Without a row the e-mail is
sent: a translator hears about new work unless they say otherwise.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslatorNotificationPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="translator_notification_preference",
    )
    outdated_translations = models.BooleanField(
        _("Outdated translations"),
        default=True,
        help_text=_(
            "Receive an e-mail when the source of a page you translate is published with "
            "changes, so that its translation into your language is outdated"
        ),
    )

    class Meta:
        verbose_name = _("translator notification preference")
        verbose_name_plural = _("translator notification preferences")

    def __str__(self):
        return str(self.user)

    @classmethod
    def for_user(cls, user):
        """The user's preference, unsaved with the defaults when they never changed it."""
        return cls.objects.filter(user=user).first() or cls(user=user)
