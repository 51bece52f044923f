"""Which of the admin's strings each language translates with its own catalogs.

The admin's strings are every message of the installed Wagtail apps and of
wagtail-localize (every app whose module starts with ``wagtail``), in the
``django`` domain (templates and Python) and the ``djangojs`` domain (the
admin's JavaScript), as the apps' English template catalogs list them.

Django fills a message a language's catalogs lack from the default language's
catalog (``LANGUAGE_CODE``, Swedish here), and no setting turns that fallback
off for a language other than English. So a Norwegian editor would read the
Swedish of every message Norwegian lacks. A message counts as translated in a
language only when that language's own catalogs give it, read in Django's
order with nothing behind them:

- ``django``: the folders of ``LOCALE_PATHS``, every installed app's
  ``locale`` folder and Django's own, as ``gettext`` merges them; and the
  translation Django's ``gettext`` shows must be that one;
- ``djangojs``: the folders of ``LOCALE_PATHS`` and the app's own ``locale``
  folder, which is what the app's JavaScript catalog view (``jsi18n/``) reads.

``missing()`` is what ``manage.py missing_translations`` prints and what the
suite holds at nothing missing (tests/localization/test_admin_catalogs.py).
"""

import gettext
from dataclasses import dataclass
from pathlib import Path

import django
import polib
from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.translation import to_locale

DOMAINS = ("django", "djangojs")

# The language whose catalog lists every message of an app (its template).
TEMPLATE_LANGUAGE = "en"


@dataclass(frozen=True)
class Message:
    """One message of an app's catalog, as gettext looks it up."""

    app: str
    msgid: str
    msgid_plural: str = ""
    msgctxt: str | None = None

    def __str__(self):
        text = self.msgid if not self.msgid_plural else f"{self.msgid} | {self.msgid_plural}"
        return text if self.msgctxt is None else f"[{self.msgctxt}] {text}"


@dataclass(frozen=True)
class Coverage:
    """How many of the admin's messages of one domain a language translates itself."""

    language: str
    domain: str
    total: int
    missing: tuple[Message, ...]

    @property
    def translated(self):
        return self.total - len(self.missing)

    @property
    def share(self):
        return self.translated / self.total if self.total else 1.0


def admin_apps():
    """The installed apps whose strings the admin shows: Wagtail's and wagtail-localize's."""
    return [
        app_config
        for app_config in apps.get_app_configs()
        if app_config.name.startswith("wagtail")
        and (Path(app_config.path) / "locale" / TEMPLATE_LANGUAGE).is_dir()
    ]


def _messages_of(app_config, domain):
    path = Path(app_config.path) / "locale" / TEMPLATE_LANGUAGE / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return []
    return [
        Message(app_config.name, entry.msgid, entry.msgid_plural, entry.msgctxt)
        for entry in polib.pofile(str(path))
        if entry.msgid and not entry.obsolete
    ]


def _key(message):
    return (message.msgctxt, message.msgid, message.msgid_plural)


def admin_messages(domain):
    """Every message of the admin's apps in ``domain``, once each, in catalog order.

    A message more than one app lists is named after the first of them.
    """
    messages = {}
    for app_config in admin_apps():
        for message in _messages_of(app_config, domain):
            messages.setdefault(_key(message), message)
    return list(messages.values())


class _Untranslated(gettext.NullTranslations):
    """Stands behind a language's own catalogs: answers ``None`` for what they lack."""

    def gettext(self, message):
        return None

    def ngettext(self, msgid1, msgid2, n):
        return None

    def pgettext(self, context, message):
        return None

    def npgettext(self, context, msgid1, msgid2, n):
        return None


def _catalog_folders(domain, app_config=None):
    """The ``locale`` folders Django reads for ``domain``, the one that wins first."""
    folders = [Path(path) for path in settings.LOCALE_PATHS]
    if domain == "django":
        folders += [Path(config.path) / "locale" for config in apps.get_app_configs()]
        folders.append(Path(django.__file__).parent / "conf" / "locale")
    else:
        folders.append(Path(app_config.path) / "locale")
    return folders


def own_catalogs(language, domain, app_config=None):
    """The language's own catalogs of ``domain``, each with nothing behind it.

    For ``djangojs``, the catalogs of the JavaScript catalog view of
    ``app_config``.
    """
    catalogs = []
    for folder in _catalog_folders(domain, app_config):
        try:
            catalog = gettext.translation(domain, folder, languages=[to_locale(language)])
        except OSError:
            continue
        catalog.add_fallback(_Untranslated())
        catalogs.append(catalog)
    return catalogs


def forms(message, catalog):
    """The message's forms as ``catalog`` gives them: a ``gettext`` catalog, or Django's
    ``translation`` module, which answers the same four calls."""
    if message.msgid_plural:
        return [
            catalog.npgettext(message.msgctxt, message.msgid, message.msgid_plural, n)
            if message.msgctxt is not None
            else catalog.ngettext(message.msgid, message.msgid_plural, n)
            for n in (1, 2)
        ]
    if message.msgctxt is not None:
        return [catalog.pgettext(message.msgctxt, message.msgid)]
    return [catalog.gettext(message.msgid)]


def own_translation(message, catalogs):
    """The message's forms as the first of ``catalogs`` that has them all gives them, else None."""
    for catalog in catalogs:
        found = forms(message, catalog)
        if all(found):
            return found
    return None


def _shown_by_django(message, language):
    """The message's forms as Django's ``gettext`` shows them in ``language``."""
    with translation.override(language):
        return forms(message, translation)


def coverage(language, domain):
    """Which of the admin's ``domain`` messages ``language`` translates itself."""
    messages = admin_messages(domain)
    missing = []
    if domain == "django":
        catalogs = own_catalogs(language, domain)
        for message in messages:
            own = own_translation(message, catalogs)
            if own is None or own != _shown_by_django(message, language):
                missing.append(message)
    else:
        # Each app's JavaScript has a catalog view of its own: a message two apps
        # list must be translated in both.
        lacking = set()
        for app_config in admin_apps():
            app_catalogs = own_catalogs(language, domain, app_config)
            lacking.update(
                _key(message)
                for message in _messages_of(app_config, domain)
                if own_translation(message, app_catalogs) is None
            )
        missing = [message for message in messages if _key(message) in lacking]
    return Coverage(language, domain, len(messages), tuple(missing))


def admin_languages():
    """The languages the admin is offered in, English (the messages' own) aside."""
    return [
        code
        for code, _name in getattr(settings, "WAGTAILADMIN_PERMITTED_LANGUAGES", settings.LANGUAGES)
        if not code.startswith(TEMPLATE_LANGUAGE)
    ]


def missing(languages=None, domains=DOMAINS):
    """The coverage of every language and domain asked for (all admin languages by default)."""
    return [
        coverage(language, domain)
        for language in (languages or admin_languages())
        for domain in domains
    ]
