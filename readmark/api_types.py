"""Bounds and strictness shared by every /api/v1 input, so no value reaches the database that
it cannot hold, and no value is quietly converted into another.

Why bounds: an integer past what a column holds makes the database driver fail (SQLite cannot
compare past 64 bits; PostgreSQL's ``integer`` stops at 2**31 - 1), which would answer 500.
Checked at the edge, the caller gets a 422 naming the field instead.

Why strict bodies: a JSON body is typed by its sender, so ``"0"``, ``false`` or ``10.0`` for
an offset is a mistake to report, not a value to coerce; and an unknown field is usually a
misspelt one (``"questoin"``) whose change would otherwise be silently dropped. Query strings
and paths are text by nature, so they are converted, but bounded all the same.
"""

from __future__ import annotations

from typing import Annotated

from ninja import Path, Schema
from pydantic import ConfigDict, Field

INT_MAX = 2**31 - 1  # a positive integer column on every supported database
ID_MAX = 2**63 - 1  # a 64-bit primary key (DEFAULT_AUTO_FIELD is BigAutoField)

Count = Annotated[int, Field(ge=0, le=INT_MAX)]
"""A count, offset, position or version: what an integer column holds."""

ObjectId = Annotated[int, Path(ge=1, le=ID_MAX, description="The object's id")]
"""An id in a URL path."""


class StrictIn(Schema):
    """A request body: unknown fields refused, and no type coerced into another."""

    model_config = ConfigDict(extra="forbid", strict=True)
