"""Settings come from the environment; more content languages need configuration only."""

from .utils import settings_in_new_process


def settings_under(environment):
    return settings_in_new_process(
        {
            "languages": "settings.WAGTAIL_CONTENT_LANGUAGES",
            "source": "settings.LANGUAGE_CODE",
            "database": "settings.DATABASES['default']['ENGINE']",
            "debug": "settings.DEBUG",
        },
        environment,
    )


def test_nynorsk_and_english_are_added_by_configuration_alone():
    configured = settings_under({"CONTENT_LANGUAGES": "sv,nb,nn,en"})
    assert [code for code, _name in configured["languages"]] == ["sv", "nb", "nn", "en"]
    assert configured["source"] == "sv"


def test_the_database_and_debug_come_from_the_environment():
    configured = settings_under(
        {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test", "DEBUG": "off"}
    )
    assert configured["database"] == "django.db.backends.postgresql"
    assert configured["debug"] is False


REPLICA_SETTINGS = {
    "aliases": "sorted(settings.DATABASES)",
    "replica_host": "settings.DATABASES.get('replica', {}).get('HOST')",
    "mirror": "settings.DATABASES.get('replica', {}).get('TEST', {}).get('MIRROR')",
    "routers": "settings.DATABASE_ROUTERS",
}


def test_a_read_replica_is_configured_by_its_url_and_tests_see_it_as_the_default():
    configured = settings_in_new_process(
        REPLICA_SETTINGS,
        {
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/samverkan",
            "DATABASE_REPLICA_URL": "postgres://postgres@replica.internal:5432/samverkan",
        },
    )
    assert configured == {
        "aliases": ["default", "replica"],
        "replica_host": "replica.internal",
        "mirror": "default",
        "routers": ["content_types.api.read_replica.ReadReplicaRouter"],
    }


def test_without_a_replica_there_is_one_database_and_no_router():
    configured = settings_in_new_process(REPLICA_SETTINGS, {}, without=("DATABASE_REPLICA",))
    assert (configured["aliases"], configured["routers"]) == (["default"], [])
