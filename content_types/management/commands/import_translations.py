from django.core.management.base import BaseCommand, CommandError

from content_types.localization.exchange import POImportError, import_directory


class Command(BaseCommand):
    help = (
        "Import every .po file in DIRECTORY into its translation and save the translated "
        "pages as drafts. All or nothing: one bad file and nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="the directory holding the translated .po files")

    def handle(self, *args, directory, **options):
        try:
            results = import_directory(directory)
        except POImportError as error:
            raise CommandError(str(error)) from error
        for result in results:
            translation = result.translation
            what = f"'{translation.source.object_repr}' ({translation.target_locale.language_code})"
            if not result.saved:
                self.stdout.write(f"{result.path.name}: no changes for {what}")
                continue
            saved = "saved as a draft" if result.draft else "saved"
            self.stdout.write(
                f"Imported {result.imported} string(s) from {result.path.name} into {what}; {saved}"
            )
        imported = sum(result.imported for result in results)
        self.stdout.write(
            self.style.SUCCESS(f"{len(results)} PO file(s) read, {imported} string(s) imported.")
        )
