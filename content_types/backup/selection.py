"""Which models a backup holds, and which tables an import empties.

Every model is backed up unless named below, so a model added to the site is
in the next backup without anyone remembering to list it. Left out are rows
that ``migrate`` makes for the installed code (content types and permissions,
which the backup names by natural key instead), what is rebuilt from the
content after an import (search and reference indexes), the task queue, and
transient or server-side records that point at content or accounts and are
emptied by an import rather than restored (sessions, uploads in progress,
editing sessions, previews, webhook delivery logs, Django's admin log).
"""

from django.apps import apps
from modelcluster.fields import ParentalManyToManyField

# Made by ``migrate`` for the installed code, or rebuilt from the content: left as they are.
KEPT = {
    "contenttypes.contenttype",
    "auth.permission",
    "wagtailsearch.indexentry",
    "wagtailsearch.sqliteftsindexentry",
    "wagtailcore.referenceindex",
}
# Apps about the running server rather than the site (the task queue, login
# attempts and lockouts): left as they are.
KEPT_APPS = {"django_tasks_database", "axes"}

# Not restored; emptied by an import because they point at what it replaces.
EMPTIED = {
    "sessions.session",
    "admin.logentry",
    "wagtailcore.uploadedfile",
    "wagtailadmin.editingsession",
    "wagtailadmin.formstate",
    "wagtail_headless_preview.pagepreview",
    "content_types.webhookdelivery",
}


def label(model):
    return model._meta.label_lower


def is_kept(model):
    return label(model) in KEPT or model._meta.app_label in KEPT_APPS


def stored_models():
    """Every model with a table of its own that Django manages, many-to-many tables included."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def many_to_many_field(through):
    """The field an auto-created many-to-many table belongs to."""
    owner = through._meta.auto_created
    return next(
        field for field in owner._meta.local_many_to_many if field.remote_field.through is through
    )


def is_written_with_its_owner(model):
    """A many-to-many table Django's serializer writes as a list on the owning row.

    modelcluster's ``ParentalManyToManyField`` is the exception: its values,
    set on a page, are only stored when the page is saved the usual way, which
    ``loaddata`` does not do; its rows are backed up as rows of their own.
    """
    return bool(model._meta.auto_created) and not isinstance(
        many_to_many_field(model), ParentalManyToManyField
    )


def owner(model):
    return model._meta.auto_created if is_written_with_its_owner(model) else model


def backed_up_models():
    """The models whose rows are written to a backup, in a fixed order."""
    return [
        model
        for model in stored_models()
        if not is_written_with_its_owner(model)
        and not is_kept(model)
        and label(model) not in EMPTIED
    ]


def emptied_models():
    """Every model whose rows an import deletes: the backed-up ones, their tables, and EMPTIED."""
    return [model for model in stored_models() if not is_kept(owner(model))]
