from django.core.management.base import BaseCommand
from django.utils import translation

from content_types.demo.loader import load_demo_content


class Command(BaseCommand):
    help = "Load the demo projects, networks and conferences. Safe to run again."

    @translation.override("en")
    def handle(self, *args, **options):
        report = load_demo_content()
        for line in report.created:
            self.stdout.write(f"Created {line}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content: {len(report.created)} created, {report.existing} already present."
            )
        )
