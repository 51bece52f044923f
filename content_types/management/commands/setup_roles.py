from django.core.management.base import BaseCommand

from content_types.roles import ensure_translator_groups


class Command(BaseCommand):
    help = "Create or update the editorial groups and their permissions. Safe to run again."

    def handle(self, *args, **options):
        for group in ensure_translator_groups():
            self.stdout.write(f"Group ready: {group.name}")
