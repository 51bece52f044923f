"""Indexes that let PostgreSQL answer a search from the matching index rows alone.

Wagtail's PostgreSQL search backend matches ``title || body`` against the
query and joins each index row to its page by ``object_id = id::varchar(50)``.
Its own GIN indexes are on ``title`` and on ``body`` apart, so neither serves
the match, and the page table has no index on the text of its id: each search
read every index row and every page, however few matched. With these two it
reads the matching rows and looks up their pages. PostgreSQL only; SQLite's
search backend has tables of its own.
"""

from django.db import migrations

INDEXES = {
    "samverkan_indexentry_title_body": (
        "CREATE INDEX IF NOT EXISTS samverkan_indexentry_title_body "
        "ON wagtailsearch_indexentry USING gin ((title || body))"
    ),
    "samverkan_page_id_text": (
        "CREATE INDEX IF NOT EXISTS samverkan_page_id_text "
        "ON wagtailcore_page (((id)::varchar(50)))"
    ),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in INDEXES.values():
            schema_editor.execute(statement)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("content_types", "0003_page_schedule_indexes"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
