from django.core.management.base import BaseCommand, CommandError

from content_types.backup import BackupError, export_content


class Command(BaseCommand):
    help = (
        "Write a backup of the whole site into DIRECTORY (new or empty): content.json (every "
        "page, revision, translation, snippet, image, document, redirect and user account), "
        "media/ (the files) and manifest.json. Restore it with import_content."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a new or empty directory for the backup")

    def handle(self, *args, directory, **options):
        try:
            manifest = export_content(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for file in manifest.missing_media:
            self.stderr.write(
                self.style.WARNING(f"Not in storage, left out: {file.name} ({file.model})")
            )
        rows = sum(manifest.objects.values())
        models = sum(1 for count in manifest.objects.values() if count)
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {rows} rows of {models} models and {len(manifest.media)} media "
                f"file(s), languages {', '.join(manifest.languages)}, to {directory}."
            )
        )
