"""Filter backends that validate their input before it reaches the database.

Stock Wagtail passes a field filter's value straight to ``queryset.filter()``;
a malformed date or id then fails inside the ORM as a server error. These
backends check every value against the field first and answer 400 instead.
"""

from datetime import UTC

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from ..content_state import api_setting, remembered
from .loading import model_field
from .page_filters import linked_parameters


def describe_errors(error):
    return " ".join(str(message) for message in error.messages)


def is_reverse_relation(field):
    return field is not None and field.auto_created and not field.concrete


def validate_filter_value(field, name, value):
    """Return ``value`` converted for ``field``, or raise BadRequestError saying why not."""
    if "\x00" in value:
        raise BadRequestError(
            _("field filter error. null characters are not allowed for %(name)s") % {"name": name}
        )
    if field.choices:
        allowed = [str(choice) for choice, _label in field.flatchoices]
        if value not in allowed:
            raise BadRequestError(
                _(
                    "field filter error. '%(value)s' is not a valid value for %(name)s (choose from: %(allowed)s)"
                )
                % {"value": value, "name": name, "allowed": ", ".join(allowed)}
            )
        return value
    target = field.target_field if field.is_relation else field
    if isinstance(target, models.BooleanField):
        return value
    try:
        python_value = target.to_python(value)
        if isinstance(target, models.IntegerField):
            # The range the database column holds: a larger id fails inside the database.
            target.run_validators(python_value)
        if isinstance(target, models.DateTimeField) and python_value is not None:
            # Datetimes are stored in UTC; one that leaves the years Python can
            # hold once moved there (year 1 at +05:00) is no date at all.
            if timezone.is_naive(python_value):
                python_value = timezone.make_aware(python_value)
            python_value.astimezone(UTC)
        target.get_db_prep_value(python_value, connection, prepared=False)
    except ValidationError as error:
        raise BadRequestError(
            _("field filter error. '%(value)s' is not a valid value for %(name)s (%(reason)s)")
            % {"value": value, "name": name, "reason": describe_errors(error)}
        ) from error
    except (OverflowError, ValueError) as error:
        raise BadRequestError(
            _("field filter error. '%(value)s' is not a valid value for %(name)s (out of range)")
            % {"value": value, "name": name}
        ) from error
    return python_value


class QueryWithout:
    """A request's query string without some parameters, for a filter that reads only ``GET``."""

    def __init__(self, request, names):
        self.GET = request.GET.copy()
        for name in names:
            self.GET.pop(name, None)


class ValidatedFieldsFilter(FieldsFilter):
    """Exact-match field filters (Eg: ?status=ongoing) with every value checked first."""

    # One parameter per database field of the listed type; the OpenAPI document
    # reads them from the page models' api_fields.
    openapi_parameters = []

    def filter_queryset(self, request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True))
        fields.discard("locale")
        linked = linked_parameters(queryset.model) & fields
        if linked:
            # A field that is also a snippet link (a conference's region) is
            # filtered by the link, which knows translations and takes a list.
            fields -= linked
            request = QueryWithout(request, linked)
        for name, value in request.GET.items():
            field = model_field(queryset.model, name) if name in fields else None
            if field is None:
                continue
            if is_reverse_relation(field):
                raise BadRequestError(
                    _("field filter error. cannot filter by '%(name)s'") % {"name": name}
                )
            validate_filter_value(field, name, value)
        return super().filter_queryset(request, queryset, view)


class ValidatedOrderingFilter(OrderingFilter):
    """Ordering (Eg: ?order=-start,title) by fields with one value per object.

    Wagtail allows the database fields the API shows, and ``random``. Pages may
    also be ordered by ``last_published_at`` ("recently updated"), which the
    API does not show. Any other name answers 400 listing the allowed ones.
    Ties are broken by id, so a listing read page by page with limit and offset
    neither repeats nor skips an item.
    """

    openapi_parameters = [
        {
            "name": "order",
            "description": (
                "Order by these fields, comma-separated: -field for descending, random for a "
                "random order. Only fields with one value per item; a type's own fields need type."
            ),
            "schema": {"type": "string"},
            "examples": ["-first_published_at", "title"],
        }
    ]

    def filter_queryset(self, request, queryset, view):
        order = request.GET.get("order")
        if not order or "random" in order.split(","):
            return super().filter_queryset(request, queryset, view)
        names = order.split(",")
        allowed = orderable_fields(queryset.model, view)
        for name in names:
            if name.removeprefix("-") not in allowed:
                raise BadRequestError(
                    _("cannot order by '%(name)s' (choose from: %(allowed)s)")
                    % {"name": name, "allowed": ", ".join(allowed + ["random"])}
                )
        if not {name.removeprefix("-") for name in names} & {"id", "pk"}:
            names.append("id")
        return queryset.order_by(*names)


PAGE_ORDERING_FIELDS = ["last_published_at"]


def orderable_fields(model, view):
    """The fields ``model`` can be ordered by: those with one value per object."""
    fields = [
        name
        for name in view.get_available_fields(model, db_fields_only=True)
        if not is_many_valued(model_field(model, name))
    ]
    if issubclass(model, Page):
        fields += [name for name in PAGE_ORDERING_FIELDS if name not in fields]
    return fields


