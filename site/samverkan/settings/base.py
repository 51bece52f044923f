"""Settings shared by every environment.

All configuration comes from the environment (or a `.env` file in the project
folder) through django-environ; nothing else in the project reads os.environ.
"""

from datetime import timedelta
from pathlib import Path

import environ
from corsheaders.defaults import default_headers as cors_default_headers
from csp.constants import NONCE, NONE, SELF

from samverkan.cache import with_reused_clients

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
# The key development uses without SECRET_KEY (dev.py); production refuses it.
DEVELOPMENT_SECRET_KEY = "dev-only-secret-key-not-for-production"
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "content_types",
    "corsheaders",
    "axes",
    "csp",
    "wagtail_headless_preview",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.api.v2",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First: anonymous reads of the public API, from any origin; the rest goes
    # on to the configured origins (content_types/api/public_cors.py).
    "content_types.api.public_cors.PublicReadCorsMiddleware",
    # Its answers to preflight requests need nothing below it.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before the cache, so stored API responses are sent with the policy too.
    "csp.middleware.CSPMiddleware",
    # Answers stored API responses before the rest: sessions, language, CSRF, auth.
    "content_types.api.caching.CachedResponseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samverkan.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the user is known: the admin speaks the editor's language around its
    # views too (content_types/admin_language.py).
    "content_types.admin_language.AdminLanguageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # After CSRF and the language: refuses too many wrong passwords for a restricted
    # page or collection (content_types/password_throttling.py).
    "content_types.password_throttling.PasswordFormThrottleMiddleware",
    # Last: turns a refused login into the lockout answer (samverkan/login_throttling.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "samverkan.urls"
WSGI_APPLICATION = "samverkan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # One writer at a time: readers keep what they render into the delivery store, so a
    # transaction takes the write lock when it begins and waits for it (up to 20 s), rather
    # than failing when a read turns into a write while another process writes.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options.setdefault("timeout", 20)
    options.setdefault("transaction_mode", "IMMEDIATE")
# A read replica of the database (PostgreSQL): the public API's anonymous reads go to it,
# everything else to the primary (content_types/api/read_replica.py). For
# DATABASE_REPLICA_MAX_LAG seconds after public content changes, those reads stay on the
# primary too, so nothing the replica has not caught up with is kept as current.
# Unset, there is one database.
DATABASE_ROUTERS = []
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = {
        **env.db("DATABASE_REPLICA_URL"),
        "ATOMIC_REQUESTS": False,
        # Tests see one database: the replica is the default one under another name.
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["content_types.api.read_replica.ReadReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache for every process of the site: the API's content generation and
# stored responses, what the visibility rules remember per generation (view
# restrictions, private collections, site roots), Wagtail's own site roots and,
# in production, the sessions. A change saved in any process (the server, the
# task worker, the scheduled-publishing job, manage.py) is seen by every other
# at once. CACHE_URL names it (redis://... in production, which refuses a cache
# kept in one process's memory); without it, files in var/cache/ of the project,
# which the processes of one machine share.
if env("CACHE_URL", default=""):
    CACHES = {"default": with_reused_clients(env.cache("CACHE_URL"))}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(BASE_DIR / "var" / "cache"),
        }
    }

