"""The production settings pass Django's deployment checks with the sample environment,
refuse to start without their secrets, with a weak secret key or with a cache each process
keeps to itself, and share state only through their services.

Each case starts manage.py in a process of its own with samverkan.settings.production
and an explicit environment: the sample file's variables, with SQLite and a file cache
in place of PostgreSQL and Redis so that nothing needs the network. The sample
names every variable these cases depend on, empty where unused, so a developer's .env
(read without overwriting) cannot change what they see.
"""

import json
import os
import re
import secrets
from dataclasses import replace
from http.cookies import SimpleCookie
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest

from .processes import (
    BUILD_CONTENT,
    copy_database,
    copy_test_database,
    free_port,
    gunicorn,
    server,
    shell,
)
from .processes import manage as process_manage
from .processes import refusal as refused
from .utils import redis_answers

pytestmark = pytest.mark.slow  # each test starts manage.py or gunicorn in processes of its own

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE_ENVIRONMENT = PROJECT / ".env.production.example"


def sample_variables():
    """The variables of the sample file, as django-environ reads its NAME=value lines."""
    lines = SAMPLE_ENVIRONMENT.read_text().splitlines()
    return dict(
        match.groups() for line in lines if (match := re.fullmatch(r"(\w+)=(.*)", line.strip()))
    )


def production_environment(tmp_path, **changes):
    return {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "samverkan.settings.production",
        **sample_variables(),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CACHE_URL": f"filecache://{tmp_path / 'cache'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        **changes,
    }


def manage(environment, *arguments):
    """The finished process, for tests that read how it ended."""
    return process_manage(environment, *arguments, check=False)


