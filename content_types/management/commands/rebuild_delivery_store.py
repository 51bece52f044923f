from django.core.management.base import BaseCommand, CommandError
from wagtail.api.v2.utils import page_models_from_string

from content_types.api.store_maintenance import rebuild


class Command(BaseCommand):
    help = (
        "Render every public page's API representation again into the delivery store and drop "
        "those no longer public. Run after a deploy that changes the API's output; safe to repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--type",
            action="append",
            dest="types",
            metavar="APP.MODEL",
            help="Only pages of this type and its subtypes (as the API's ?type=); may be repeated.",
        )

    def handle(self, *args, types=None, **options):
        models = None
        if types:
            try:
                models = page_models_from_string(",".join(types))
            except (LookupError, ValueError) as error:
                raise CommandError(f"--type names no page type: {', '.join(types)}") from error
        rendered, dropped = rebuild(progress=self.progress, models=models)
        self.stdout.write(
            self.style.SUCCESS(f"Rendered {rendered} pages; dropped {dropped} no longer public.")
        )

    def progress(self, done, total):
        """A bar redrawn in place on a terminal; a line per hundred pages in a log."""
        filled = 30 * done // total
        line = f"[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}"
        if self.stdout.isatty():
            self.stdout.write(f"\r{line}", ending="\n" if done == total else "")
            self.stdout.flush()
        elif done == total or done % 100 == 0:
            self.stdout.write(line)
