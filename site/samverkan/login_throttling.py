"""Brute-force throttling of the admin login, with django-axes.

django-axes counts failed logins per user name and address and refuses a
locked-out one before the password is checked. Wagtail's login form then only
knows that authentication failed; these hooks let it say why, and answer 429.
"""

import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


def lockout_message(request):
    cool_off = get_cool_off(request)
    minutes = max(1, math.ceil(cool_off.total_seconds() / 60)) if cool_off else None
    if minutes is None:
        return _("Too many failed login attempts. Ask an administrator to unlock the account.")
    return _("Too many failed login attempts. Wait %(minutes)s min and try again.") % {
        "minutes": minutes
    }


class LoginForm(WagtailLoginForm):
    """Wagtail's login form, saying so when the attempt was refused for too many failures."""

    def get_invalid_login_error(self):
        if getattr(self.request, "axes_locked_out", False):
            return ValidationError(lockout_message(self.request), code="locked_out")
        return super().get_invalid_login_error()


def lockout_response(request, original_response=None, credentials=None):
    """The login page with the lockout message on the form, as 429 Too Many Requests.

    The form has already said why (``LoginForm``); elsewhere, a plain-text answer.
    """
    if original_response is not None and original_response.status_code == 200:
        original_response.status_code = 429
        return original_response
    return HttpResponse(lockout_message(request), status=429, content_type="text/plain")


def client_ip(request):
    """The address a login attempt came from.

    ``REMOTE_ADDR``, or behind ``TRUSTED_PROXY_COUNT`` proxies that each append
    the address they saw to ``X-Forwarded-For``, the address the outermost one
    saw: counted from the right, so that what a client writes into the header
    itself is never taken.
    """
    proxies = settings.SAMVERKAN_TRUSTED_PROXY_COUNT
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
