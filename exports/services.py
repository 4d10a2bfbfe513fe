"""Import W3C Web Annotations (a Readmark export, Hypothesis, any conforming tool) for a reader.

Two steps, so that the slow one never holds the database's write lock: every annotation is
read and placed (the fuzzy search, seconds for thousands of edited quotes) with no transaction
open; then the placed ones are written in short transactions of ``WRITE_BATCH``. An import cut
short part-way keeps what it wrote, and importing the same file again adds nothing twice: an
annotation equal to one the reader has (same section, span, kind and note) is counted as
already there. ``exports/import_jobs.py`` runs it in the background for the profile page.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from anchoring import describe, to_w3c
from annotations.errors import AnnotationError
from annotations.models import Annotation
from annotations.services import annotation_create
from exports.jsonld_import import (
    ImportRefused,
    Incoming,
    Placed,
    Skipped,
    parse_annotations,
    place_all,
    slug_from_source,
)
from reader.access import visible_to
from reader.models import Article, Section
from reader.selectors import section_list

MAX_IMPORT_BYTES = 20 * 1024 * 1024
# Annotations placed between two progress reports, and written in one transaction: each write
# transaction holds SQLite's write lock, which other readers' saves wait for.
PLACE_BATCH = 50
WRITE_BATCH = 50
# Seconds the import waits between two write transactions. SQLite grants its write lock to no
# one in particular: a save that waits for it retries after sleeps of up to 100 ms, and a
# loop that commits and begins again at once could take the lock back every time. A gap
# longer than the longest of those sleeps lets every waiting save in.
WRITE_PAUSE = 0.12

# (annotations placed so far, annotations in the file)
Progress = Callable[[int, int], None]

__all__ = ["ImportRefused", "ImportReport", "annotations_import"]


@dataclass
class ImportReport:
    created: int = 0
    already_there: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)  # titles that received annotations

    def summary(self) -> str:
        parts = [f"Imported {self.created} annotation{'s' if self.created != 1 else ''}"]
        if self.articles:
            parts[0] += " into " + ", ".join(f"“{title}”" for title in self.articles)
        if self.already_there:
            parts.append(f"{self.already_there} you already had")
        if self.skipped:
            parts.append(f"{len(self.skipped)} could not be placed")
        return "; ".join(parts) + "."

    def details(self, limit: int = 20) -> list[str]:
        lines = [f"Annotation {s.index}: {s.reason}." for s in self.skipped[:limit]]
        if len(self.skipped) > limit:
            lines.append(f"…and {len(self.skipped) - limit} more.")
        return lines


def _articles_for(
    items: list[Incoming], article: Article | None, owner: AbstractBaseUser
) -> dict[int, Article]:
    """Incoming index -> article: the chosen one, else the one its target's source names
    among those the owner may read (another reader's private article is never a target)."""
    if article is not None:
        return {item.index: article for item in items}
    live = (
        Article.objects.exclude(current_revision=None)
        .filter(visible_to(owner))
        .select_related("current_revision")
    )
    slugs = {slug_from_source(item.source) for item in items} - {""}
    by_slug = {a.slug: a for a in live.filter(slug__in=slugs)} if slugs else {}
    sources = {item.source for item in items if item.source} - {""}
    by_source = {a.source: a for a in live.filter(source__in=sources)} if sources else {}
    found: dict[int, Article] = {}
    for item in items:
        match = by_slug.get(slug_from_source(item.source)) or by_source.get(item.source)
        if match is not None:
            found[item.index] = match
    return found


def annotations_import(
    *,
    owner: AbstractBaseUser,
    data: bytes,
    article: Article | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Create ``owner``'s annotations from a JSON-LD file.

    Each annotation goes to ``article`` when given, else to the article its target's source
    names (a Readmark article URL from any instance, or an article whose source is that URL).
    Raises ImportRefused when the file as a whole cannot be read. ``progress`` is called as
    annotations are placed.
    """
    incoming, skipped = import_parse(data=data)
    report = ImportReport(skipped=list(skipped))
    targets = _articles_for(incoming, article, owner)
    groups: dict[int, list[Incoming]] = defaultdict(list)
    articles: dict[int, Article] = {}
    for item in incoming:
        target = targets.get(item.index)
        if target is None:
            report.skipped.append(
                Skipped(
                    item.index,
                    f"no article here matches its source {item.source or '(none)'}; "
                    "choose the article to import it into",
                )
            )
            continue
        groups[target.pk].append(item)
        articles[target.pk] = target

    # 1. Place everything, with no transaction open.
    total, done = len(incoming), len(incoming) - sum(len(items) for items in groups.values())
    plans: list[tuple[Article, list[Section], list[Placed]]] = []
    for article_id, items in groups.items():
        target = articles[article_id]
        sections = section_list(article=target)
        pairs = [(section.anchor, section.text) for section in sections]
        placed: list[Placed] = []
        for batch in _batches(items, PLACE_BATCH):
            found, not_placed = place_all(batch, pairs)
            placed += found
            report.skipped.extend(not_placed)
            done += len(batch)
            if progress is not None:
                progress(done, total)
        plans.append((target, sections, placed))
    # 2. Write in short transactions.
    for target, sections, placed in plans:
        if _write_placed(owner, target, sections, placed, report, progress, total):
            report.articles.append(target.title)
    report.skipped.sort(key=lambda skipped: skipped.index)
    return report


def import_parse(*, data: bytes) -> tuple[list[Incoming], list[Skipped]]:
    """The file's annotations (or ImportRefused): quick, so a request can check a file first."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportRefused(
            f"The file is {len(data) / 1024 / 1024:.1f} MB; at most "
            f"{MAX_IMPORT_BYTES // 1024 // 1024} MB can be imported at once. Split it and retry."
        )
    return parse_annotations(data)


def _batches(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _write_placed(
    owner: AbstractBaseUser,
    article: Article,
    sections: list[Section],
    placed: list[Placed],
    report: ImportReport,
    progress: Progress | None = None,
    total: int = 0,
) -> int:
    texts = {section.anchor: section.text for section in sections}
    revision_id = article.current_revision_id
    existing = set(
        Annotation.objects.filter(owner_id=owner.pk, article=article).values_list(
            "section_anchor", "start", "end", "kind", "body"
        )
    )
    created = 0
    for first in range(0, len(placed), WRITE_BATCH):
        batch = placed[first : first + WRITE_BATCH]
        if first:
            time.sleep(WRITE_PAUSE)
            if progress is not None:  # still alive: writing takes a while too
                progress(total, total)
        with transaction.atomic():
            current = Article.objects.filter(pk=article.pk).values_list(
                "current_revision_id", flat=True
            )
            if current.first() != revision_id:
                # Placed on a text that is no longer the article's: those places may be wrong.
                report.skipped.extend(
                    Skipped(place.incoming.index, _CHANGED) for place in placed[first:]
                )
                break
            created += _write_batch(owner, article, texts, batch, existing, report)
    report.created += created
    return created


_CHANGED = (
    "the article was imported again while this file was being imported; import the file again"
)


def _write_batch(
    owner: AbstractBaseUser,
    article: Article,
    texts: dict[str, str],
    batch: list[Placed],
    existing: set[tuple],
    report: ImportReport,
) -> int:
    made: list[tuple[Annotation, Incoming]] = []
    for place in batch:
        item = place.incoming
        key = (place.section_anchor, place.start, place.end, item.kind, item.note)
        if key in existing:
            report.already_there += 1
            continue
        selectors = to_w3c(describe(texts[place.section_anchor], place.start, place.end))
        try:
            with transaction.atomic():  # a savepoint: one refused annotation spoils no other
                annotation = annotation_create(
                    owner=owner,
                    article=article,
                    section_anchor=place.section_anchor,
                    kind=item.kind,
                    selectors=selectors,
                    body=item.note,
                    colour=item.colour,
                )
        except AnnotationError as error:
            report.skipped.append(Skipped(item.index, error.message.rstrip(".")))
            continue
        existing.add(key)
        made.append((annotation, item))
    # Keep the original dates: moving between instances should not make old notes look new.
    dated = []
    for annotation, item in made:
        if item.created is not None:
            annotation.created = item.created
            annotation.modified = item.modified or item.created
            dated.append(annotation)
    if dated:
        Annotation.objects.bulk_update(dated, ["created", "modified"])
    return len(made)
