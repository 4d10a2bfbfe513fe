"""The annotation INSERT on the API's hot path, worked out once per database, run as plain SQL.

Why: Django spent longer compiling the INSERT than SQLite spent running it (bench/load). What runs
is what ``save(force_insert=True)`` would run: the same columns, with the fields' own
``pre_save`` and ``get_db_prep_save``. Reads use readmark/prepared.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, Model, signals
from django.utils import timezone

from readmark.prepared import execute

M = TypeVar("M", bound=Model)


# How one field's value becomes its INSERT parameter: what get_db_prep_save would give.
Convert = Callable[[Any, BaseDatabaseWrapper], Any]


@dataclass(frozen=True)
class _Insert:
    sql: str
    # (field, whether its pre_save does more than read the attribute, its conversion)
    fields: list[tuple[Field, bool, Convert]]
    returning_params: Any


# Fields whose get_db_prep_save hands back a value of this exact type, or None, as it is (the
# stock classes only: a subclass may convert). Skipping the call for them halved the INSERT's
# cost.
_UNCHANGED: dict[type[Field], type] = {
    models.CharField: str,
    models.SlugField: str,
    models.TextField: str,
    models.IntegerField: int,
    models.PositiveIntegerField: int,
    models.PositiveSmallIntegerField: int,
    models.BooleanField: bool,
}


def _unchanged_type(field: Field) -> type | None:
    if type(field) is models.ForeignKey:
        target = field.target_field
        return int if type(target) in (models.AutoField, models.BigAutoField) else None
    return _UNCHANGED.get(type(field))


def _converter(field: Field) -> Convert:
    """get_db_prep_save, skipped where its answer is known: for a value of the type a stock
    field passes through, and for an aware datetime, which DateTimeField only hands to the
    backend's adapter (three of an annotation's twenty values)."""
    prep = field.get_db_prep_save
    unchanged = _unchanged_type(field)
    if unchanged is not None:

        def passing(value: Any, connection: BaseDatabaseWrapper) -> Any:
            if value is None or type(value) is unchanged:
                return value
            return prep(value, connection)

        return passing
    if type(field) is models.DateTimeField:

        def moment(value: Any, connection: BaseDatabaseWrapper) -> Any:
            if value is None:
                return None
            if type(value) is datetime and value.tzinfo is not None:
                return connection.ops.adapt_datetimefield_value(value)
            return prep(value, connection)

        return moment
    return prep


def _is_clock(field: Field) -> bool:
    """A DateTimeField whose pre_save, on insert, is the current time."""
    return type(field) is models.DateTimeField and (field.auto_now or field.auto_now_add)


def _reads_attribute(field: Field) -> bool:
    """A stock date or datetime field whose pre_save only reads the attribute."""
    dated = type(field) in (models.DateField, models.DateTimeField)
    return dated and not (field.auto_now or field.auto_now_add)


class PreparedInsert(Generic[M]):
    """``PreparedInsert(Annotation).prepare(annotation)()`` is
    ``annotation.save(force_insert=True)`` for a model whose primary key the database assigns,
    without building the INSERT each time."""

    def __init__(self, model: type[M]) -> None:
        self.model = model
        self._plans: dict[str, _Insert] = {}

    def prepare(self, obj: M, *, using: str = DEFAULT_DB_ALIAS) -> Callable[[], M]:
        """The INSERT's values worked out now (``pre_save`` included), and a function that runs
        it: a caller can do the first step before its transaction takes SQLite's write lock, so
        that the lock is held only while the row is written (bench/load)."""
        plan = self._plans.get(using) or self._compile(using)
        connection = connections[using]
        model = self.model
        if signals.pre_save.has_listeners(model):
            signals.pre_save.send(model, instance=obj, raw=False, using=using, update_fields=None)
        params = [
            convert(field.pre_save(obj, True) if pre_save else getattr(obj, field.attname),
                    connection)
            for field, pre_save, convert in plan.fields
        ]  # fmt: skip
        pk = model._meta.pk

        def insert() -> M:
            setattr(obj, pk.attname, self._run(connection, plan, params))
            obj._state.adding = False
            obj._state.db = using
            if signals.post_save.has_listeners(model):
                signals.post_save.send(
                    model, instance=obj, created=True, update_fields=None, raw=False, using=using
                )
            return obj

        return insert

    def prepare_values(
        self, values: dict[str, Any], *, using: str = DEFAULT_DB_ALIAS
    ) -> Callable[[], Any]:
        """``prepare`` for a row given by attribute name (``owner_id``, not ``owner``), with no
        model instance to build: on the annotation POST, building the instance and reading it
        back cost more than the rest of the INSERT (bench/load).

        Fields left out take their defaults, as ``Model()`` gives them; ``auto_now`` and
        ``auto_now_add`` fields take the current time. Both are written into ``values``, which
        then holds every column but the primary key, as stored. The function returned runs the
        INSERT and answers the new primary key. Only for models that nobody receives save
        signals for, since none are sent.
        """
        model = self.model
        if signals.pre_save.has_listeners(model) or signals.post_save.has_listeners(model):
            raise ValueError(f"{model.__name__} has save signal receivers: use prepare()")
        plan = self._plans.get(using) or self._compile(using)
        connection = connections[using]
        now = None
        params = []
        for field, pre_save, convert in plan.fields:
            name = field.attname
            if _is_clock(field):
                if now is None:
                    now = timezone.now()
                values[name] = now
            elif pre_save and not _reads_attribute(field):
                raise ValueError(f"{model.__name__}.{name} needs an instance: use prepare()")
            elif name not in values:
                values[name] = field.get_default()
            params.append(convert(values[name], connection))
        return lambda: self._run(connection, plan, params)

    def _run(self, connection: BaseDatabaseWrapper, plan: _Insert, params: list[Any]) -> Any:
        """The INSERT, answering the new primary key."""

        def inserted_pk(cursor: Any) -> Any:
            if plan.returning_params is not None:
                (value,) = connection.ops.fetch_returned_insert_columns(
                    cursor, plan.returning_params
                )
                return value
            meta = self.model._meta
            return connection.ops.last_insert_id(cursor, meta.db_table, meta.pk.column)

        return execute(connection, plan.sql, params, inserted_pk)

    def _compile(self, using: str) -> _Insert:
        connection = connections[using]
        meta = self.model._meta
        quote = connection.ops.quote_name
        fields = [f for f in meta.concrete_fields if f is not meta.pk]
        sql = (
            f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
            f"VALUES ({', '.join(['%s'] * len(fields))})"
        )
        returning_params = None
        if connection.features.can_return_columns_from_insert:
            returning_sql, returning_params = connection.ops.return_insert_columns([meta.pk])
            sql = f"{sql} {returning_sql}"
        steps = [(f, type(f).pre_save is not Field.pre_save, _converter(f)) for f in fields]
        plan = _Insert(sql=sql, fields=steps, returning_params=returning_params)
        self._plans[using] = plan
        return plan
