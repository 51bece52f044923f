"""Brute-force throttling of the admin login, with django-axes.

django-axes counts failed logins per user name and address and per address,
and refuses a locked-out one before the password is checked. Wagtail's login
form then only knows that authentication failed; these hooks let it say why,
and answer 429. The address is ``content_types.client_address``'s, as for the
password forms of restricted pages.
"""

import math

from axes.attempts import get_cool_off_threshold
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Sum
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


def failure_limit(request, credentials=None):
    """The failure limit that applies to this login: per user name and address, or per address.

    django-axes counts failures for each of ``AXES_LOCKOUT_PARAMETERS``
    (user name and address; address) and locks out when the largest count
    reaches one ``AXES_FAILURE_LIMIT``. The largest is always the address's,
    which includes the pair's. So the limit is the pair's
    (``SAMVERKAN_LOGIN_FAILURE_LIMIT``) once the pair has reached it, and the
    higher one of the address (``SAMVERKAN_LOGIN_ADDRESS_FAILURE_LIMIT``)
    until then: a person mistyping their own password is stopped at the
    first, someone trying many user names from one address at the second.
    """
    per_user_name = settings.SAMVERKAN_LOGIN_FAILURE_LIMIT
    per_address = settings.SAMVERKAN_LOGIN_ADDRESS_FAILURE_LIMIT
    attempts = AccessAttempt.objects.filter(
        username=get_client_username(request, credentials),
        ip_address=request.axes_ip_address,
    )
    if get_cool_off(request) is not None:
        attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
    failures = attempts.aggregate(failures=Sum("failures_since_start"))["failures"] or 0
    return per_user_name if failures >= per_user_name else per_address
