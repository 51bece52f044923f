"""The site's URLs, and the two reference endpoints the benchmark compares the API with."""

from django.urls import path
from samverkan.urls import urlpatterns as site_urlpatterns

from .stock_api import stock_api_router
from .trivial import trivial_view

urlpatterns = [
    path("bench/stock/v2/", stock_api_router.urls),
    path("bench/trivial/", trivial_view),
    *site_urlpatterns,
]
