"""The embed script's URL; a site mounts it, e.g. ``path("embed/", include("content_types.embed.urls"))``."""

from django.urls import path

from . import views

app_name = "samverkan_embed"

urlpatterns = [
    path("v1/samverkan.js", views.script, name="script"),
]
