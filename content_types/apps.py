from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentTypesConfig(AppConfig):
    name = "content_types"
    label = "content_types"
    verbose_name = _("Library development content")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import TranslatableMixin

        from .localization.fields import configure_translatable_fields

        configure_translatable_fields(
            model for model in self.get_models() if issubclass(model, TranslatableMixin)
        )

        from .webhooks import permissions as webhook_permissions
        from .webhooks import signals as webhook_signals

        webhook_permissions.register_permission_policies()
        webhook_signals.connect()

        from .localization import sync as translation_sync

        translation_sync.connect()

        from .delivery import recording as delivery_recording

        delivery_recording.connect()

        # The store is marked stale before the response cache's generation moves (both once
        # committed): a reader of the new generation never reads a representation still to go.
        from .api import delivery as api_delivery
        from .delivery import refresh as delivery_refresh

        delivery_refresh.connect()
        delivery_refresh.marked_stale.connect(
            api_delivery.render_marked, dispatch_uid="samverkan_api_render_marked"
        )

        from .frontend_cache import url_purges

        url_purges.connect()
