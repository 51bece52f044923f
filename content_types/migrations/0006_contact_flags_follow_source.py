"""Every version of a person gets its source version's contact flags.

Before, each language kept its own "show e-mail publicly" and "show phone
publicly" until someone synced the translations, so a Norwegian version could
show what the Swedish source had made private. The source is found as
``snippets/sources.py`` finds it: the version in a language the translation
editor translated from, else the version made first.
"""

from django.db import migrations
from django.db.models import Count, Exists, OuterRef

CONTACT_FLAGS = ("email_is_public", "phone_is_public")


def follow_source(apps, schema_editor):
    Person = apps.get_model("content_types", "Person")
    TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
    shared = (
        Person.objects.values("translation_key")
        .annotate(versions=Count("pk"))
        .filter(versions__gt=1)
        .values("translation_key")
    )
    translated_from = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"), locale=OuterRef("locale")
    )
    versions = (
        Person.objects.filter(translation_key__in=shared)
        .annotate(translated_from=Exists(translated_from))
        .order_by("translation_key", "-translated_from", "pk")
    )
    source = None
    for person in versions.iterator():
        if source is None or person.translation_key != source.translation_key:
            source = person
            continue
        flags = {flag: getattr(source, flag) for flag in CONTACT_FLAGS}
        if any(getattr(person, flag) != value for flag, value in flags.items()):
            Person.objects.filter(pk=person.pk).update(**flags)


class Migration(migrations.Migration):
    dependencies = [
        ("content_types", "0005_conference_region"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(follow_source, migrations.RunPython.noop)]
