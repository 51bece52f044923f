"""The translation status report's rows, filtered, sorted and counted in the database.

One row per content page in its source language, with one cell per language:
its state (as ``status.py`` defines it), the translated page, and how many
strings there are, are translated, are left and changed since they were
translated. Everything is an annotation of one query over the source pages,
so a page of the report costs the same few queries at any size of content.
"""

from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from .status import changed, count_of, translated

CONTENT_MODELS = ("projectpage", "networkpage", "conferencepage", "programmeitempage")

SOURCE = "source"
MISSING = "missing"
INCOMPLETE = "incomplete"
OUTDATED = "outdated"
UNPUBLISHED = "unpublished"
UNMANAGED = "unmanaged"
CURRENT = "current"
NEEDS_WORK = "needs_work"

# What a person may filter on, in the order offered.
STATE_CHOICES = (
    (NEEDS_WORK, _("Needs work")),
    (MISSING, _("Missing")),
    (INCOMPLETE, _("Incomplete")),
    (OUTDATED, _("Out of date")),
    (UNPUBLISHED, _("Not published")),
    (UNMANAGED, _("Not managed")),
    (CURRENT, _("Up to date")),
)

ORDER_CHOICES = (
    ("tree", _("Site order")),
    ("left", _("Most left to translate")),
    ("title", _("Title")),
)


def source_pages():
    """Content pages in their source language, in tree order.

    A page is in its source language when a translation was made from it, or,
    when nothing was ever translated from any version of it, when it is the
    version made first (its other versions were copied from it by hand).
    """
    sources = TranslationSource.objects.filter(object_id=OuterRef("translation_key"))
    first_version = Page.objects.filter(translation_key=OuterRef("translation_key")).order_by("pk")
    return (
        Page.objects.filter(
            content_type__app_label="content_types", content_type__model__in=CONTENT_MODELS
        )
        .filter(
            Exists(sources.filter(locale_id=OuterRef("locale_id")))
            | (~Exists(sources) & Q(pk=Subquery(first_version.values("pk")[:1])))
        )
        .order_by("path")
    )


def editable_by(user):
    """The pages ``user`` may edit, as a queryset (Wagtail's page permission policy)."""
    return PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])


def prefix(locale):
    return f"in_{locale.pk}_"


def report_pages(user, locales, language=None, state=None, order="tree"):
    """The source pages ``user`` may edit in some language, annotated per locale of ``locales``.

    ``language`` (a locale of ``locales``) narrows ``state`` and ``order`` to
    that language; without it a page matches ``state`` in any language and
    ``left`` sorts by what is left in all of them together.
    """
    editable = editable_by(user).filter(translation_key=OuterRef("translation_key"))
    record = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"), locale_id=OuterRef("locale_id")
    )
    pages = (
        source_pages()
        .filter(Exists(editable))
        .annotate(
            record_id=Subquery(record.values("pk")[:1]),
            copied_at=Subquery(record.values("last_updated_at")[:1]),
        )
    )
    segments = StringSegment.objects.filter(source_id=OuterRef("record_id"))
    pages = pages.annotate(strings=count_of(segments))
    for locale in locales:
        pages = annotate_locale(pages, locale, segments)
    considered = [language] if language is not None else locales
    if state:
        pages = pages.filter(in_state(considered, state))
    if order == "left":
        left = sum((F(prefix(locale) + "left") for locale in considered), Value(0))
        pages = pages.annotate(left=left).order_by("-left", "path")
    elif order == "title":
        pages = pages.order_by("title", "path")
    return pages


def annotate_locale(pages, locale, segments):
    p = prefix(locale)
    target = Page.objects.filter(translation_key=OuterRef("translation_key"), locale_id=locale.pk)
    pages = pages.annotate(
        **{
            p + "page": Subquery(target.values("pk")[:1]),
            p + "live": Subquery(target.values("live")[:1], output_field=BooleanField()),
            p + "published": Subquery(
                target.values("last_published_at")[:1], output_field=DateTimeField()
            ),
            p + "managed": Exists(
                Translation.objects.filter(
                    source_id=OuterRef("record_id"), target_locale_id=locale.pk
                )
            ),
            p + "translated": count_of(translated(segments, locale.pk)),
            p + "changed": count_of(changed(segments, locale.pk)),
        }
    )
    managed = Q(**{p + "managed": True})
    copy_is_current = Q(last_published_at__isnull=True) | Q(copied_at__gte=F("last_published_at"))
    published_after_copy = Q(**{p + "live": True, p + "published__gte": F("copied_at")})
    pages = pages.annotate(
        **{
            p + "state": Case(
                When(locale_id=locale.pk, then=Value(SOURCE)),
                When(**{p + "page__isnull": True}, then=Value(MISSING)),
                When(managed & Q(**{p + "translated__lt": F("strings")}), then=Value(INCOMPLETE)),
                When(managed & copy_is_current & published_after_copy, then=Value(CURRENT)),
                When(managed, then=Value(OUTDATED)),
                When(**{p + "live": False}, then=Value(UNPUBLISHED)),
                default=Value(UNMANAGED),
                output_field=CharField(),
            )
        }
    )
    # What is left, without the state's expression: the database would evaluate it again.
    return pages.annotate(
        **{
            p + "left": Case(
                When(locale_id=locale.pk, then=Value(0)),
                When(**{p + "page__isnull": True}, then=F("strings")),
                When(managed, then=F("strings") - F(p + "translated")),
                default=Value(0),
                output_field=IntegerField(),
            )
        }
    )


def in_state(locales, state):
    """Pages in ``state`` in any of ``locales`` (``NEEDS_WORK``: neither source nor current)."""
    condition = Q(pk__in=[])
    for locale in locales:
        field = prefix(locale) + "state"
        if state == NEEDS_WORK:
            condition |= ~Q(**{f"{field}__in": [SOURCE, CURRENT]})
        else:
            condition |= Q(**{field: state})
    return condition


@dataclass(frozen=True)
class Cell:
    """What the report shows of one page in one language."""

    language: str
    state: str
    page_id: int | None
    total: int
    translated: int
    changed: int
    left: int

    @property
    def shows_progress(self):
        return self.state in (INCOMPLETE, OUTDATED, CURRENT) and self.total > 0


def cells(page, locales):
    """``page``'s cells (it comes from ``report_pages``), one per locale, in ``locales``' order."""
    result = []
    for locale in locales:
        p = prefix(locale)
        result.append(
            Cell(
                language=locale.language_code,
                state=getattr(page, p + "state"),
                page_id=getattr(page, p + "page"),
                total=page.strings,
                translated=getattr(page, p + "translated"),
                changed=getattr(page, p + "changed"),
                left=getattr(page, p + "left"),
            )
        )
    return result
