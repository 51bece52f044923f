from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from content_types.demo.synthetic import (
    BenchmarkError,
    check_languages,
    clear_benchmark,
    seed_benchmark,
)


def count(value):
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Create synthetic benchmark content (conferences with programmes, projects, networks) "
        "in bulk in every locale asked for, or remove it with --clear. Slugs start with bench-."
    )

    def add_arguments(self, parser):
        parser.add_argument("--conferences", type=str, metavar="N", help="Conferences to create.")
        parser.add_argument(
            "--items", type=str, default="10", metavar="M", help="Programme items per conference."
        )
        parser.add_argument(
            "--speakers", type=str, default="2", metavar="K", help="Speakers per talk."
        )
        parser.add_argument("--projects", type=str, metavar="P", help="Projects (default N).")
        parser.add_argument("--networks", type=str, metavar="Q", help="Networks (default N/4).")
        parser.add_argument(
            "--locales", default="sv,nb", help="Language codes, comma-separated (default sv,nb)."
        )
        parser.add_argument("--seed", type=int, default=1, help="The same seed, the same content.")
        parser.add_argument(
            "--no-index", action="store_true", help="Leave the pages out of the search index."
        )
        parser.add_argument(
            "--clear",
            action="store_true",
            help="First delete the benchmark content of earlier runs (and nothing else).",
        )

    @translation.override("en")
    def handle(self, *args, **options):
        if options["conferences"] is None and not options["clear"]:
            raise CommandError("Give --conferences N (with --items and --speakers), or --clear.")
        # Every argument is checked before anything is removed.
        sizes = self.sizes(options) if options["conferences"] is not None else None
        try:
            if sizes:
                sizes["languages"] = check_languages(sizes["languages"])
            if options["clear"]:
                pages, snippets = clear_benchmark()
                self.stdout.write(f"Removed {pages} benchmark pages and {snippets} snippets.")
            if sizes is None:
                return
            report = seed_benchmark(index=not options["no_index"], **sizes)
        except BenchmarkError as error:
            raise CommandError(str(error)) from error
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                f"Benchmark content: {report.pages} pages in {report.seconds:.1f} s."
            )
        )

    def sizes(self, options):
        sizes = {}
        for name in ("conferences", "items", "speakers", "projects", "networks"):
            value = options[name]
            if value is None:
                continue
            try:
                sizes[name] = count(value)
            except ValueError:
                raise CommandError(
                    f"--{name} must be a whole number of 0 or more, not '{value}'."
                ) from None
        sizes.setdefault("projects", sizes["conferences"])
        sizes.setdefault("networks", -(-sizes["conferences"] // 4))
        return {
            **sizes,
            "languages": options["locales"].split(","),
            "seed": options["seed"],
        }
