"""Several to-many relations, of any models, loaded in one query.

A project shows ten lists (funders, partners, goals, contacts, milestones,
links, updates, regions, focus areas, related networks ...). Django's
``prefetch_related`` asks the database once per list. Here every list of a
level comes from one ``UNION ALL``: each part selects its rows, with the
foreign keys the response follows, as one JSON object per row, and the rows
are rebuilt as model instances and put in Django's prefetch cache, where
``holder.funders.all()`` and ``prefetch_related`` find them.

JSON is what lets rows of different tables share one result: every part
returns the same three columns (which list, which holder, the row).

Such a query takes Django longer to build than the database to answer: a
column per field of every model, each part joined to the foreign keys it
follows. Its SQL depends only on the parts' shape (which model, filtered on
which columns, following which keys), never on how many holders there are:
each column's keys are one parameter (``KeysIn``). So each shape is built
once per process (``statement``) and run again with the next request's keys.
"""

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.db import NotSupportedError, connections, models, router
from django.db.models import Expression, F, Value
from django.db.models.functions import JSONObject
from django.utils import timezone

from .memo import Memo

# Fewer arguments than SQLite's and PostgreSQL's limits on a function's (127 and 100).
FIELDS_PER_OBJECT = 40
# Built statements kept per process: a few per serializer and model the API shows.
STATEMENTS = Memo(size=512)


@dataclass
class Relation:
    """A to-many ``attribute`` of ``holders`` (all of one model) and the foreign keys to follow."""

    holders: list
    attribute: str
    chains: list = field(default_factory=list)

    @property
    def model(self):
        return type(self.holders[0])

    @property
    def descriptor(self):
        return self.model._meta.get_field(self.attribute)


def is_to_many(model, attribute):
    """Whether ``attribute`` of ``model`` is a reverse foreign key or a many-to-many relation."""
    try:
        relation = model._meta.get_field(attribute)
    except FieldDoesNotExist:
        return False
    return relation.is_relation and (relation.one_to_many or relation.many_to_many)


def prefetch_together(relations):
    """Load every relation in ``relations`` not loaded yet, in one query for all of them."""
    parts = []
    for relation in relations:
        by_model = defaultdict(list)
        for holder in relation.holders:
            if holder.pk is not None and not is_cached(holder, relation.attribute):
                by_model[type(holder)].append(holder)
        for holders in by_model.values():
            parts.append(RelationRows(Relation(holders, relation.attribute, relation.chains)))
    for part, rows in zip(parts, fetch(parts), strict=True):
        part.install(rows)


def fetch_translations(wanted):
    """``{model: (translation keys, locale ids, chains)}`` -> every such row, in one query."""
    parts = [
        Rows(model, {"translation_key": keys, "locale_id": locales}, chains=sorted(chains))
        for model, (keys, locales, chains) in wanted.items()
    ]
    return [instance for rows in fetch(parts) for _tag, instance in rows]


