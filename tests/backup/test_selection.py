"""Which models a backup holds and which tables an import empties."""

from django.apps import apps
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.search.models import IndexEntry
from wagtail_localize.models import String, StringSegment, TranslationSource

from content_types.backup.selection import backed_up_models, emptied_models, stored_models
from content_types.models import ConferencePage, Person, ProjectPage, WebhookDelivery


def through(model, name):
    return model._meta.get_field(name).remote_field.through


def test_holds_pages_revisions_translations_snippets_and_accounts():
    backed_up = set(backed_up_models())
    for model in (Page, ConferencePage, Revision, TranslationSource, String, StringSegment):
        assert model in backed_up
    for model in (Person, User, Group, apps.get_model("wagtaildocs.Document")):
        assert model in backed_up


def test_leaves_out_what_migrate_makes_or_the_import_rebuilds():
    backed_up = set(backed_up_models())
    for model in (ContentType, Permission, IndexEntry, ReferenceIndex, Session, WebhookDelivery):
        assert model not in backed_up


def test_writes_parental_many_to_many_values_as_rows_of_their_own():
    # loaddata sets many-to-many values through the field, which modelcluster
    # keeps in memory until the page is saved the usual way.
    assert through(ProjectPage, "regions") in backed_up_models()
    assert through(Group, "permissions") not in backed_up_models()  # a list on each group


def test_empties_every_table_it_loads_and_the_many_to_many_tables_of_those():
    emptied = set(emptied_models())
    assert set(backed_up_models()) <= emptied
    assert through(Group, "permissions") in emptied
    assert through(User, "groups") in emptied
    assert {Session, WebhookDelivery} <= emptied
    assert not {ContentType, Permission, IndexEntry} & emptied


def test_no_table_an_import_leaves_alone_points_at_a_table_it_empties():
    """Otherwise emptying would break its rows (and PostgreSQL refuses to truncate)."""
    emptied = set(emptied_models())
    pointing = [
        f"{model._meta.label}.{field.name}"
        for model in stored_models()
        if model not in emptied
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model in emptied
    ]
    assert pointing == []
