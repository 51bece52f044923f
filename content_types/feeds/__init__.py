"""Calendar feeds (iCalendar, RFC 5545) of the public conferences and their programmes.

``calendar.py`` builds the calendars from pages, ``views.py`` serves them and
``urls.py`` names the URLs; a site mounts them with
``path("api/v2/calendar/", include("content_types.feeds.urls"))``.
"""
