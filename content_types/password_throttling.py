"""Brute-force throttling of Wagtail's password forms.

A page or a collection with a password restriction is opened with one shared
password, posted to Wagtail's ``authenticate_with_password`` views, which
check it without limit. ``PasswordFormThrottleMiddleware`` counts wrong
passwords per client address and restriction: after ``FAILURE_LIMIT`` of them
within ``WINDOW`` seconds of the first, that address is refused for that
restriction, even with the right password, until the window has passed; it is
told so with status 429. Other addresses and other restrictions are not
affected. A plugin user turns it on with one line in ``MIDDLEWARE`` and may
change the numbers::

    SAMVERKAN_PASSWORD_THROTTLE = {"FAILURE_LIMIT": 10, "WINDOW": 900, "CACHE": "default"}

The attempts are counted in a cache shared by every process (Redis in
production): one per process would multiply the limit by the processes.
"""

import math
import time
from hashlib import sha256

from django.conf import settings
from django.core.cache import caches
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .client_address import client_address

DEFAULTS = {"FAILURE_LIMIT": 10, "WINDOW": 15 * 60, "CACHE": "default"}

# The URL names of Wagtail's password forms, with the name of the restriction's id
# among their arguments.
PASSWORD_FORMS = {
    "wagtailcore_authenticate_with_password": ("page", "page_view_restriction_id"),
    "wagtaildocs_authenticate_with_password": ("collection", "restriction_id"),
}

REFUSED_TEMPLATE = "content_types/password_throttled.html"


def throttle_setting(name):
    return getattr(settings, "SAMVERKAN_PASSWORD_THROTTLE", {}).get(name, DEFAULTS[name])


class PasswordAttempts:
    """The attempts at one restriction's password from one address, in the current window.

    An attempt is counted before the password is checked, so that parallel
    requests cannot all pass the check before any is counted; an attempt that
    did not turn out a wrong password (the right one, or no form at all) is
    given back afterwards.
    """

    def __init__(self, kind, restriction_id, address):
        address_digest = sha256((address or "").encode()).hexdigest()[:32]
        self.key = f"samverkan:password-attempts:{kind}:{restriction_id}:{address_digest}"
        self.cache = caches[throttle_setting("CACHE")]
        self.limit = throttle_setting("FAILURE_LIMIT")
        self.window = throttle_setting("WINDOW")
        self.refused = False

    @classmethod
    def for_request(cls, request):
        """The attempts a POST to one of Wagtail's password forms belongs to, or None."""
        match = getattr(request, "resolver_match", None)
        if request.method != "POST" or match is None or match.url_name not in PASSWORD_FORMS:
            return None
        kind, argument = PASSWORD_FORMS[match.url_name]
        return cls(kind, match.kwargs[argument], client_address(request))

    def take(self):
        """Count one attempt; True while the attempts are within the limit."""
        if self.cache.add(self.key, 1, self.window):
            self.cache.set(self.until_key, time.time() + self.window, self.window)
            count = 1
        else:
            try:
                count = self.cache.incr(self.key)
            except ValueError:  # the window ended in between
                return self.take()
            # Redis and local memory keep the expiry on an increment, the file
            # and database caches start it again: it ends with the window.
            self.cache.touch(self.key, self.seconds_left())
        self.refused = count > self.limit
        return not self.refused

    def give_back(self):
        try:
            self.cache.decr(self.key)
        except ValueError:  # the window has ended
            pass

    @property
    def until_key(self):
        return f"{self.key}:until"

    def seconds_left(self):
        """Seconds until the window ends, at least one."""
        until = self.cache.get(self.until_key)
        if until is None:
            return self.window
        return max(1, math.ceil(until - time.time()))


def refused_response(request, attempts):
    seconds = attempts.seconds_left()
    message = _("Too many wrong passwords. Wait %(minutes)s min and try again.") % {
        "minutes": max(1, math.ceil(seconds / 60))
    }
    response = TemplateResponse(request, REFUSED_TEMPLATE, {"message": message}, status=429)
    response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response


class PasswordFormThrottleMiddleware:
    """Refuses a password form's attempts from an address that has had too many wrong.

    A wrong password is recognised by its answer: Wagtail's view shows the form
    again (200), where the right one redirects. Place it after the CSRF and
    locale middleware, so the refusal is in the visitor's language and a
    request without a CSRF token is refused before it counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        attempts = getattr(request, "password_attempts", None)
        if attempts is not None and not attempts.refused and response.status_code != 200:
            attempts.give_back()
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        attempts = PasswordAttempts.for_request(request)
        if attempts is None:
            return None
        request.password_attempts = attempts
        if not attempts.take():
            return refused_response(request, attempts)
        return None