def is_many_valued(field):
    return field is not None and (is_reverse_relation(field) or field.many_to_many)


class ValidatedSearchFilter(SearchFilter):
    """Full-text search (Eg: ?search=library) that cannot fail inside the search backend.

    Wagtail's own filter hands the text and ``search_operator`` on as given. The
    backend raises ValueError for an operator other than "and" or "or"; the
    SQLite backend also fails on a text of only spaces and on a double quote
    inside a word (it does not escape it in the FTS5 query). Quotes mean nothing
    in a plain-text search, so they are read as spaces. The words are read by
    the rules of the languages ``?locale=`` and its fallback ask for (see
    content_types/search/).
    """

    #: Longer texts are no search a reader types; each word costs the search backend work.
    max_length = 200

    openapi_parameters = [
        {
            "name": "search",
            "description": f"Full-text search, at most {max_length} characters.",
            "schema": {"type": "string", "maxLength": max_length},
        },
        {
            "name": "search_operator",
            "description": "Whether every word (and) or any word (or) must match.",
            "schema": {"enum": ["and", "or"]},
        },
    ]

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if not getattr(settings, "WAGTAILAPI_SEARCH_ENABLED", True):
            raise BadRequestError(_("search is disabled"))
        # Searching and filtering by tag at the same time is not supported
        if getattr(queryset, "_filtered_by_tag", False):
            raise BadRequestError(_("filtering by tag with a search query is not supported"))

        if len(request.GET["search"]) > self.max_length:
            raise BadRequestError(
                _("search text may be at most %(maximum)s characters long")
                % {"maximum": self.max_length}
            )
        search_query = " ".join(request.GET["search"].replace('"', " ").split())
        search_operator = request.GET.get("search_operator")
        if search_operator is not None and search_operator.lower() not in ("and", "or"):
            raise BadRequestError(_("search_operator must be 'and' or 'or'"))
        order_by_relevance = "order" not in request.GET

        try:
            return get_search_backend(QUERY_LANGUAGES=requested_languages(request)).search(
                search_query,
                queryset,
                operator=search_operator,
                order_by_relevance=order_by_relevance,
            )
        except FilterFieldError as error:
            raise BadRequestError(
                _("cannot filter by '%(name)s' while searching (field is not indexed)")
                % {"name": error.field_name}
            ) from error
        except OrderByFieldError as error:
            raise BadRequestError(
                _("cannot order by '%(name)s' while searching (field is not indexed)")
                % {"name": error.field_name}
            ) from error


class LocaleFilter(BaseFilterBackend):
    """Content in one language, optionally filled in from another (Eg: ?locale=nb&fallback=sv).

    Without a fallback only pages in the requested locale are returned. With
    one, a page that has no public translation in the requested locale is
    returned in the fallback locale instead, so a Norwegian site never shows
    holes; such pages are marked ``is_fallback`` in their meta. The default
    fallback comes from ``SAMVERKAN_API["FALLBACK_LOCALE"]``.
    """

    openapi_parameters = [
        {
            "name": "locale",
            "description": "Only content in this language (a language code).",
            "schema": {"type": "string"},
            "examples": ["sv", "nb"],
        },
        {
            "name": "fallback",
            "description": (
                "With locale: a language whose page stands in for each missing translation, "
                "marked meta.is_fallback. Defaults to the site's API_FALLBACK_LOCALE."
            ),
            "schema": {"type": "string"},
            "examples": ["sv"],
        },
    ]

    def filter_queryset(self, request, queryset, view):
        if "fallback" in request.GET and not request.GET.get("locale"):
            raise BadRequestError(_("fallback needs a locale, e.g. ?locale=nb&fallback=sv"))
        languages = requested_languages(request)
        if not languages:
            return queryset
        locale = get_locale(languages[0], "locale")
        if len(languages) == 1:
            return queryset.filter(locale_id=locale)
        fallback_locale = get_locale(languages[1], "fallback")
        translated = view.get_base_queryset().filter(locale_id=locale).values("translation_key")
        return queryset.filter(
            Q(locale_id=locale) | Q(locale_id=fallback_locale) & ~Q(translation_key__in=translated)
        )


def get_locale(language_code, parameter):
    """The id of the locale ``language_code`` names; a 400 naming the known ones if none does."""
    locales = remembered("locales", lambda: dict(Locale.objects.values_list("language_code", "pk")))
    if language_code not in locales:
        raise BadRequestError(
            _("%(parameter)s '%(code)s' does not exist (choose from: %(known)s)")
            % {"parameter": parameter, "code": language_code, "known": ", ".join(sorted(locales))}
        )
    return locales[language_code]


def requested_languages(request):
    """The languages LocaleFilter lets into the listing: ?locale= and its fallback; none for all."""
    requested = request.GET.get("locale")
    if not requested:
        return []
    fallback = request.GET.get("fallback", api_setting("FALLBACK_LOCALE"))
    return [requested, fallback] if fallback and fallback != requested else [requested]
