"""Move every annotation of an article onto a newly published revision.

Runs inside the import transaction (reader.signals.revision_published): if it fails, the import
rolls back and nothing changes. Anchored and orphaned annotations alike are tried again (an
orphan comes back when its text returns); none is ever deleted. Soft-deleted ones are moved too,
so that Undo puts them back in the right place.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import transaction
from django.db.models.functions import Length

from anchoring import Anchored, Orphaned, anchor, describe, reanchor_many, to_w3c
from annotations.models import Annotation, State
from reader.models import Article, Revision, Section

FIELDS = [
    "revision", "section", "section_anchor", "selectors", "quote", "start", "end", "state",
    "orphan_reason", "version",
]  # fmt: skip


def annotations_reanchor(*, article: Article, revision: Revision) -> dict[str, int]:
    """Re-anchor onto ``revision``; returns counts {"anchored": n, "orphaned": m}."""
    new_sections = {s.anchor: s for s in Section.objects.filter(revision=revision)}
    annotations = list(Annotation.all_objects.filter(article=article).order_by("id"))
    old_lengths = dict(
        Section.objects.filter(pk__in={a.section_id for a in annotations})
        .annotate(length=Length("text"))
        .values_list("pk", "length")
    )
    by_anchor: dict[str, list[Annotation]] = defaultdict(list)
    for annotation in annotations:
        by_anchor[annotation.section_anchor].append(annotation)
    counts = {"anchored": 0, "orphaned": 0}
    for anchor_id, group in by_anchor.items():
        section = new_sections.get(anchor_id)
        if section is None:
            results = [_search_other_sections(a, new_sections.values()) for a in group]
        else:
            old_length = _common_old_length(group, old_lengths)
            raw = reanchor_many(section.text, [a.selectors for a in group], old_length=old_length)
            results = [(section, result) for result in raw]
        for annotation, (place, result) in zip(group, results, strict=True):
            _apply(annotation, place, result)
            counts["anchored" if annotation.state == State.ANCHORED else "orphaned"] += 1
    with transaction.atomic():
        Annotation.all_objects.bulk_update(annotations, FIELDS, batch_size=500)
    return counts


def _common_old_length(group: list[Annotation], old_lengths: dict[int, int]) -> int | None:
    lengths = {old_lengths[a.section_id] for a in group if a.state == State.ANCHORED}
    return lengths.pop() if len(lengths) == 1 else None


def _search_other_sections(
    annotation: Annotation, sections: Any
) -> tuple[Section | None, Anchored | Orphaned]:
    """The section was renamed or removed: accept a place only if exactly one section has one,
    since a quote found in two sections could be either."""
    found: list[tuple[Section, Anchored]] = []
    for section in sections:
        result = anchor(section.text, annotation.selectors)
        if isinstance(result, Anchored):
            found.append((section, result))
    if len(found) == 1:
        return found[0]
    return None, Orphaned("ambiguous" if found else "not_found")


def _apply(annotation: Annotation, section: Section | None, result: Anchored | Orphaned) -> None:
    if isinstance(result, Anchored) and section is not None:
        selectors = to_w3c(describe(section.text, result.start, result.end))
        moved = (
            annotation.section_id != section.pk
            or selectors != annotation.selectors
            or annotation.state != State.ANCHORED
        )
        annotation.revision_id = section.revision_id
        annotation.section = section
        annotation.section_anchor = section.anchor
        annotation.selectors = selectors
        annotation.quote = section.text[result.start : result.end]
        annotation.start, annotation.end = result.start, result.end
        annotation.state = State.ANCHORED
        annotation.orphan_reason = ""
    else:
        # Keep the last good place and selectors: they still describe real (older) text, which
        # is what the owner needs to see to re-attach it.
        moved = annotation.state != State.ORPHANED
        annotation.state = State.ORPHANED
        annotation.orphan_reason = result.reason if isinstance(result, Orphaned) else "not_found"
    if moved:
        annotation.version += 1
