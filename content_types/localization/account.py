"""A translator turns the e-mail about outdated translations on or off in their account.

The panel sits on the notifications tab of Wagtail's account settings, beside
Wagtail's own notification settings, for members of a translator group only.
"""

from django import forms
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab
from wagtail.models import Locale

from ..roles import find_named, translator_group_name
from .models import TranslatorNotificationPreference


class TranslatorNotificationsForm(forms.ModelForm):
    class Meta:
        model = TranslatorNotificationPreference
        fields = ["outdated_translations"]


def is_translator(user):
    """Whether ``user`` is in the translator group of any language."""
    groups = Group.objects.filter(user=user)
    return any(
        find_named(groups, lambda language, locale=locale: translator_group_name(locale, language))
        for locale in Locale.objects.all()
    )


class TranslatorNotificationsPanel(BaseSettingsPanel):
    name = "translator_notifications"
    title = _("Translation")
    tab = notifications_tab
    order = 150
    form_class = TranslatorNotificationsForm

    def is_active(self):
        return is_translator(self.user)

    def get_form(self):
        instance = TranslatorNotificationPreference.for_user(self.user)
        if self.request.method == "POST":
            return self.form_class(self.request.POST, instance=instance, prefix=self.name)
        return self.form_class(instance=instance, prefix=self.name)
