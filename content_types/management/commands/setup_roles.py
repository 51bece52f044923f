from django.core.management.base import BaseCommand

from content_types.roles import ROLES, ensure_roles, translator_group_description


class Command(BaseCommand):
    help = (
        "Create or update the editorial groups, their permissions and the review workflow. "
        "Safe to run again."
    )

    def handle(self, *args, **options):
        roles = ensure_roles()
        groups = [roles.communication_staff, roles.moderators]
        for group, role in zip(groups, ROLES, strict=True):
            self.stdout.write(f"Group ready: {group.name} ({role.description})")
        for locale, group in roles.translators:
            self.stdout.write(f"Group ready: {group.name} ({translator_group_description(locale)})")
        self.stdout.write("Administrators: Django superusers (manage.py ensure_admin), no group.")
        trees = ", ".join(
            f"{page.title} ({page.locale.language_code})" for page in roles.reviewed_trees
        )
        self.stdout.write(
            f"Workflow ready: {roles.workflow.name}, task {roles.review_task.name} "
            f"by {roles.moderators.name}; on {trees}"
        )
