"""A representation's layout now counts UTF-8 bytes, not characters: every one renders again.

Marked stale, each is rendered again (with the new layout) before it is next
read; ``manage.py rebuild_delivery_store`` renders them all at once.
"""

from django.db import migrations
from django.db.models import F


def render_again(apps, schema_editor):
    Representation = apps.get_model("content_types", "Representation")
    Representation.objects.using(schema_editor.connection.alias).update(
        stale=True, version=F("version") + 1
    )


class Migration(migrations.Migration):
    dependencies = [("content_types", "0011_representation_body_lz4")]

    operations = [migrations.RunPython(render_again, render_again, elidable=True)]
