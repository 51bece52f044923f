import pytest

from ..utils import make_person
from .helpers import EMAIL, PHONE, translate_snippet


@pytest.fixture
def anna(db):
    """A Swedish person whose e-mail and phone are public."""
    return make_person(
        "Anna Andersson",
        title="Bibliotekarie",
        email=EMAIL,
        email_is_public=True,
        phone=PHONE,
        phone_is_public=True,
    )


@pytest.fixture
def nb_anna(anna, nb_locale):
    """Anna's Norwegian version, made in the translation editor."""
    return translate_snippet(anna, nb_locale)[1]
