from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from content_types.api.views import no_such_endpoint

from .api import api_router

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The embeddable elements' script (content_types/embed/), for any site.
    path("embed/", include("content_types.embed.urls")),
    path("api/v2/calendar/", include("content_types.feeds.urls")),
    path("api/v2/", include("content_types.openapi.urls")),
    path("api/v2/", api_router.urls),
    re_path(r"^api/(?P<path>.*)$", no_such_endpoint),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
