"""Settings come from the environment; more content languages need configuration only."""

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def settings_under(environment):
    script = (
        "import json; from django.conf import settings; print(json.dumps({"
        "'languages': settings.WAGTAIL_CONTENT_LANGUAGES, 'source': settings.LANGUAGE_CODE,"
        "'database': settings.DATABASES['default']['ENGINE'], 'debug': settings.DEBUG}))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=PROJECT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "samverkan.settings.dev", **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


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
