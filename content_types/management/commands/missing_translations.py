from django.core.management.base import BaseCommand, CommandError

from content_types.localization import catalogs


class Command(BaseCommand):
    help = (
        "List the strings of Wagtail's and wagtail-localize's admin that a language's own "
        "catalogs do not translate (shown in the default language or in English instead), "
        "per language and domain, with the share translated. After a Wagtail upgrade, "
        "translate them in locales/admin/<language>/LC_MESSAGES/<domain>.po."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--language",
            action="append",
            dest="languages",
            metavar="CODE",
            help="an admin language, e.g. nb (repeat for more; default: every admin language)",
        )
        parser.add_argument(
            "--domain",
            action="append",
            dest="domains",
            choices=catalogs.DOMAINS,
            help="django (templates and Python) or djangojs (JavaScript); default: both",
        )
        parser.add_argument(
            "--check", action="store_true", help="exit with status 1 when any string is missing"
        )

    def handle(self, *args, languages=None, domains=None, check=False, **options):
        known = catalogs.admin_languages()
        unknown = sorted(set(languages or ()) - set(known))
        if unknown:
            raise CommandError(
                f"Not an admin language: {', '.join(unknown)} (known: {', '.join(known)})."
            )
        results = catalogs.missing(languages, domains or catalogs.DOMAINS)
        for result in results:
            for message in result.missing:
                self.stdout.write(f"{result.language} {result.domain} {message.app}: {message}")
        for result in results:
            line = (
                f"{result.language} {result.domain}: {result.translated} of {result.total} "
                f"({result.share:.1%}), {len(result.missing)} missing"
            )
            self.stdout.write(self.style.SUCCESS(line) if not result.missing else line)
        if check and any(result.missing for result in results):
            raise CommandError("Some of the admin's strings are not translated.")
