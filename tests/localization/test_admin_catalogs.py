"""The whole admin speaks Swedish and Norwegian Bokmål, each with its own words.

Wagtail's and wagtail-localize's own catalogs leave strings out; Django fills
them from the default language's catalog (Swedish), so without catalogs of our
own a Norwegian editor would read Swedish. The catalogs in ``locales/admin/``
complete both languages, and these tests hold every string of the admin at a
translation of its language's own, as Django loads the catalogs.
"""

import json
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from content_types.localization import catalogs
from content_types.localization.catalogs import Message

LANGUAGES = ["sv", "nb"]
ADMIN_CATALOGS = Path(settings.BASE_DIR) / "locales" / "admin"
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{\w*\}|<[^>]+>|&\w+;")


def admin_catalog(language, domain):
    return ADMIN_CATALOGS / language / "LC_MESSAGES" / f"{domain}.po"


def missing_report(result):
    lines = [f"  {message.app}: {message}" for message in result.missing]
    return (
        f"{result.language} {result.domain}: {result.translated} of {result.total} strings "
        f"translated ({result.share:.1%}); add these to {admin_catalog(result.language, result.domain)}"
        " (make translations-missing lists them):\n" + "\n".join(lines)
    )


class TestCoverage:
    @pytest.mark.parametrize("domain", catalogs.DOMAINS)
    @pytest.mark.parametrize("language", LANGUAGES)
    def test_every_admin_string_has_a_translation_of_the_language_itself(self, language, domain):
        result = catalogs.coverage(language, domain)
        assert result.share == 1.0, missing_report(result)

    @pytest.mark.parametrize(
        "domain, at_least", [("django", 1500), ("djangojs", 100)], ids=catalogs.DOMAINS
    )
    def test_the_admin_strings_are_those_of_wagtail_and_wagtail_localize(self, domain, at_least):
        messages = catalogs.admin_messages(domain)
        assert len(messages) >= at_least
        assert {message.app for message in messages} >= {"wagtail.admin", "wagtail_localize"}

    def test_a_string_the_language_lacks_is_counted_missing_though_django_shows_swedish(self):
        # Without locales/admin, Norwegian lacks "Help" and Django shows Swedish's.
        with override_settings(LOCALE_PATHS=settings.LOCALE_PATHS[:1]):
            with translation.override("nb"):
                assert translation.gettext("Help") == "Hjälp"
            django_strings = catalogs.coverage("nb", "django")
            javascript_strings = catalogs.coverage("nb", "djangojs")
        assert Message("wagtail.admin", "Help") in django_strings.missing
        assert Message("wagtail.admin", "Toggle sidebar") in javascript_strings.missing
        assert django_strings.share < 1.0 and javascript_strings.share < 1.0


class TestNoFallbackToTheOtherLanguage:
    @pytest.mark.parametrize(
        "msgid, swedish",
        [
            ("Help", "Hjälp"),
            ("Skip to main content", "Hoppa till huvudinnehåll"),
            ("Convert to alias page", "Konvertera till alias"),
        ],
    )
    def test_norwegian_does_not_show_swedish(self, msgid, swedish):
        with translation.override("nb"):
            shown = translation.gettext(msgid)
        assert shown not in (swedish, msgid)

    @pytest.mark.django_db
    def test_the_dashboard_of_a_norwegian_editor_has_no_swedish(self, admin_client, admin_user):
        UserProfile.objects.update_or_create(user=admin_user, defaults={"preferred_language": "nb"})
        html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
        for swedish in ("Hoppa till huvudinnehåll", "Hjälp", "Sök bland alla sidor"):
            assert swedish not in html


def javascript_catalog(response):
    """The messages of a ``JavaScriptCatalog`` response, as the browser receives them."""
    assert response.status_code == 200
    source = response.content.decode()
    return json.loads(re.search(r"const newcatalog = (\{.*?\});\n", source, re.S).group(1))