# Brute-force throttling of the admin login (django-axes): after LOGIN_FAILURE_LIMIT
# failed attempts for one user name from one address, that user name is refused
# from that address; after LOGIN_ADDRESS_FAILURE_LIMIT from one address, whatever
# the user names, every login from it is; for LOGIN_COOLOFF_MINUTES after the last
# failure, with a message on the login form (samverkan/login_throttling.py). A
# further attempt meanwhile starts the wait again; a success clears nothing (it
# would clear the whole address's count). `manage.py axes_reset` lifts every lockout.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
SAMVERKAN_LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
SAMVERKAN_LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=30)
AXES_FAILURE_LIMIT = "samverkan.login_throttling.failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "content_types.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "samverkan.login_throttling.lockout_response"
AXES_ENABLE_ADMIN = False
# Failures are kept until their cool-off ends; successful logins are not recorded.
AXES_DISABLE_ACCESS_LOG = True
WAGTAILADMIN_USER_LOGIN_FORM = "samverkan.login_throttling.LoginForm"
# Wagtail's password forms of restricted pages and collections: after
# PASSWORD_FAILURE_LIMIT wrong passwords from one address for one restriction,
# that address is refused for it until PASSWORD_COOLOFF_MINUTES have passed since
# the first (content_types/password_throttling.py), counted in the default cache.
SAMVERKAN_PASSWORD_THROTTLE = {
    "FAILURE_LIMIT": env.int("PASSWORD_FAILURE_LIMIT", default=10),
    "WINDOW": 60 * env.int("PASSWORD_COOLOFF_MINUTES", default=15),
}
# Both count the client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT
# proxies that append to X-Forwarded-For, the address the outermost of them saw
# (content_types/client_address.py). It must be exactly the number of proxies in
# front, and the application server reachable only through them.
SAMVERKAN_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. Content languages come from the environment (CONTENT_LANGUAGES,
# default "sv,nb"); the first one is the default source language. Names are
# given in their own language, as a language switcher shows them.
LANGUAGE_NAMES = {
    "sv": "Svenska",
    "nb": "Norsk bokmål",
    "nn": "Norsk nynorsk",
    "en": "English",
}
CONTENT_LANGUAGES = env.list("CONTENT_LANGUAGES", default=["sv", "nb"])
LANGUAGE_CODE = CONTENT_LANGUAGES[0]
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    (code, LANGUAGE_NAMES.get(code, code)) for code in CONTENT_LANGUAGES
]
WAGTAILADMIN_PERMITTED_LANGUAGES = [(code, LANGUAGE_NAMES[code]) for code in ("sv", "nb", "en")]
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
# The project's own strings, then the Swedish and Norwegian that complete
# Wagtail's and wagtail-localize's catalogs (locales/admin/, glossary in
# locales/GLOSSARY.md); both outrank the apps' catalogs.
LOCALE_PATHS = [BASE_DIR / "locales", BASE_DIR / "locales" / "admin"]

TIME_ZONE = env("TIME_ZONE", default="Europe/Stockholm")
USE_TZ = True

STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static")
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = env("SITE_NAME", default="Samverkan")
WAGTAILADMIN_BASE_URL = env("ADMIN_BASE_URL", default="http://127.0.0.1:8000")
# Full-text search (content_types/search/). On PostgreSQL each page and snippet
# is indexed with the text-search configuration of its language, SEARCH_CONFIGS
# ("sv=swedish,nb=norwegian"; any other language, and images and documents, use
# SEARCH_DEFAULT_CONFIG), so "bibliotekens" finds "bibliotek"; on SQLite Wagtail's
# own backend is used. SEARCH_URL moves search to Elasticsearch or OpenSearch
# (SEARCH_BACKEND, e.g. wagtail.search.backends.opensearch2); run
# `manage.py update_index` after switching or changing SEARCH_CONFIGS.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "content_types.search.backend",
        "SEARCH_CONFIGS": env.dict(
            "SEARCH_CONFIGS",
            default={"sv": "swedish", "nb": "norwegian", "nn": "norwegian", "en": "english"},
        ),
        "SEARCH_CONFIG": env("SEARCH_DEFAULT_CONFIG", default="simple"),
    }
}
if env("SEARCH_URL", default=""):
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": env("SEARCH_BACKEND", default="wagtail.search.backends.elasticsearch8"),
        "URLS": env.list("SEARCH_URL"),
        "INDEX_PREFIX": env("SEARCH_INDEX_PREFIX", default="samverkan_"),
        "TIMEOUT": env.int("SEARCH_TIMEOUT", default=10),
    }
