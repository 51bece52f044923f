"""Wagtail's own pages endpoint, unchanged: the reference the site's API is measured against.

Mounted only by the benchmark's URLs, under its own router name, so that its
``detail_url`` links never pass for the site's.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

stock_api_router = WagtailAPIRouter("benchstockapi")
stock_api_router.register_endpoint("pages", PagesAPIViewSet)