@pytest.mark.django_db
class TestJavaScriptCatalogs:
    """The admin's JavaScript reads the catalogs of locales/admin through Django's jsi18n views."""

    @pytest.mark.parametrize(
        "language, expected",
        [
            (
                "nb",
                {
                    "Toggle sidebar": "Vis/skjul sidemenyen",
                    "Are you sure?": "Er du sikker?",
                    "%(num)s pixel": ["%(num)s piksel", "%(num)s piksler"],
                },
            ),
            (
                "sv",
                {
                    "Pin toolbar": "Fäst verktygsfältet",
                    "Are you sure?": "Är du säker?",
                    "%(num)s min": ["%(num)s min", "%(num)s min"],
                },
            ),
        ],
    )
    def test_wagtails_admin_catalog(self, admin_client, admin_user, language, expected):
        UserProfile.objects.update_or_create(
            user=admin_user, defaults={"preferred_language": language}
        )
        served = javascript_catalog(admin_client.get(reverse("wagtailadmin_javascript_catalog")))
        assert {msgid: served[msgid] for msgid in expected} == expected

    def test_wagtail_localizes_catalog(self, admin_client, admin_user):
        UserProfile.objects.update_or_create(user=admin_user, defaults={"preferred_language": "nb"})
        served = javascript_catalog(
            admin_client.get(
                reverse("wagtail_localize:javascript_catalog"), headers={"accept-language": "nb"}
            )
        )
        assert served["Download PO file"] == "Last ned PO-fil"
        assert served["Convert to alias page"] == "Konverter til alias"


def catalog_files():
    return sorted(ADMIN_CATALOGS.glob("*/LC_MESSAGES/*.po"))


@pytest.mark.parametrize("path", catalog_files(), ids=lambda path: "/".join(path.parts[-3:]))
class TestCatalogFiles:
    def test_header_names_the_language_and_its_plural_forms(self, path):
        po = polib.pofile(str(path))
        assert po.metadata["Language"] == path.parts[-3]
        assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
        assert "charset=UTF-8" in po.metadata["Content-Type"]

    def test_every_entry_is_translated_and_none_is_fuzzy(self, path):
        po = polib.pofile(str(path))
        assert [entry.msgid for entry in po.untranslated_entries()] == []
        assert [entry.msgid for entry in po.fuzzy_entries()] == []

    def test_the_compiled_catalog_matches_its_source(self, path):
        def entries(catalog):
            return {
                (entry.msgctxt, entry.msgid): entry.msgstr or dict(entry.msgstr_plural)
                for entry in catalog
                if entry.msgid
            }

        po = polib.pofile(str(path))
        mo = polib.mofile(str(path.with_suffix(".mo")))
        assert entries(mo) == {
            key: {int(n): text for n, text in value.items()} if isinstance(value, dict) else value
            for key, value in entries(po.translated_entries()).items()
        }

    def test_translations_keep_placeholders_tags_and_surrounding_space(self, path):
        def shape(text):
            return (
                sorted(PLACEHOLDER.findall(text)),
                text[: len(text) - len(text.lstrip())],
                text[len(text.rstrip()) :],
            )

        broken = []
        for entry in polib.pofile(str(path)):
            if entry.msgid_plural:
                pairs = [(entry.msgid_plural, entry.msgstr_plural[1])]
                pairs += [(entry.msgid, entry.msgstr_plural[0])] if "%" in entry.msgid else []
            else:
                pairs = [(entry.msgid, entry.msgstr)]
            broken += [(msgid, text) for msgid, text in pairs if shape(msgid) != shape(text)]
        assert broken == []

    def test_holds_only_strings_the_admin_shows(self, path):
        # The apps' English catalogs list what the installed versions show; a string
        # only an older Wagtail showed (left in some languages' catalogs) is dead weight.
        admin = {(message.msgctxt, message.msgid) for message in catalogs.admin_messages(path.stem)}
        extra = [
            entry.msgid
            for entry in polib.pofile(str(path))
            if (entry.msgctxt, entry.msgid) not in admin
        ]
        assert extra == [], f"{path}: remove these, the admin does not show them"


@pytest.mark.django_db
class TestMissingTranslationsCommand:
    def test_prints_the_share_per_language_and_domain(self, capsys):
        call_command("missing_translations")
        output = capsys.readouterr().out
        for language in LANGUAGES:
            for domain in catalogs.DOMAINS:
                assert re.search(
                    rf"^{language} {domain}: \d+ of \d+ \(100\.0%\), 0 missing$", output, re.M
                )

    def test_lists_the_missing_strings_and_fails_its_check(self, capsys):
        with override_settings(LOCALE_PATHS=settings.LOCALE_PATHS[:1]):
            with pytest.raises(CommandError):
                call_command(
                    "missing_translations", "--language=nb", "--domain=djangojs", "--check"
                )
        output = capsys.readouterr().out
        assert "nb djangojs wagtail.admin: Toggle sidebar\n" in output
        assert "sv " not in output and "nb django:" not in output

    def test_refuses_a_language_the_admin_is_not_offered_in(self):
        with pytest.raises(CommandError, match="Not an admin language: de"):
            call_command("missing_translations", "--language=de")
