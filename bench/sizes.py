"""The data sets the benchmark runs at, as ``manage.py seed_benchmark`` builds them."""

from dataclasses import dataclass

LOCALES = ("sv", "nb")


@dataclass(frozen=True)
class DataSize:
    name: str
    conferences: int
    items: int
    projects: int
    networks: int
    speakers: int = 2

    @property
    def pages(self):
        """How many pages ``seed_benchmark`` creates, in all locales."""
        per_locale = self.conferences * (1 + self.items) + self.projects + self.networks
        return per_locale * len(LOCALES)

    def seed_arguments(self):
        return [
            f"--conferences={self.conferences}",
            f"--items={self.items}",
            f"--speakers={self.speakers}",
            f"--projects={self.projects}",
            f"--networks={self.networks}",
            f"--locales={','.join(LOCALES)}",
        ]

    def describe(self):
        return (
            f"{self.conferences:,} conferences × {self.items} items, {self.projects:,} projects, "
            f"{self.networks:,} networks, {' and '.join(LOCALES)}: {self.pages:,} pages"
        )


SIZES = {
    size.name: size
    for size in (
        # Enough projects on the small set for a region to fill a page of them
        # (endpoints.PROJECTS_PER_PAGE).
        DataSize("small", conferences=20, items=50, projects=200, networks=50),
        DataSize("large", conferences=2000, items=50, projects=2000, networks=500),
    )
}


def sizes_named(names):
    """The sizes in ``names`` (comma-separated), smallest first; ValueError for an unknown one."""
    wanted = [name.strip() for name in names.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in SIZES]
    if unknown or not wanted:
        raise ValueError(f"choose sizes from {', '.join(SIZES)}, not {names!r}")
    return sorted({SIZES[name] for name in wanted}, key=lambda size: size.pages)
