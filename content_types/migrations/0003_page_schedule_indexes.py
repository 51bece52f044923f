"""Indexes on the page schedule, which every public query excludes by.

``visibility.public_pages`` hides pages past their ``expire_at`` or before
their ``go_live_at``. Few pages have either, so partial indexes keep that
lookup a few rows long however many pages there are; without them every
public query reads the whole page table.
"""

from django.db import migrations

INDEXES = {
    "samverkan_page_go_live_at": "go_live_at",
    "samverkan_page_expire_at": "expire_at",
}


class Migration(migrations.Migration):
    dependencies = [
        ("content_types", "0002_webhooks"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            sql=(
                f"CREATE INDEX IF NOT EXISTS {name} ON wagtailcore_page ({column}) "
                f"WHERE {column} IS NOT NULL"
            ),
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, column in INDEXES.items()
    ]
