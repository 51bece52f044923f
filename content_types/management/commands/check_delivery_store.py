from django.core.management.base import BaseCommand, CommandError

from content_types.api.store_maintenance import check


class Command(BaseCommand):
    help = (
        "Render a sample of the delivery store's representations again and compare them with "
        "what is stored; fails when any differs (then run rebuild_delivery_store)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sample", type=int, default=50, help="How many pages (default 50).")
        parser.add_argument("--seed", type=int, help="Choose the same sample again.")

    def handle(self, *args, sample, seed, **options):
        differences = check(sample=sample, seed=seed)
        for difference in differences:
            self.stderr.write(f"Page {difference.page_id}: {difference.reason}")
        if differences:
            raise CommandError(
                f"{len(differences)} of the sampled representations differ; "
                "run manage.py rebuild_delivery_store."
            )
        self.stdout.write(self.style.SUCCESS("The sampled representations match."))
