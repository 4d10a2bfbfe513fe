"""Lookups by one field, compiled by the ORM once and then run as plain SQL.

Why: on the hot paths (the signed-in user on every request, the rows an API call starts from)
Django spent ten times longer building each query than the database spent answering it. The
ORM still writes the SQL and supplies the converters, once per database alias, so what runs is
exactly what ``Model.objects.filter(field=value).first()`` would run, minus the rebuilding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Field, Model

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class _Plan:
    sql: str
    field: Field
    attnames: list[str]
    converters: list[tuple[int, tuple[list[Any], Any]]]


class PreparedGet(Generic[M]):
    """``PreparedGet(User, "pk")(5)`` is the user with pk 5, or None."""

    def __init__(self, model: type[M], field: str) -> None:
        self.model = model
        self.field_name = field
        self._plans: dict[str, _Plan] = {}

    def __call__(self, value: Any, *, using: str = DEFAULT_DB_ALIAS) -> M | None:
        plan = self._plans.get(using) or self._compile(using)
        connection = connections[using]
        param = plan.field.get_db_prep_value(value, connection, prepared=False)
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, [param])
            row = cursor.fetchone()
        if row is None:
            return None
        if plan.converters:
            row = list(row)
            for position, (functions, expression) in plan.converters:
                for convert in functions:
                    row[position] = convert(row[position], expression, connection)
        return self.model.from_db(using, plan.attnames, row)

    def _compile(self, using: str) -> _Plan:
        manager = self.model._default_manager
        # Any value of the right type: only its placeholder stays in the SQL.
        field = (
            self.model._meta.pk
            if self.field_name == "pk"
            else self.model._meta.get_field(self.field_name)
        )
        sample = 0 if field.get_internal_type().endswith("AutoField") else "x"
        queryset = manager.using(using).filter(**{self.field_name: sample})
        compiler = queryset.query.get_compiler(using)
        sql, params = compiler.as_sql()
        if len(params) != 1:
            raise ValueError(f"{self.model.__name__}.{self.field_name}: expected one parameter")
        columns = [column for column, _sql, _alias in compiler.select]
        attnames = [column.target.attname for column in columns]
        converters = list(compiler.get_converters(columns).items())
        plan = _Plan(sql=sql, field=field, attnames=attnames, converters=converters)
        self._plans[using] = plan
        return plan
