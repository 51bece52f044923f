from django.core.management.base import BaseCommand

from content_types.api.store_maintenance import rebuild


class Command(BaseCommand):
    help = (
        "Render every public page's API representation again into the delivery store and drop "
        "those no longer public. Run after a deploy that changes the API's output; safe to repeat."
    )

    def handle(self, *args, **options):
        rendered, dropped = rebuild(progress=self.progress)
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
