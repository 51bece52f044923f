"""Which text-search configuration a language, a search and an object get.

Plain lookups, the same on every database; ``group_by_config`` reads the
locales from the database.
"""

import pytest

from content_types.search.languages import TextSearchConfigs

from ..utils import make_region

CONFIGS = TextSearchConfigs({"sv": "swedish", "nb": "norwegian", "nn": "norwegian"}, "simple")


def test_a_language_gets_its_configuration():
    assert CONFIGS.for_language("sv") == "swedish"
    assert CONFIGS.for_language("nb") == "norwegian"


def test_a_regional_variant_reads_as_its_language():
    assert CONFIGS.for_language("sv-FI") == "swedish"
    assert CONFIGS.for_language("NB") == "norwegian"


def test_an_unknown_language_or_none_gets_the_default():
    assert CONFIGS.for_language("fi") == "simple"
    assert CONFIGS.for_language(None) == "simple"


def test_a_search_in_named_languages_uses_their_configurations_once():
    assert CONFIGS.for_languages(["nb", "nn"]) == ("norwegian",)
    assert CONFIGS.for_languages(["nb", "sv"]) == ("norwegian", "swedish")


def test_a_search_in_no_language_uses_every_configuration_the_index_may_hold():
    assert CONFIGS.for_languages([]) == ("swedish", "norwegian", "simple")
    assert CONFIGS.for_languages(None) == ("swedish", "norwegian", "simple")


@pytest.mark.django_db
def test_objects_are_grouped_by_the_language_of_their_locale(sv_locale, nb_locale):
    swedish = make_region("Västmanlands län", locale=sv_locale)
    norwegian = make_region("Vestfold", locale=nb_locale)
    no_locale = object()

    groups = CONFIGS.group_by_config([swedish, norwegian, no_locale])

    assert groups == {"swedish": [swedish], "norwegian": [norwegian], "simple": [no_locale]}
