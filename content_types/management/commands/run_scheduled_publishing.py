import time

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Run Wagtail's publish_scheduled every --interval seconds, until stopped. "
        "For development; in production run publish_scheduled from cron or a timer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60.0)
        parser.add_argument("--times", type=int, default=0, help="Stop after this many runs.")

    def handle(self, *args, interval, times, **options):
        runs = 0
        while True:
            call_command("publish_scheduled", stdout=self.stdout)
            runs += 1
            if times and runs >= times:
                return
            time.sleep(interval)
