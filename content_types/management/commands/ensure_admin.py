import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the administrator account if it does not exist. The user name and password "
        "come from ADMIN_USERNAME and ADMIN_PASSWORD; without a password one is generated "
        "and printed."
    )

    def handle(self, *args, **options):
        username = settings.SAMVERKAN_ADMIN["USERNAME"]
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Administrator '{username}' already exists; password unchanged.")
            return
        password = settings.SAMVERKAN_ADMIN["PASSWORD"] or secrets.token_urlsafe(12)
        User.objects.create_superuser(
            username=username, email=settings.SAMVERKAN_ADMIN["EMAIL"], password=password
        )
        shown = password if not settings.SAMVERKAN_ADMIN["PASSWORD"] else "(from ADMIN_PASSWORD)"
        self.stdout.write(
            self.style.SUCCESS(f"Created administrator '{username}' with password {shown}")
        )
