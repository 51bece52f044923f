from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale
from wagtail_localize.models import Translation

from content_types.localization.exchange import export_pending, export_translation


class Command(BaseCommand):
    help = (
        "Write a PO file for every translation into --locale that is not complete "
        "(or only for --translation UUID) into DIRECTORY, for translators working offline."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="an existing directory to write the .po files into")
        parser.add_argument("--locale", help="language code of the target locale, e.g. nb")
        parser.add_argument(
            "--translation", metavar="UUID", help="export this one translation, even if complete"
        )

    def handle(self, *args, directory, locale=None, translation=None, **options):
        directory = Path(directory)
        if not directory.is_dir():
            raise CommandError(f"{directory}: no such directory")
        if locale is None and translation is None:
            raise CommandError("Give --locale (all pending translations) or --translation UUID.")
        target = find_locale(locale) if locale else None
        if translation:
            one = find_translation(translation)
            if target is not None and one.target_locale_id != target.pk:
                raise CommandError(
                    f"Translation {translation} is into {one.target_locale.language_code}, "
                    f"not {target.language_code}."
                )
            paths = [export_translation(one, directory)]
        else:
            paths = export_pending(target, directory)
        for path in paths:
            self.stdout.write(f"Wrote {path}")
        self.stdout.write(self.style.SUCCESS(f"{len(paths)} PO file(s) written to {directory}."))


def find_locale(language_code):
    try:
        return Locale.objects.get(language_code=language_code)
    except Locale.DoesNotExist:
        known = ", ".join(
            Locale.objects.order_by("language_code").values_list("language_code", flat=True)
        )
        raise CommandError(f"Unknown locale '{language_code}' (known: {known}).") from None


def find_translation(value):
    try:
        return Translation.objects.select_related("source", "target_locale").get(
            uuid=value, enabled=True
        )
    except (Translation.DoesNotExist, ValidationError):
        raise CommandError(f"No enabled translation with id '{value}'.") from None
