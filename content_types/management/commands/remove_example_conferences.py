from django.core.management.base import BaseCommand
from django.utils import translation

from content_types.demo.examples import remove_example_conferences


class Command(BaseCommand):
    help = (
        "Remove the example conferences of load_example_conferences in every language, "
        "with their programmes and example snippets. The demo content stays as it is."
    )

    @translation.override("en")
    def handle(self, *args, **options):
        report = remove_example_conferences()
        for line in report.removed:
            self.stdout.write(f"Removed {line}")
        for name in report.kept:
            self.stdout.write(self.style.WARNING(f"Kept {name}: other content uses it"))
        self.stdout.write(
            self.style.SUCCESS(f"Example conferences: {len(report.removed)} removed.")
        )
