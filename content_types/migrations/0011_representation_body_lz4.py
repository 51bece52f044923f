"""On PostgreSQL, stored representations are compressed with LZ4 where the server offers it.

A listing reads its representations' bodies whole (a conference with its
programme is about 100 KB of JSON); PostgreSQL's default compression (pglz)
costs the server more to unpack on each read than LZ4, which also packs
them smaller. Rows written before keep their compression until they are
rendered again (``manage.py rebuild_delivery_store`` rewrites them all).
Other databases, and a PostgreSQL built without LZ4, are left as they are.
"""

from django.db import migrations

TABLE = "content_types_representation"


def offers_lz4(schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return False
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
        )
        row = cursor.fetchone()
    return bool(row and row[0])


def set_compression(method):
    def migrate(apps, schema_editor):
        if offers_lz4(schema_editor):
            schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN body SET COMPRESSION {method}")

    return migrate


class Migration(migrations.Migration):
    dependencies = [("content_types", "0010_representation_calendar_event")]

    operations = [
        migrations.RunPython(set_compression("lz4"), set_compression("pglz"), elidable=True),
    ]
