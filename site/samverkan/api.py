"""The public content API (Wagtail API v2) of the reference site."""

from wagtail.api.v2.router import WagtailAPIRouter

from content_types.api.preview import PagePreviewAPIViewSet
from content_types.api.sync import SyncEndpoint
from content_types.api.views import (
    ContentDocumentsAPIViewSet,
    ContentImagesAPIViewSet,
    ContentPagesAPIViewSet,
)

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ContentPagesAPIViewSet)
api_router.register_endpoint("images", ContentImagesAPIViewSet)
api_router.register_endpoint("documents", ContentDocumentsAPIViewSet)
# Drafts by preview token; after "pages", which pages' detail_url must keep pointing at.
api_router.register_endpoint("preview", PagePreviewAPIViewSet)
# What changed since a mirror last looked (content_types/api/sync.py).
api_router.register_endpoint("sync", SyncEndpoint)
