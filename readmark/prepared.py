"""Querysets compiled by the ORM once, then run as plain SQL with new values.

Why: on the hot paths (the signed-in user on every request, the article an API call starts
from) Django spent ten times longer building each query than the database spent answering it.
Here the ORM still writes the SQL, picks the columns and supplies the converters, once per
database alias; each call only binds its values, runs the statement and builds the models the
way Django's ``ModelIterable`` does (``select_related`` and annotations included). No library
does this for Django's ORM, so it is written here, against the compiler's documented outputs.

A shape is a function of its values returning a queryset, with the type of each value:
``PreparedQuery(lambda slug: Article.objects.filter(slug=slug)[:1], str)``. Values must be what
the database column takes (an ``int`` id, a ``str`` slug; a model instance stands for its pk).
Prefetching is not supported.

Statements run on the driver's own cursor (``execute``): Django's cursor wrapper rewrote the
placeholders of every statement with a regular expression and added three layers of calls,
together about a tenth of an annotation POST (bench/load). Whenever Django would record or wrap
the statement (``DEBUG``, ``assertNumQueries``, execute wrappers) it goes through Django's
cursor instead, so what tests count is what runs.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators
from django.utils.connection import ConnectionProxy

M = TypeVar("M", bound=Model)
T = TypeVar("T")

# Django-style SQL ("%s" placeholders) in SQLite's own style, by statement.
_qmark: dict[str, str] = {}


def _native(connection: BaseDatabaseWrapper, sql: str) -> str:
    if connection.vendor != "sqlite":
        return sql  # psycopg takes "%s" placeholders as Django writes them
    native = _qmark.get(sql)
    if native is None:
        # What django.db.backends.sqlite3's cursor does to each statement with a list of params.
        native = _qmark[sql] = FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%")
    return native


def execute(
    connection: BaseDatabaseWrapper, sql: str, params: list[Any], fetch: Callable[[Any], T]
) -> T:
    """``fetch(cursor)`` after running ``sql`` (Django's placeholder style) with ``params``.

    The checks Django makes before handing out a cursor are kept (health check, a live
    connection, the thread, a broken transaction), and driver errors become Django's
    (an ``IntegrityError`` stays catchable as ``django.db.IntegrityError``).
    """
    if type(connection) is ConnectionProxy:
        # django.db.connection looks the connection up again on every attribute (bench/load).
        connection = connections[DEFAULT_DB_ALIAS]
    if connection.queries_logged or connection.execute_wrappers:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return fetch(cursor)
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    connection.validate_no_broken_transaction()
    with connection.wrap_database_errors:
        cursor = connection.connection.cursor()
        try:
            cursor.execute(_native(connection, sql), params)
            return fetch(cursor)
        finally:
            cursor.close()


def fetchall(cursor: Any) -> list[Any]:
    return cursor.fetchall()


def fetchone(cursor: Any) -> Any:
    return cursor.fetchone()


# Sample values the shape is compiled with: only their placeholders stay in the SQL, and they
# are found again among the compiled parameters by value. Within 32 bits: Django answers an
# out-of-range integer lookup with an empty result instead of SQL.
_samples = itertools.count(-1_316_042_001, -1)


@dataclass(frozen=True)
class _Plan:
    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, ...], ...]
    model: type[Model]
    span: tuple[int, int]
    attnames: list[str]
    converters: list[tuple[int, tuple[list[Any], Any]]]
    related: list[Any]
    annotations: dict[str, int]


class PreparedQuery(Generic[M]):
    def __init__(self, shape: Callable[..., QuerySet[M]], *types: type) -> None:
        """`types`: ``int`` or ``str`` for each value the shape takes."""
        self.shape = shape
        self._samples: list[Any] = []
        for kind in types or (int,):
            number = next(_samples)
            self._samples.append(f"\x00prepared{number}\x00" if kind is str else number)
        self._plans: dict[str, _Plan] = {}

    def all(self, *values: Any, using: str = DEFAULT_DB_ALIAS) -> list[M]:
        plan = self._plans.get(using) or self._compile(using)
        connection = connections[using]
        params = list(plan.params)
        for value, slots in zip(values, plan.slots, strict=True):
            if isinstance(value, Model):
                value = value.pk
            for slot in slots:
                params[slot] = value
        rows = execute(connection, plan.sql, params, fetchall)
        start, end = plan.span
        found = []
        for row in rows:
            if plan.converters:
                row = list(row)
                for position, (functions, expression) in plan.converters:
                    for convert in functions:
                        row[position] = convert(row[position], expression, connection)
            instance = plan.model.from_db(using, plan.attnames, row[start:end])
            for populator in plan.related:
                populator.populate(row, instance)
            for name, position in plan.annotations.items():
                setattr(instance, name, row[position])
            found.append(instance)
        return found

    def first(self, *values: Any, using: str = DEFAULT_DB_ALIAS) -> M | None:
        found = self.all(*values, using=using)
        return found[0] if found else None

    def _compile(self, using: str) -> _Plan:
        queryset = self.shape(*self._samples).using(using)
        if queryset._prefetch_related_lookups or queryset._known_related_objects:
            raise ValueError("prepared queries cannot prefetch")
        compiler = queryset.query.get_compiler(using)
        sql, params = compiler.as_sql()
        slots = tuple(
            tuple(i for i, param in enumerate(params) if param == sample)
            for sample in self._samples
        )
        if not all(slots):
            raise ValueError("the shape does not use each of its values as a query parameter")
        select, klass_info = compiler.select, compiler.klass_info
        fields = klass_info["select_fields"]
        plan = _Plan(
            sql=sql,
            params=tuple(params),
            slots=slots,
            model=klass_info["model"],
            span=(fields[0], fields[-1] + 1),
            attnames=[column.target.attname for column, _, _ in select[fields[0] : fields[-1] + 1]],
            converters=list(compiler.get_converters([column for column, _, _ in select]).items()),
            related=get_related_populators(klass_info, select, using),
            annotations=dict(compiler.annotation_col_map or {}),
        )
        self._plans[using] = plan
        return plan


class PreparedGet(PreparedQuery[M]):
    """``PreparedGet(User, "pk")(5)`` is the user with pk 5, or None."""

    def __init__(self, model: type[M], field: str) -> None:
        target = model._meta.pk if field == "pk" else model._meta.get_field(field)
        numeric = target.get_internal_type().endswith(("AutoField", "IntegerField"))
        super().__init__(lambda value: model._default_manager.filter(**{field: value}),
                         int if numeric else str)  # fmt: skip

    def __call__(self, value: Any, *, using: str = DEFAULT_DB_ALIAS) -> M | None:
        return self.first(value, using=using)
