"""Re-importing an edited article moves every annotation onto the new text, or orphans it."""

from __future__ import annotations

import pytest

from annotations.models import Annotation, State
from annotations.services import annotation_create, annotation_delete
from reader.services import article_import
from tests.annotations.helpers import section_of, selectors_for
from tests.conftest import CONTENT

SOURCE = (CONTENT / "great-leap-forward.md").read_text()
LUSHAN = (
    "At the Lushan Conference in 1959, Defence Minister Peng Dehuai criticized the campaign "
    "in a letter to Mao."
)


def reimport(text: str):
    return article_import(data=text.encode(), name="great-leap-forward.md")


def annotate(owner, article, phrase: str, anchor: str, **extra) -> Annotation:
    section = section_of(article, anchor)
    return annotation_create(
        owner=owner,
        article=article,
        section_anchor=anchor,
        kind=extra.pop("kind", "highlight"),
        selectors=selectors_for(section, phrase),
        **extra,
    )


def fresh(annotation: Annotation) -> Annotation:
    return Annotation.all_objects.select_related("section").get(pk=annotation.pk)


def text_at(annotation: Annotation) -> str:
    return annotation.section.text[annotation.start : annotation.end]


ANCHOR = "agricultural-failures-and-causes-of-famine"


def test_text_inserted_before_shifts_the_highlight(owner, article):
    highlight = annotate(owner, article, LUSHAN, ANCHOR)
    old_version = highlight.version
    edited = SOURCE.replace(
        "Grain production fell sharply after 1958.",
        "Grain production fell sharply after 1958, as every later count agrees.",
    )
    result = reimport(edited)
    moved = fresh(highlight)
    assert moved.state == State.ANCHORED
    assert (
        moved.revision_id == result.revision.pk and moved.section.revision_id == moved.revision_id
    )
    assert text_at(moved) == LUSHAN and moved.quote == LUSHAN
    assert moved.start == highlight.start + len(", as every later count agrees")
    assert moved.version == old_version + 1


def test_a_small_edit_inside_the_quote_is_followed(owner, article):
    highlight = annotate(owner, article, LUSHAN, ANCHOR, kind="note", body="why Lushan matters")
    reimport(
        SOURCE.replace("criticized the campaign in a letter", "criticised the campaign in a letter")
    )
    moved = fresh(highlight)
    assert moved.state == State.ANCHORED
    assert "criticised the campaign" in moved.quote and text_at(moved) == moved.quote
    assert moved.body == "why Lushan matters"


def test_deleted_passage_becomes_an_orphan_and_is_kept(owner, article):
    highlight = annotate(owner, article, LUSHAN, ANCHOR)
    result = reimport(SOURCE.replace(LUSHAN + " ", ""))
    orphan = fresh(highlight)
    assert orphan.state == State.ORPHANED and orphan.orphan_reason
    assert orphan.quote == LUSHAN  # still describes the words the reader marked
    assert orphan.revision_id == highlight.revision_id != result.revision.pk


def test_an_edited_sentence_does_not_jump_to_a_lookalike_elsewhere(owner, article):
    highlight = annotate(owner, article, LUSHAN, ANCHOR)
    lookalike = (
        "At the Lushan Conference in 1959, Defence Minister Peng Dehuai praised the campaign "
        "in a letter to Mao."
    )
    edited = SOURCE.replace(LUSHAN, "Peng Dehuai, then defence minister, wrote to Mao privately.")
    edited = edited.replace(
        "## Lessons\n", f"## Lessons\n\nA common misreading runs: {lookalike}\n", 1
    )
    reimport(edited)
    assert fresh(highlight).state == State.ORPHANED


def test_an_orphan_comes_back_when_its_text_returns(owner, article):
    highlight = annotate(owner, article, LUSHAN, ANCHOR)
    reimport(SOURCE.replace(LUSHAN + " ", ""))
    assert fresh(highlight).state == State.ORPHANED
    result = reimport(SOURCE + "\n")
    back = fresh(highlight)
    assert back.state == State.ANCHORED and back.revision_id == result.revision.pk
    assert text_at(back) == LUSHAN


def test_a_renamed_section_is_searched_for_the_passage(owner, article):
    highlight = annotate(owner, article, LUSHAN, ANCHOR)
    reimport(
        SOURCE.replace("## Agricultural failures and causes of famine", "## Why the famine came")
    )
    moved = fresh(highlight)
    assert moved.state == State.ANCHORED
    assert moved.section_anchor == "why-the-famine-came" and text_at(moved) == LUSHAN


def test_deleted_annotations_move_too_so_undo_restores_them_in_place(owner, article):
    highlight = annotate(owner, article, LUSHAN, ANCHOR)
    annotation_delete(annotation=highlight)
    result = reimport(SOURCE.replace("Grain production fell", "Grain output fell"))
    moved = fresh(highlight)
    assert moved.deleted_at is not None and moved.revision_id == result.revision.pk
    assert text_at(moved) == LUSHAN


def test_every_annotation_of_every_reader_is_reanchored(owner, other, article):
    mine = annotate(owner, article, LUSHAN, ANCHOR)
    theirs = annotate(other, article, "backyard furnaces", "key-takeaways")
    result = reimport(SOURCE.replace("Grain production fell", "Grain output fell"))
    assert fresh(mine).revision_id == fresh(theirs).revision_id == result.revision.pk
    assert Annotation.all_objects.count() == 2


def test_an_unchanged_reimport_changes_nothing(owner, article):
    highlight = annotate(owner, article, LUSHAN, ANCHOR)
    reimport(SOURCE)
    assert fresh(highlight).version == highlight.version


@pytest.mark.parametrize("emoji", ["🌾", "粮食"])
def test_astral_and_cjk_characters_before_the_quote_keep_offsets_right(owner, article, emoji):
    highlight = annotate(owner, article, LUSHAN, ANCHOR)
    reimport(SOURCE.replace("Grain production fell", f"Grain {emoji} production fell"))
    moved = fresh(highlight)
    assert text_at(moved) == LUSHAN
    assert moved.start == highlight.start + len(emoji) + 1


def test_reanchoring_failure_rolls_back_the_import(owner, article, monkeypatch):
    annotate(owner, article, LUSHAN, ANCHOR)
    revision_before = article.current_revision_id

    def boom(**kwargs):
        raise RuntimeError("re-anchoring failed")

    monkeypatch.setattr("annotations.receivers.annotations_reanchor", boom)
    with pytest.raises(RuntimeError):
        reimport(SOURCE.replace("Grain production fell", "Grain output fell"))
    article.refresh_from_db()
    assert article.current_revision_id == revision_before
