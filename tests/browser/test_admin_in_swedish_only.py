"""A Swedish editor reads no Norwegian in the admin's main screens.

The walk and how the other language is recognised: ``admin_languages.py``. One
module a language, so that a parallel run gives each its own worker.
"""

import pytest

from .admin_languages import made, walk_the_admin

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

__all__ = ["made"]


def test_the_admins_main_screens_show_no_norwegian(servers, new_page, screenshots, made):
    walk_the_admin(servers, new_page, screenshots, made, "sv")
