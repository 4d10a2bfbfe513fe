"""annotations.sql.PreparedInsert writes the row that ``save(force_insert=True)`` writes, with the
conversions it skips (values that pass through unchanged, aware datetimes) included, from a model
instance (prepare) or from the fields alone (prepare_values)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection

from annotations.models import Annotation
from annotations.services import annotation_build, annotation_values
from annotations.sql import PreparedInsert
from tests.annotations.helpers import section_of, selectors_for

COLUMNS = [f.column for f in Annotation._meta.concrete_fields if not f.primary_key]


def stored(pk: int) -> dict:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(quote(c) for c in COLUMNS)} FROM annotations_annotation "
            "WHERE id = %s",
            [pk],
        )
        return dict(zip(COLUMNS, cursor.fetchone(), strict=True))


def built(owner, article, **extra) -> Annotation:
    section = section_of(article)
    return annotation_build(
        owner=owner, article=article, section_anchor=section.anchor, kind="note",
        selectors=selectors_for(section, "backyard furnaces"), body="*Why* it failed",
        colour="green", client_id="c-1", **extra,
    )  # fmt: skip


@pytest.mark.parametrize(
    "deleted_at",
    [None, datetime(2026, 3, 29, 1, 30, tzinfo=UTC)],
    ids=["live", "deleted"],
)
def test_the_row_is_the_one_save_writes(owner, article, deleted_at):
    by_save = built(owner, article)
    by_save.deleted_at = deleted_at
    by_save.save(force_insert=True)
    prepared = built(owner, article)
    prepared.deleted_at = deleted_at
    PreparedInsert(Annotation).prepare(prepared)()

    assert prepared.pk is not None and prepared.pk != by_save.pk
    assert not prepared._state.adding
    ours, django = stored(prepared.pk), stored(by_save.pk)
    # created and modified are each insert's own clock: each is stored as its instance has it.
    for instance, row in ((prepared, ours), (by_save, django)):
        read = Annotation.all_objects.get(pk=instance.pk)
        for name in ("created", "modified", "deleted_at"):
            row.pop(name)
            assert getattr(read, name) == getattr(instance, name), name
    assert ours == django


def test_values_of_other_types_still_go_through_the_field(owner, article):
    annotation = built(owner, article)
    annotation.start, annotation.end = str(annotation.start), str(annotation.end)  # not ints
    annotation.version = 1.0
    PreparedInsert(Annotation).prepare(annotation)()
    row = Annotation.objects.get(pk=annotation.pk)
    assert (type(row.start), type(row.version), row.version) == (int, int, 1)


def test_a_row_from_values_is_the_one_save_writes(owner, article):
    section = section_of(article)
    fields = dict(
        owner=owner, article=article, section_anchor=section.anchor, kind="note",
        selectors=selectors_for(section, "backyard furnaces"), body="*Why* it failed",
        colour="green", client_id="c-1",
    )  # fmt: skip
    by_save = annotation_build(**fields)
    by_save.save(force_insert=True)
    values = annotation_values(**fields)
    pk = PreparedInsert(Annotation).prepare_values(values)()

    ours, django = stored(pk), stored(by_save.pk)
    read = Annotation.objects.get(pk=pk)
    for name in ("created", "modified"):
        ours.pop(name), django.pop(name)
        assert getattr(read, name) == values[name]  # what the caller was told is what is stored
    assert read.created == read.modified
    assert ours == django
    # Defaults were filled in, as Model() does.
    assert (values["version"], values["orphan_reason"], values["deleted_at"]) == (1, "", None)


def test_values_are_refused_when_someone_listens_for_saves(owner, article):
    from django.db.models.signals import post_save

    def receiver(**kwargs):
        pass

    post_save.connect(receiver, sender=Annotation)
    try:
        with pytest.raises(ValueError, match="save signal receivers"):
            PreparedInsert(Annotation).prepare_values({})
    finally:
        post_save.disconnect(receiver, sender=Annotation)
