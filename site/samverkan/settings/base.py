"""Settings shared by every environment.

All configuration comes from the environment (or a `.env` file in the project
folder) through django-environ; nothing else in the project reads os.environ.
"""

from pathlib import Path

import environ

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "content_types",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.api.v2",
    "wagtail.contrib.redirects",
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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samverkan.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

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
LOCALE_PATHS = [BASE_DIR / "locales"]

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
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

WAGTAILAPI_BASE_URL = env("API_BASE_URL", default=WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = 100

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# The administrator account `make run` creates (manage.py ensure_admin).
SAMVERKAN_ADMIN = {
    "USERNAME": env("ADMIN_USERNAME", default="admin"),
    "PASSWORD": env("ADMIN_PASSWORD", default=""),
    "EMAIL": env("ADMIN_EMAIL", default="admin@example.org"),
}

# The public API. FALLBACK_LOCALE fills in missing translations for ?locale=
# requests that name no fallback of their own (e.g. "sv"; empty for none).
SAMVERKAN_API = {
    "FALLBACK_LOCALE": env("API_FALLBACK_LOCALE", default="") or None,
}

# A new translation starts as a draft: nothing reaches a public tree before a
# translator has worked on it and it has been published.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
