import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Create the administrator account if it does not exist. The user name and password "
        "come from ADMIN_USERNAME and ADMIN_PASSWORD; without a password one is generated "
        "and printed. A given password must pass the site's password validators, as one "
        "set in the admin must."
    )

    def handle(self, *args, **options):
        username = settings.SAMVERKAN_ADMIN["USERNAME"]
        email = settings.SAMVERKAN_ADMIN["EMAIL"]
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Administrator '{username}' already exists; password unchanged.")
            return
        given = settings.SAMVERKAN_ADMIN["PASSWORD"]
        if given:
            try:
                validate_password(given, user=User(username=username, email=email))
            except ValidationError as error:
                raise CommandError(
                    f"ADMIN_PASSWORD is too weak; administrator '{username}' was not created: "
                    + " ".join(error.messages)
                ) from error
        password = given or secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email=email, password=password)
        shown = "(from ADMIN_PASSWORD)" if given else password
        self.stdout.write(
            self.style.SUCCESS(f"Created administrator '{username}' with password {shown}")
        )
