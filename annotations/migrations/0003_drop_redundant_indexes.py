"""Drop single-column indexes that a composite index already covers (owner and article of an
annotation, owner of an idempotency record) or that no query uses (section_anchor): each is one
more page written per insert. Plain DROP INDEX rather than AlterField, which on SQLite would
copy the annotations table three times over."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

INDEXES = {
    "annotations_annotation_article_id_22166e8b": ("annotations_annotation", "article_id"),
    "annotations_annotation_owner_id_4ae796ca": ("annotations_annotation", "owner_id"),
    "annotations_annotation_section_anchor_0a11d171": ("annotations_annotation", "section_anchor"),
    "annotations_idempotencyrecord_owner_id_9fecc94d": (
        "annotations_idempotencyrecord",
        "owner_id",
    ),
}
# PostgreSQL also made a pattern-ops index for the slug (LIKE queries); SQLite has none.
EXTRA = ["annotations_annotation_section_anchor_0a11d171_like"]


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0002_reader_stamp_index"),
        ("reader", "0002_reading_progress"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    sql=[f'DROP INDEX IF EXISTS "{name}"' for name in [*INDEXES, *EXTRA]],
                    reverse_sql=[
                        f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ("{column}")'
                        for name, (table, column) in INDEXES.items()
                    ],
                )
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="annotation",
                    name="article",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="annotations",
                        to="reader.article",
                    ),
                ),
                migrations.AlterField(
                    model_name="annotation",
                    name="owner",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="annotations",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="annotation",
                    name="section_anchor",
                    field=models.SlugField(db_index=False, max_length=120),
                ),
                migrations.AlterField(
                    model_name="idempotencyrecord",
                    name="owner",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        )
    ]
