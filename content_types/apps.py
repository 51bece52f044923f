from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentTypesConfig(AppConfig):
    name = "content_types"
    label = "content_types"
    verbose_name = _("Library development content")
    default_auto_field = "django.db.models.BigAutoField"
