"""The calendar feeds' URLs; a site mounts them, e.g. under ``api/v2/calendar/``."""

from django.urls import path

from . import views

app_name = "samverkan_calendar"

urlpatterns = [
    path("conferences.ics", views.upcoming_conferences_feed, name="upcoming_conferences"),
    # Any text is taken as the id, so a malformed one answers the feed's own 404.
    path("conferences/<str:conference_id>.ics", views.conference_feed, name="conference"),
    path("programme-items/<str:item_id>.ics", views.programme_item_feed, name="programme_item"),
]
