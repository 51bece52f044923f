from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from content_types.demo.examples import load_example_conferences


class Command(BaseCommand):
    help = (
        "Load two example conferences dated in the coming months, in Swedish and Norwegian. "
        "Safe to run again: nothing is duplicated; examples that have ended are made anew "
        "with new dates. Needs the demo content (load_demo_content)."
    )

    @translation.override("en")
    def handle(self, *args, **options):
        try:
            report = load_example_conferences()
        except LookupError as error:
            raise CommandError(str(error)) from error
        for line in report.removed:
            self.stdout.write(f"Removed ended example {line}")
        for line in report.created:
            self.stdout.write(f"Created {line}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Example conferences: {len(report.created)} created, "
                f"{report.existing} already present."
            )
        )