def evaluate(environment, script):
    """What a Python script prints as JSON on its last line, run under these settings."""
    result = manage(environment, "shell", "-c", script)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_deployment_checks_pass_with_the_sample_environment(tmp_path):
    result = manage(
        production_environment(tmp_path), "check", "--deploy", "--fail-level", "WARNING"
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "System check identified some issues" not in output
    assert "System check identified no issues (0 silenced)." in output


@pytest.mark.parametrize(
    "name", ["SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "CACHE_URL"]
)
def test_production_refuses_to_start_without_a_required_variable(tmp_path, name):
    result = manage(production_environment(tmp_path, **{name: ""}), "check")
    assert result.returncode != 0
    assert (
        f"django.core.exceptions.ImproperlyConfigured: {name} must be set in production"
        in result.stderr
    )


def test_the_sample_leaves_the_secret_key_to_be_generated():
    assert sample_variables()["SECRET_KEY"] == ""


@pytest.mark.parametrize(
    ("key", "refusal"),
    [
        ("dev-only-secret-key-not-for-production", "SECRET_KEY is a development key"),
        ("django-insecure-" + secrets.token_urlsafe(50), "SECRET_KEY is a development key"),
        (secrets.token_urlsafe(36), "SECRET_KEY is too weak for production (48 characters"),
        ("abcd" * 20, "SECRET_KEY is too weak for production (80 characters, 4 different)"),
    ],
    ids=["development key", "django-insecure", "48 characters", "4 different characters"],
)
def test_production_refuses_to_start_with_a_weak_secret_key(tmp_path, key, refusal):
    result = manage(production_environment(tmp_path, SECRET_KEY=key), "check")
    assert result.returncode != 0
    assert f"django.core.exceptions.ImproperlyConfigured: {refusal}" in result.stderr
    assert "secrets.token_urlsafe(50)" in result.stderr  # and how to make a good one


def test_a_random_key_of_fifty_characters_is_accepted(tmp_path):
    key = secrets.token_urlsafe(64)[:50]
    result = manage(production_environment(tmp_path, SECRET_KEY=key), "check")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("cache_url", "what"),
    [
        ("locmemcache://", "keeps its entries in each process's memory"),
        ("dummycache://", "keeps nothing"),
    ],
)
def test_production_refuses_a_cache_the_processes_do_not_share(tmp_path, cache_url, what):
    result = manage(production_environment(tmp_path, CACHE_URL=cache_url), "check")
    assert result.returncode != 0
    assert f"ImproperlyConfigured: CACHE_URL names a cache that {what}" in result.stderr
    assert "redis://" in result.stderr


def test_without_the_api_cache_production_may_run_with_no_cache_at_all(tmp_path):
    environment = production_environment(
        tmp_path, CACHE_URL="dummycache://", API_CACHE_ENABLED="false"
    )
    assert manage(environment, "check").returncode == 0
    refused = manage({**environment, "CACHE_URL": "locmemcache://"}, "check")
    assert "keeps its entries in each process's memory" in refused.stderr


MEDIA_STORAGE = (
    "import json; from django.core.files.storage import storages; storage = storages['default']; "
    "print(json.dumps({'class': type(storage).__module__ + '.' + type(storage).__name__, "
    "'url': storage.url('images/programme.jpg'), "
    "'overwrites': getattr(storage, 'file_overwrite', None)}))"
)


def test_media_go_to_s3_when_a_bucket_is_configured(tmp_path):
    media = evaluate(production_environment(tmp_path), MEDIA_STORAGE)
    assert media["class"] == "storages.backends.s3.S3Storage"
    assert media["url"].startswith("https://")
    assert "samverkan-media" in media["url"]
    assert media["url"].endswith("/images/programme.jpg")  # unsigned: no expiring query
    assert media["overwrites"] is False


def test_media_stay_on_the_file_system_without_a_bucket(tmp_path):
    environment = production_environment(tmp_path, AWS_STORAGE_BUCKET_NAME="")
    media = evaluate(environment, MEDIA_STORAGE)
    assert media["class"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert media["url"] == "/media/images/programme.jpg"


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    """The static files as ``collectstatic`` gathers them for production, once for this module."""
    folder = tmp_path_factory.mktemp("collected")
    collected = manage(production_environment(folder), "collectstatic", "--no-input")
    assert collected.returncode == 0, collected.stderr
    return folder / "static"


def test_whitenoise_serves_the_collected_static_files(tmp_path, collected_static):
    environment = production_environment(tmp_path, STATIC_ROOT=str(collected_static))
    served = evaluate(
        environment,
        "import json; from django.conf import settings; from django.test import Client; "
        "from django.templatetags.static import static; url = static('admin/css/base.css'); "
        "response = Client().get(url, secure=True, HTTP_HOST='cms.example.se', "
        "HTTP_ACCEPT_ENCODING='gzip'); "
        "print(json.dumps({'url': url, 'status': response.status_code, "
        "'cache_control': response.get('Cache-Control', ''), "
        "'encoding': response.get('Content-Encoding', ''), "
        "'middleware': settings.MIDDLEWARE, "
        "'storage': settings.STORAGES['staticfiles']['BACKEND']}))",
    )
    assert served["storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    middleware = served["middleware"]
    assert middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") == (
        middleware.index("django.middleware.security.SecurityMiddleware") + 1
    )
    assert re.fullmatch(r"/static/admin/css/base\.[0-9a-f]{12}\.css", served["url"])
    assert served["status"] == 200
    assert "immutable" in served["cache_control"]
    assert served["encoding"] == "gzip"


def test_sessions_are_kept_in_the_cache_and_written_to_the_database(tmp_path):
    sessions = evaluate(
        production_environment(tmp_path),
        "import json; from django.conf import settings; from django.core.cache import caches; "
        "from django.core.management import call_command; "
        "from django.contrib.sessions.backends.cached_db import SessionStore, KEY_PREFIX; "
        "from django.contrib.sessions.models import Session; "
        "call_command('migrate', 'sessions', verbosity=0); "
        "session = SessionStore(); session['editor'] = 1; session.create(); "
        "print(json.dumps({'engine': settings.SESSION_ENGINE, "
        "'cached': caches[settings.SESSION_CACHE_ALIAS].get(KEY_PREFIX + session.session_key), "
        "'stored': Session.objects.filter(session_key=session.session_key).exists()}))",
    )
    assert sessions["engine"] == "django.contrib.sessions.backends.cached_db"
    assert sessions["cached"] == {"editor": 1}
    assert sessions["stored"] is True


def test_the_sample_shares_state_through_postgresql_and_redis(tmp_path):
    environment = {
        **production_environment(tmp_path),
        "DATABASE_URL": sample_variables()["DATABASE_URL"],
        "CACHE_URL": sample_variables()["CACHE_URL"],
    }
    services = evaluate(
        environment,
        "import json; from django.conf import settings; print(json.dumps({"
        "'database': settings.DATABASES['default']['ENGINE'], "
        "'cache': settings.CACHES[settings.SESSION_CACHE_ALIAS]['BACKEND'], "
        "'api_cache': settings.CACHES[settings.SAMVERKAN_API['CACHE_ALIAS']]['BACKEND']}))",
    )
    assert services == {
        "database": "django.db.backends.postgresql",
        "cache": "samverkan.cache.RedisCache",
        "api_cache": "samverkan.cache.RedisCache",
    }


def test_cookies_are_secure_http_only_and_same_site(tmp_path):
    """The cookies as Django's own session and CSRF middleware set them on an answer."""
    cookies = evaluate(
        production_environment(tmp_path),
        "import json\n"
        "from django.contrib.sessions.middleware import SessionMiddleware\n"
        "from django.core.management import call_command\n"
        "from django.http import HttpResponse\n"
        "from django.middleware.csrf import CsrfViewMiddleware, get_token\n"
        "from django.test import RequestFactory\n"
        "call_command('migrate', 'sessions', verbosity=0)\n"
        "def view(request):\n"
        "    get_token(request)\n"
        "    request.session['editor'] = 1\n"
        "    return HttpResponse()\n"
        "request = RequestFactory().get('/admin/', secure=True, HTTP_HOST='cms.example.se')\n"
        "response = SessionMiddleware(CsrfViewMiddleware(view))(request)\n"
        "flags = lambda c: [bool(c['secure']), bool(c['httponly']), c['samesite']]\n"
        "print(json.dumps({n: flags(response.cookies[n]) for n in ('csrftoken', 'sessionid')}))",
    )
    assert cookies == {"csrftoken": [True, True, "Lax"], "sessionid": [True, True, "Lax"]}


def test_the_login_is_throttled_by_the_address_the_proxy_saw(tmp_path):
    throttling = evaluate(
        production_environment(tmp_path),
        "import json; from django.conf import settings; print(json.dumps({"
        "'enabled': getattr(settings, 'AXES_ENABLED', True), "
        "'limit': settings.SAMVERKAN_LOGIN_FAILURE_LIMIT, "
        "'address_limit': settings.SAMVERKAN_LOGIN_ADDRESS_FAILURE_LIMIT, "
        "'cool_off': settings.AXES_COOLOFF_TIME.total_seconds(), "
        "'proxies': settings.SAMVERKAN_TRUSTED_PROXY_COUNT}))",
    )
    assert throttling == {
        "enabled": True,
        "limit": 5,
        "address_limit": 30,
        "cool_off": 900.0,
        "proxies": 1,
    }


# Application servers: one state, or none at all


REDIS_URL = "redis://127.0.0.1:6379/11"  # this module's own database, emptied before and after
ADMIN_PASSWORD = secrets.token_urlsafe(24)
# As the load balancer forwards a request over HTTPS.
FORWARDED = {
    "Host": "cms.example.se",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-For": "203.0.113.7",
}


@pytest.mark.parametrize(
    ("cache_url", "refusal"),
    [
        ("", "CACHE_URL must be set in production"),
        ("locmemcache://", "CACHE_URL names a cache that keeps its entries in each process's"),
    ],
    ids=["no CACHE_URL", "local memory"],
)
def test_servers_without_a_cache_they_share_refuse_to_start(tmp_path, cache_url, refusal):
    environment = production_environment(tmp_path, CACHE_URL=cache_url)
    for port in (free_port(), free_port()):
        status, output = refused(gunicorn(port), environment)
        assert status != 0
        assert refusal in output


@pytest.fixture(params=["file", "redis"])
def shared_cache_url(request, tmp_path):
    """The cache two servers share: a folder on one machine, or Redis as the sample has it."""
    if request.param == "file":
        yield f"filecache://{tmp_path / 'cache'}"
        return
    if not redis_answers():
        pytest.skip("no Redis server answers at 127.0.0.1:6379")
    import redis

    server = redis.Redis.from_url(REDIS_URL)
    server.flushdb()
    yield REDIS_URL
    server.flushdb()


def site_environment(folder, **changes):
    """Production's settings for the servers below: media on the file system, an administrator."""
    return production_environment(
        folder,
        AWS_STORAGE_BUCKET_NAME="",
        ADMIN_USERNAME="redaktor",
        ADMIN_PASSWORD=ADMIN_PASSWORD,
        **changes,
    )


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    """A database file with a published conference and an administrator, made once for this
    module by ``manage.py`` under production's settings; each test serves a copy of its own."""
    folder = tmp_path_factory.mktemp("site")
    environment = site_environment(folder)
    with django_db_blocker.unblock():
        copy_test_database(folder / "db.sqlite3", environment, tmp_path_factory)
    conference = shell(environment, BUILD_CONTENT)["conference"]
    process_manage(environment, "ensure_admin")
    return SimpleNamespace(database=folder / "db.sqlite3", conference=conference)


def test_a_restriction_saved_through_one_server_hides_the_page_on_the_other_at_once(
    db, site, collected_static, tmp_path, shared_cache_url
):
    """An editor restricts a page to logged-in users in the admin of one server; anonymous
    readers of the other, whose API has the page in its cache, get 404 on their next request."""
    # The admin's pages name the collected static files.
    environment = site_environment(
        tmp_path, CACHE_URL=shared_cache_url, STATIC_ROOT=str(collected_static)
    )
    copy_database(site.database, tmp_path / "db.sqlite3")
    conference = site.conference
    detail = f"/api/v2/pages/{conference}/"
    listing = "/api/v2/pages/?type=content_types.ConferencePage"

    first_port, second_port = free_port(), free_port()
    with (
        server(gunicorn(first_port), first_port, environment, tmp_path / "first.log") as first,
        server(gunicorn(second_port), second_port, environment, tmp_path / "second.log") as second,
    ):
        first, second = (replace(api, headers=tuple(FORWARDED.items())) for api in (first, second))
        for api in (first, second):
            assert api.get(detail).status == 200
            assert api.get(detail).status == 200  # from its cache
            assert len(api.get(listing).json()["items"]) == 1

        editor = AdminSession(first)
        editor.log_in("redaktor", ADMIN_PASSWORD)
        saved = editor.post(f"/admin/pages/{conference}/privacy/", {"restriction_type": "login"})
        assert saved.status == 200, saved.body
        assert saved.json()["step"] == "set_privacy_done"

        for api in (second, first):
            assert api.get(detail).status == 404
            assert api.get(listing).json()["items"] == []


class AdminSession:
    """An editor's browser on one server's admin: its cookies, and the CSRF token it sends."""

    def __init__(self, client):
        self.client = client
        self.cookies = {}

    def request(self, method, path, form=None):
        headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode({**form, "csrfmiddlewaretoken": self.cookies["csrftoken"]})
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": "https://cms.example.se",
                "Referer": f"https://cms.example.se{path}",
            }
        answer = self.client.request(method, path, headers, body)
        for header in answer.headers.get_all("Set-Cookie") or ():
            self.cookies |= {name: morsel.value for name, morsel in SimpleCookie(header).items()}
        return answer

    def post(self, path, form):
        return self.request("POST", path, form)

    def log_in(self, username, password):
        assert self.request("GET", "/admin/login/").status == 200
        answer = self.post("/admin/login/", {"username": username, "password": password})
        assert answer.status == 302, answer.body
        assert "sessionid" in self.cookies