# Uploads: images and documents of these types only (no SVG, HTML or scripts,
# which a browser would run from the site's origin), up to these sizes in bytes;
# an image also up to IMAGE_MAX_PIXELS (width x height, all frames), which bounds
# the memory its renditions take.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int("IMAGE_MAX_UPLOAD_SIZE", default=10 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env.int("IMAGE_MAX_PIXELS", default=64_000_000)
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.int("DOCUMENT_MAX_UPLOAD_SIZE", default=20 * 1024 * 1024)

# The public address the API, feeds and JSON-LD link to (https://cms.example.se);
# unset, links name the scheme, host and port each request came to
# (content_types/base_url.py), and what no request asks for (webhook payloads,
# cache purges) names ADMIN_BASE_URL.
WAGTAILAPI_BASE_URL = env("API_BASE_URL", default="")
WAGTAILAPI_LIMIT_MAX = 100

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Security headers on every answer: nosniff and a same-origin Referrer-Policy
# (SecurityMiddleware), X-Frame-Options DENY (XFrameOptionsMiddleware), and a
# Content-Security-Policy (django-csp) on everything but the Wagtail admin, which
# needs its own inline scripts and styles. The public pages, the API and its docs
# page run no script of anyone else's and load only their own files; their inline
# styles carry the request's nonce. CSP_IMG_SRC adds hosts images may come from
# (the media bucket or CDN, e.g. https://media.example.se), CSP_FRAME_SRC hosts
# rich-text embeds may show (e.g. https://www.youtube-nocookie.com).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", *env.list("CSP_IMG_SRC", default=[])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": env.list("CSP_FRAME_SRC", default=[]) or [NONE],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# The administrator account `make run` creates (manage.py ensure_admin).
SAMVERKAN_ADMIN = {
    "USERNAME": env("ADMIN_USERNAME", default="admin"),
    "PASSWORD": env("ADMIN_PASSWORD", default=""),
    "EMAIL": env("ADMIN_EMAIL", default="admin@example.org"),
}

# The public API. FALLBACK_LOCALE fills in missing translations for ?locale=
# requests that name no fallback of their own (e.g. "sv"; empty for none).
# Anonymous GET/HEAD answers are kept in the CACHE_ALIAS cache (Redis in
# production, through CACHE_URL) until public content changes, and sent with
# Cache-Control: public, max-age=CACHE_MAX_AGE seconds, an ETag and
# Last-Modified (content_types/api/caching.py).
IMMEDIATE_TASKS = "django_tasks.backends.immediate.ImmediateBackend"
SAMVERKAN_API = {
    "FALLBACK_LOCALE": env("API_FALLBACK_LOCALE", default="") or None,
    "CACHE_ENABLED": env.bool("API_CACHE_ENABLED", default=True),
    "CACHE_MAX_AGE": env.int("API_CACHE_MAX_AGE", default=60),
    "CACHE_ALIAS": env("API_CACHE_ALIAS", default="default"),
    # The namespace the site's WagtailAPIRouter is given (samverkan/api.py).
    "URL_NAMESPACE": "wagtailapi",
    # Render what a change makes stale in a background task (the delivery store,
    # content_types/delivery/refresh.py). Off, the next read renders it: where tasks run
    # inside the request (the immediate backend) a publish would otherwise wait for it.
    "RENDER_ON_CHANGE": env.bool(
        "API_RENDER_ON_CHANGE",
        default=env("TASKS_BACKEND", default=IMMEDIATE_TASKS) != IMMEDIATE_TASKS,
    ),
    # The header that names what an answer contains, for a CDN (content_types/
    # frontend_cache/surrogate_keys.py): Surrogate-Key (Fastly, deploy/varnish/default.vcl),
    # Cache-Tag (Cloudflare) or xkey.
    "SURROGATE_KEY_HEADER": env("API_SURROGATE_KEY_HEADER", default="Surrogate-Key"),
    # Where the keys are purged: filled in below from the CDN settings.
    "SURROGATE_KEY_PURGE": {},
    # How long a mirror's sync token lasts (content_types/sync/), and the change log with it.
    "SYNC_TOKEN_MAX_AGE": env.int("SYNC_TOKEN_MAX_AGE", default=30 * 24 * 60 * 60),
    # How far behind the read replica may be (DATABASE_REPLICA_URL, above), in seconds.
    "REPLICA_MAX_LAG": env.int("DATABASE_REPLICA_MAX_LAG", default=10),
}

