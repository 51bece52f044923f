"""The API's OpenAPI document and its web page; a site mounts them beside the API.

Eg: ``path("api/v2/", include("content_types.openapi.urls"))`` before the API router.
"""

from django.urls import path

from . import views

app_name = "samverkan_openapi"

urlpatterns = [
    path("openapi.json", views.openapi_document, name="document"),
    path("docs/", views.documentation, name="docs"),
]
