from django.core.management.base import BaseCommand, CommandError

from content_types.backup import BackupError, import_content


class Command(BaseCommand):
    help = (
        "Restore the backup export_content wrote to DIRECTORY into this database, which must "
        "be migrated and hold no content (or pass --replace), copy its media back to storage "
        "and rebuild the search index. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a directory written by export_content")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete the content, media records and user accounts the database holds first",
        )

    def handle(self, *args, directory, replace=False, **options):
        try:
            report = import_content(directory, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = report.manifest
        if report.replaced:
            replaced = ", ".join(f"{count} {what}" for what, count in report.replaced.items())
            self.stdout.write(f"Replaced what the database held: {replaced}.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {sum(manifest.objects.values())} rows and {len(manifest.media)} media "
                f"file(s) from the backup of {manifest.created_at}, languages "
                f"{', '.join(manifest.languages)}."
            )
        )