# Any origin may read the public API anonymously (content_types/api/public_cors.py).
# Everything else under /api/ (the preview, sync, requests with credentials) only
# origins listed in CORS_ALLOWED_ORIGINS ("https://example.se,https://www.example.no")
# or matching CORS_ALLOWED_ORIGIN_REGEXES; GET, HEAD and OPTIONS, without
# credentials. Scripts may read the validators and send them back.
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_ALLOWED_ORIGIN_REGEXES = env.list("CORS_ALLOWED_ORIGIN_REGEXES", default=[])
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = [*cors_default_headers, "if-modified-since", "if-none-match"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified"]

# A CDN or Varnish in front of the site is told to drop a page's URLs when it
# is published or unpublished (wagtail.contrib.frontend_cache), and the API's
# detail URL of a page, image or document that changes (content_types/
# frontend_cache/url_purges.py), and every answer that names what changed (by
# surrogate key, below). Nothing is purged unless configured: FRONTEND_CACHE_URL
# for an HTTP PURGE (Varnish, Fastly, nginx), CLOUDFLARE_ZONEID with
# CLOUDFLARE_BEARER_TOKEN (or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY),
# CLOUDFRONT_DISTRIBUTION_ID (boto3 installed, AWS credentials as boto3 reads them).
# Wagtail's own API purging stays off: it reverses a router named
# "wagtailapi_v2", and with this site's "wagtailapi" every publish would fail.
WAGTAILAPI_USE_FRONTENDCACHE = False
WAGTAILFRONTENDCACHE = {}
if env("FRONTEND_CACHE_URL", default=""):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_URL"),
    }
if env("CLOUDFLARE_ZONEID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env("CLOUDFLARE_ZONEID"),
        "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN", default=""),
        "EMAIL": env("CLOUDFLARE_EMAIL", default=""),
        "API_KEY": env("CLOUDFLARE_API_KEY", default=""),
    }
# The same caches purged by surrogate key (content_types/frontend_cache/
# key_purge_backends.py): Varnish at FRONTEND_CACHE_URL by xkey (deploy/varnish/
# default.vcl), Cloudflare by tag, Fastly by surrogate key (FASTLY_SERVICE_ID with
# FASTLY_API_TOKEN).
KEY_PURGE_BACKENDS = "content_types.frontend_cache.key_purge_backends"
if env("FRONTEND_CACHE_URL", default=""):
    SAMVERKAN_API["SURROGATE_KEY_PURGE"]["varnish"] = {
        "BACKEND": f"{KEY_PURGE_BACKENDS}.VarnishXkeyBackend",
        "LOCATION": env("FRONTEND_CACHE_URL"),
    }
if env("CLOUDFLARE_ZONEID", default=""):
    SAMVERKAN_API["SURROGATE_KEY_PURGE"]["cloudflare"] = {
        "BACKEND": f"{KEY_PURGE_BACKENDS}.CloudflareTagBackend",
        **{
            name: WAGTAILFRONTENDCACHE["cloudflare"][name]
            for name in ("ZONEID", "BEARER_TOKEN", "EMAIL", "API_KEY")
        },
    }