def fetch(parts):
    """The rows of each of ``parts`` as ``[(tag, instance), ...]``, all from one UNION ALL."""
    if not parts:
        return []
    database = router.db_for_read(parts[0].model)
    connection = connections[database]
    sql, template = statement(parts, connection)
    keys = [keys for part in parts for keys in part.filters.values()]
    params = [
        KeysIn.parameter(keys[value.number], value.field, connection)
        if isinstance(value, Slot)
        else value
        for value in template
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    found = defaultdict(list)
    for index, tag, row in rows:
        found[index].append((tag, parts[index].build(row, database)))
    return [found[index] for index in range(len(parts))]


def statement(parts, connection):
    """The SQL of ``parts``' union and its parameters, a ``Slot`` standing for each part's keys."""

    def build():
        slots = iter(range(sum(len(part.filters) for part in parts)))
        querysets = [part.queryset(index, slots) for index, part in enumerate(parts)]
        union = querysets[0].union(*querysets[1:], all=True) if len(querysets) > 1 else querysets[0]
        sql, params = union.query.get_compiler(connection=connection).as_sql()
        return sql, tuple(params)

    return STATEMENTS.get((connection.alias, tuple(part.shape for part in parts)), build)


class Slot:
    """Where a part's keys go among a built statement's parameters."""

    def __init__(self, number, field):
        self.number = number
        self.field = field


class KeysIn(Expression):
    """``column IN (keys)``, the keys passed as one parameter whatever their number."""

    conditional = True
    output_field = models.BooleanField()

    def __init__(self, column, slot):
        super().__init__()
        self.column = F(column)
        self.slot = slot

    def get_source_expressions(self):
        return [self.column]

    def set_source_expressions(self, expressions):
        [self.column] = expressions

    def resolve_expression(self, *args, **kwargs):
        resolved = super().resolve_expression(*args, **kwargs)
        resolved.slot = Slot(self.slot.number, resolved.column.target)
        return resolved

    def as_sql(self, compiler, connection):
        column, params = compiler.compile(self.column)
        if connection.vendor == "postgresql":
            return f"{column} = ANY(%s)", (*params, self.slot)
        if connection.vendor == "sqlite":
            return f"{column} IN (SELECT value FROM json_each(%s))", (*params, self.slot)
        raise NotSupportedError(f"KeysIn is not written for {connection.vendor}")

    @staticmethod
    def parameter(keys, field, connection):
        """``keys`` as the one parameter: an array for PostgreSQL, a JSON array for SQLite."""
        values = [field.get_db_prep_value(key, connection) for key in keys]
        if connection.vendor == "sqlite":
            return json.dumps(values)
        return values


def is_cached(holder, attribute):
    cache = getattr(holder, "_prefetched_objects_cache", {})
    return attribute in cache or cache_name(type(holder), attribute) in cache


def cache_name(model, attribute):
    """Where Django's related managers look for prefetched rows of ``attribute``."""
    relation = model._meta.get_field(attribute)
    if relation.many_to_many:
        return relation.name if relation.concrete else relation.field.related_query_name()
    return relation.cache_name


class Rows:
    """One part of the union: the rows of ``model`` whose columns hold one of ``filters``' keys,
    as ``target`` instances.

    ``filters`` is ``{column: keys}``; ``prefix`` leads from ``model`` to
    ``target`` (a join table's foreign key); ``tag`` tells the rows' holders
    apart; ``chains`` are the foreign-key paths from ``target`` whose rows come
    along, as select_related's.
    """

    def __init__(self, model, filters, target=None, prefix="", tag="pk", chains=()):
        self.model = model
        self.filters = filters
        self.prefix = prefix
        self.tag = tag
        target = target or model
        self.models = {"": target}
        for chain in chains:
            self.models[chain] = follow_path(target, chain)

    @property
    def shape(self):
        """What the part's SQL depends on: the same for any keys."""
        return (self.model, tuple(self.filters), self.prefix, self.tag, tuple(self.models.items()))

    def queryset(self, index, slots):
        objects = {
            f"m{number}": self.json_of(path, model)
            for number, (path, model) in enumerate(self.models.items())
        }
        conditions = [KeysIn(column, Slot(next(slots), None)) for column in self.filters]
        return (
            self.model._default_manager.filter(*conditions)
            .order_by()
            .annotate(_part=Value(index), _tag=F(self.tag), _row=JSONObject(**objects))
            .values_list("_part", "_tag", "_row")
        )

    def json_of(self, path, model):
        """A JSON object of ``model``'s columns, reached from the row by ``path``."""
        prefix = self.prefix + (f"{path}__" if path else "")
        columns = [f.attname for f in model._meta.concrete_fields]
        chunks = [
            columns[start : start + FIELDS_PER_OBJECT]
            for start in range(0, len(columns), FIELDS_PER_OBJECT)
        ]
        return JSONObject(
            **{
                f"c{number}": JSONObject(**{name: F(prefix + name) for name in chunk})
                for number, chunk in enumerate(chunks)
            }
        )

    def build(self, row, database):
        if isinstance(row, str):
            row = json.loads(row)
        instances = {
            path: instance_from_json(model, row[f"m{number}"], database)
            for number, (path, model) in enumerate(self.models.items())
        }
        for path, instance in instances.items():
            if not path:
                continue
            parent_path, _, attribute = path.rpartition("__")
            parent = instances.get(parent_path)
            if parent is not None:
                parent._meta.get_field(attribute).set_cached_value(parent, instance)
        return instances[""]


class RelationRows(Rows):
    """The rows of one relation for its holders, put where Django's prefetch would put them."""

    def __init__(self, relation):
        self.relation = relation
        descriptor = relation.descriptor
        target = descriptor.related_model
        holder_pks = {holder.pk for holder in relation.holders}
        if descriptor.one_to_many:
            # Reverse foreign key: the rows point at their holder.
            self.back_reference = descriptor.field
            column = descriptor.field.attname
            super().__init__(target, {column: holder_pks}, tag=column, chains=relation.chains)
        else:
            # Many-to-many, either way: the rows come through the join table.
            self.back_reference = None
            field = descriptor if descriptor.concrete else descriptor.field
            source, target_name = field.m2m_field_name(), field.m2m_reverse_field_name()
            if not descriptor.concrete:
                source, target_name = target_name, source
            through = field.remote_field.through
            column = through._meta.get_field(source).attname
            super().__init__(
                through,
                {column: holder_pks},
                target=target,
                prefix=f"{target_name}__",
                tag=column,
                chains=relation.chains,
            )
        self.target = target

    def install(self, rows):
        by_holder = defaultdict(list)
        for holder_pk, instance in rows:
            by_holder[holder_pk].append(instance)
        ordering = ordering_key(self.target)
        manager_cache = cache_name(self.relation.model, self.relation.attribute)
        for holder in self.relation.holders:
            instances = sorted(by_holder.get(holder.pk, []), key=ordering)
            if self.back_reference is not None:
                for instance in instances:
                    self.back_reference.set_cached_value(instance, holder)
            queryset = getattr(holder, self.relation.attribute).all()
            queryset._result_cache = instances
            queryset._prefetch_done = True
            if not hasattr(holder, "_prefetched_objects_cache"):
                holder._prefetched_objects_cache = {}
            holder._prefetched_objects_cache[manager_cache] = queryset


def follow_path(model, path):
    for attribute in path.split("__"):
        model = model._meta.get_field(attribute).related_model
    return model


def instance_from_json(model, chunks, database):
    """The instance of ``model`` whose columns ``chunks`` hold, or None for a null foreign key."""
    if isinstance(chunks, str):
        chunks = json.loads(chunks)
    values = {}
    for chunk in chunks.values():
        values.update(json.loads(chunk) if isinstance(chunk, str) else chunk)
    if values.get(model._meta.pk.attname) is None:
        return None
    fields = model._meta.concrete_fields
    return model.from_db(
        database,
        [f.attname for f in fields],
        [python_value(f, values.get(f.attname)) for f in fields],
    )


def python_value(model_field, value):
    """A column's value as JSON gave it, as the model field holds it.

    JSON has no dates, decimals or UUIDs, and SQLite writes booleans as 0 and 1.
    """
    if value is None:
        return None
    if isinstance(model_field, models.JSONField):
        return json.loads(value) if isinstance(value, str) else value
    if isinstance(model_field, models.DecimalField):
        return Decimal(str(value))
    if isinstance(model_field, models.DateTimeField):
        moment = model_field.to_python(value)
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, datetime.UTC)
        return moment
    if isinstance(model_field, (models.DateField, models.TimeField, models.UUIDField)):
        return model_field.to_python(value)
    if isinstance(model_field, models.BooleanField):
        return bool(value)
    return value


def ordering_key(model):
    """Sorts instances as ``model``'s Meta.ordering, then primary key, would in the database."""
    ordering = [name for name in model._meta.ordering if isinstance(name, str)]
    names = [(name.lstrip("-"), name.startswith("-")) for name in ordering]
    names.append((model._meta.pk.attname, False))

    def key(instance):
        parts = []
        for name, descending in names:
            value = getattr(instance, name, None)
            # Nulls first, as SQLite sorts them.
            parts.append(
                Reversed((value is not None, value)) if descending else (value is not None, value)
            )
        return parts

    return key


class Reversed:
    def __init__(self, value):
        self.value = value

    def __lt__(self, other):
        return other.value < self.value

    def __eq__(self, other):
        return self.value == other.value
