"""Import W3C Web Annotations (a Readmark export, Hypothesis, any conforming tool) for a reader.

One transaction: the file is read and every annotation placed before anything is written, and
a failure part-way writes nothing. Importing the same file twice adds nothing the second time:
an annotation equal to one the reader has (same section, span, kind and note) is counted as
already there.
"""

from __future__ import annotations

from collections import defaultdict
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
    Skipped,
    parse_annotations,
    place_all,
    slug_from_source,
)
from reader.access import visible_to
from reader.models import Article
from reader.selectors import section_list

MAX_IMPORT_BYTES = 20 * 1024 * 1024

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
    *, owner: AbstractBaseUser, data: bytes, article: Article | None = None
) -> ImportReport:
    """Create ``owner``'s annotations from a JSON-LD file.

    Each annotation goes to ``article`` when given, else to the article its target's source
    names (a Readmark article URL from any instance, or an article whose source is that URL).
    Raises ImportRefused when the file as a whole cannot be read.
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportRefused(
            f"The file is {len(data) / 1024 / 1024:.1f} MB; at most "
            f"{MAX_IMPORT_BYTES // 1024 // 1024} MB can be imported at once. Split it and retry."
        )
    incoming, skipped = parse_annotations(data)
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

    with transaction.atomic():
        for article_id, items in groups.items():
            target = articles[article_id]
            created = _import_into(owner, target, items, report)
            if created:
                report.articles.append(target.title)
    report.skipped.sort(key=lambda skipped: skipped.index)
    return report


def _import_into(
    owner: AbstractBaseUser, article: Article, items: list[Incoming], report: ImportReport
) -> int:
    sections = section_list(article=article)
    texts = {section.anchor: section.text for section in sections}
    placed, not_placed = place_all(items, [(s.anchor, s.text) for s in sections])
    report.skipped.extend(not_placed)
    existing = set(
        Annotation.objects.filter(owner_id=owner.pk, article=article).values_list(
            "section_anchor", "start", "end", "kind", "body"
        )
    )
    made: list[tuple[Annotation, Incoming]] = []
    for place in placed:
        item = place.incoming
        key = (place.section_anchor, place.start, place.end, item.kind, item.note)
        if key in existing:
            report.already_there += 1
            continue
        selectors = to_w3c(describe(texts[place.section_anchor], place.start, place.end))
        try:
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
    report.created += len(made)
    return len(made)