if env("FASTLY_SERVICE_ID", default=""):
    SAMVERKAN_API["SURROGATE_KEY_PURGE"]["fastly"] = {
        "BACKEND": f"{KEY_PURGE_BACKENDS}.FastlyKeyBackend",
        "SERVICE_ID": env("FASTLY_SERVICE_ID"),
        "API_TOKEN": env("FASTLY_API_TOKEN", default=""),
        "SOFT": env.bool("FASTLY_SOFT_PURGE", default=False),
    }
if env("CLOUDFRONT_DISTRIBUTION_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID"),
    }

# Calendar feeds (content_types/feeds/). UID_DOMAIN ends every event's UID
# (<translation_key>.<language>@<domain>); empty means the host of
# API_BASE_URL, else of ADMIN_BASE_URL. Keep it once subscribers have the events.
SAMVERKAN_CALENDAR = {
    "UID_DOMAIN": env("CALENDAR_UID_DOMAIN", default="") or None,
}

# Headless preview (wagtail-headless-preview). The admin's Preview sends the editor
# to the external site's preview page with ?content_type=...&token=...; that page
# reads the draft from /api/v2/preview/. PREVIEW_CLIENT_URL is that page for every
# site; PREVIEW_CLIENT_URLS gives a site of its own another one, by the hostname of
# its Wagtail Site ("cms.example.se=https://example.se/preview,..."). A token
# lasts PREVIEW_MAX_AGE seconds.
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {
        **env.dict("PREVIEW_CLIENT_URLS", default={}),
        "default": env("PREVIEW_CLIENT_URL", default="http://127.0.0.1:8001/preview"),
    },
    # Into the preview panel (and "Preview in new tab") by a redirect, not a nested iframe.
    "REDIRECT_ON_PREVIEW": True,
    # The client URL exactly as configured.
    "ENFORCE_TRAILING_SLASH": False,
}
SAMVERKAN_PREVIEW = {
    "MAX_AGE": env.int("PREVIEW_MAX_AGE", default=60 * 60),
}

# A new translation starts as a draft: nothing reaches a public tree before a
# translator has worked on it and it has been published.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Review notifications: Wagtail e-mails the moderators (and superusers) when a
# page is submitted for review, and the editor when it is approved or sent back
# with a comment. Every user gets them unless they turn them off in their
# account's notification settings. Mail goes through EMAIL_BACKEND (the console
# here; EMAIL_URL in production).
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = env(
    "NOTIFICATION_FROM_EMAIL", default="samverkan@example.org"
)
WAGTAILADMIN_NOTIFICATION_USE_HTML = True

# Signed webhooks to external sites (content_types/webhooks/). A delivery that
# fails (no answer, 5xx, 408, 429) is tried again after BACKOFF_SECONDS, then
# twice that, and so on, MAX_ATTEMPTS attempts in all; TIMEOUT_SECONDS bounds
# each attempt as a whole. Deliveries run as django-tasks tasks: with the default
# immediate backend inside the request that published, once it has committed, so
# the defaults are short; with a worker backend (TASKS) raise them. Webhooks go
# to public addresses only; ALLOWED_NETWORKS (e.g. "10.20.0.0/16,192.168.1.7")
# lets them reach internal receivers on those networks.
SAMVERKAN_WEBHOOKS = {
    "MAX_ATTEMPTS": env.int("WEBHOOK_MAX_ATTEMPTS", default=3),
    "BACKOFF_SECONDS": env.float("WEBHOOK_BACKOFF_SECONDS", default=1.0),
    "TIMEOUT_SECONDS": env.float("WEBHOOK_TIMEOUT_SECONDS", default=5.0),
    "ALLOWED_NETWORKS": env.list("WEBHOOK_ALLOWED_NETWORKS", default=[]),
}


# Background tasks (webhook deliveries, Wagtail's index updates). The default
# runs them at once, inside the request; with the database backend a worker
# (`manage.py db_worker`) runs them, as `make run` and production do.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default=IMMEDIATE_TASKS),
    }
}
