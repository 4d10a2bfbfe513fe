"""Read W3C Web Annotations (ours, Hypothesis's, any conforming tool's) and place them again.

Pure: ``parse_annotations`` turns a file into ``Incoming`` annotations (or says why it cannot),
and ``place_all`` re-anchors them onto an article's current sections with the anchoring core.
The service in ``exports/services.py`` then writes what was placed.

Accepted shapes: an ``AnnotationCollection`` (its embedded ``first`` page, or ``items``), an
``AnnotationPage``, a list of annotations, one annotation, and Hypothesis's own export
(``{"annotations": [...]}`` with ``text``, ``tags`` and ``target``).

Placing: when the annotation names a section of this article (our ``FragmentSelector``), its
quote and section-relative position are anchored there. Otherwise (Hypothesis's positions
count over the whole page, not a section) the quote with its context is looked for in every
section; the best place wins unless another section scores alike, which would be a guess.
Whatever cannot be placed is reported, never created at a wrong place.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import nh3

from anchoring import AMBIGUITY_MARGIN, Anchored, anchor
from anchoring.scoring import (
    POSITION_WEIGHT,
    PREFIX_WEIGHT,
    QUOTE_WEIGHT,
    SUFFIX_WEIGHT,
    TOTAL_WEIGHT,
)
from exports.document import Kind
from exports.jsonld import COLOURS, QUOTE_TAG

MAX_ANNOTATIONS = 10_000


class ImportRefused(ValueError):
    """The file as a whole cannot be read; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Incoming:
    index: int  # 1-based position in the file, for messages
    external_id: str
    kind: Kind
    note: str
    colour: str
    source: str
    section_anchor: str  # "" when the annotation does not name one of our sections
    exact: str
    prefix: str
    suffix: str
    start: int | None  # section-relative, only with a section anchor
    end: int | None
    created: datetime | None
    modified: datetime | None


@dataclass(frozen=True, slots=True)
class Skipped:
    index: int
    reason: str


@dataclass(frozen=True, slots=True)
class Placed:
    incoming: Incoming
    section_anchor: str
    start: int
    end: int


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def _entries(data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if not isinstance(data, Mapping):
        raise ImportRefused("The file holds no annotations: expected a JSON object or list.")
    if isinstance(data.get("annotations"), list):  # Hypothesis's export
        return data["annotations"]
    if isinstance(data.get("rows"), list):  # Hypothesis's API search result
        return data["rows"]
    kinds = set(_as_list(data.get("type")))
    if kinds & {"AnnotationCollection", "AnnotationPage"}:
        items: list[Any] = []
        first = data.get("first")
        if isinstance(first, Mapping):
            items.extend(_as_list(first.get("items")))
        items.extend(_as_list(data.get("items")))
        return items
    if "target" in data:
        return [data]
    raise ImportRefused(
        "The file holds no annotations: expected a W3C AnnotationCollection, an AnnotationPage, "
        "a list of annotations or a Hypothesis export."
    )


def _timestamp(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _text(value: Any, media_type: str) -> str:
    if not isinstance(value, str):
        return ""
    if media_type == "text/html":  # keep the words; Readmark notes are Markdown
        return nh3.clean(value, tags=set()).strip()
    return value


def _selector_parts(target: Mapping[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}

    def visit(selector: Any, fragment: str | None) -> None:
        if not isinstance(selector, Mapping):
            return
        kind = selector.get("type")
        if kind == "TextQuoteSelector" and "quote" not in found:
            found["quote"] = selector
        elif kind == "TextPositionSelector" and fragment is not None:
            found.setdefault("position", selector)
        elif kind == "FragmentSelector" and isinstance(selector.get("value"), str):
            found.setdefault("fragment", selector["value"])
            for inner in _as_list(selector.get("refinedBy")):
                visit(inner, selector["value"])
            return
        for inner in _as_list(selector.get("refinedBy")):
            visit(inner, fragment)

    for selector in _as_list(target.get("selector")):
        visit(selector, None)
    return found


def _target(entry: Mapping[str, Any]) -> Mapping[str, Any] | None:
    for target in _as_list(entry.get("target")):
        if isinstance(target, Mapping) and target.get("selector"):
            return target
    return None


def _source(entry: Mapping[str, Any], target: Mapping[str, Any]) -> str:
    source = target.get("source")
    if isinstance(source, Mapping):
        source = source.get("id")
    if not isinstance(source, str):
        source = entry.get("uri")  # Hypothesis's own format
    return source if isinstance(source, str) else ""


def _bodies(entry: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """(note texts, tags) from W3C bodies or Hypothesis's ``text`` and ``tags``."""
    notes: list[str] = []
    tags: list[str] = []
    if isinstance(entry.get("bodyValue"), str):
        notes.append(entry["bodyValue"])
    for body in _as_list(entry.get("body")):
        if not isinstance(body, Mapping):
            continue
        purposes = set(_as_list(body.get("purpose")))
        media_type = body.get("format") if isinstance(body.get("format"), str) else ""
        if "TextualBody" not in _as_list(body.get("type")) and "value" not in body:
            continue
        value = _text(body.get("value"), media_type)
        if "tagging" in purposes:
            tags.append(value.strip())
        elif value.strip():
            notes.append(value)
    if isinstance(entry.get("text"), str) and entry["text"].strip():
        notes.append(entry["text"])
    tags.extend(tag for tag in _as_list(entry.get("tags")) if isinstance(tag, str))
    return notes, tags


def _incoming(index: int, entry: Any) -> Incoming | Skipped:
    if not isinstance(entry, Mapping):
        return Skipped(index, "not an annotation object")
    target = _target(entry)
    if target is None:
        return Skipped(index, "no target with selectors: nothing says which words it marks")
    parts = _selector_parts(target)
    quote = parts.get("quote")
    exact = quote.get("exact") if quote else None
    if not isinstance(exact, str) or not exact.strip():
        return Skipped(index, "no TextQuoteSelector with the marked words")
    notes, tags = _bodies(entry)
    note = "\n\n".join(notes).strip()
    motivations = set(_as_list(entry.get("motivation")))
    if note:
        kind: Kind = "note" if "commenting" in motivations or QUOTE_TAG not in tags else "quote"
    else:
        kind = "quote" if QUOTE_TAG in tags else "highlight"
    start = end = None
    position = parts.get("position")
    if isinstance(position, Mapping):
        start, end = position.get("start"), position.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
            start = end = None
    colour = target.get("styleClass")
    prefix, suffix = quote.get("prefix", ""), quote.get("suffix", "")
    identifier = entry.get("id")
    return Incoming(
        index=index,
        external_id=identifier if isinstance(identifier, str) else "",
        kind=kind,
        note=note,
        colour=colour if colour in COLOURS else "",
        source=_source(entry, target),
        section_anchor=parts.get("fragment", "") or "",
        exact=exact,
        prefix=prefix if isinstance(prefix, str) else "",
        suffix=suffix if isinstance(suffix, str) else "",
        start=start,
        end=end,
        created=_timestamp(entry.get("created")),
        modified=_timestamp(entry.get("modified") or entry.get("updated")),
    )


def parse_annotations(data: bytes | str) -> tuple[list[Incoming], list[Skipped]]:
    """The annotations in a JSON(-LD) file, and the entries that are not usable with why."""
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, ValueError) as error:
        raise ImportRefused(
            f"The file is not valid JSON ({error}). Export it again as JSON-LD and retry."
        ) from None
    entries = _entries(document)
    if len(entries) > MAX_ANNOTATIONS:
        raise ImportRefused(
            f"The file holds {len(entries):,} annotations; at most {MAX_ANNOTATIONS:,} are "
            "imported at once. Split it and import the parts."
        )
    incoming: list[Incoming] = []
    skipped: list[Skipped] = []
    for index, entry in enumerate(entries, start=1):
        result = _incoming(index, entry)
        (incoming if isinstance(result, Incoming) else skipped).append(result)
    return incoming, skipped


_SLUG_IN_PATH = re.compile(r"/articles/([-\w]+)/?(?:[#?].*)?$")


def slug_from_source(source: str) -> str:
    """The article slug when ``source`` is a Readmark article URL (any host), else ""."""
    match = _SLUG_IN_PATH.search(source)
    return match.group(1) if match else ""


def _selectors(item: Incoming, with_position: bool) -> dict[str, Any]:
    selectors: dict[str, Any] = {
        "quote": {
            "type": "TextQuoteSelector",
            "exact": item.exact,
            "prefix": item.prefix,
            "suffix": item.suffix,
        }
    }
    if with_position and item.start is not None:
        selectors["position"] = {
            "type": "TextPositionSelector",
            "start": item.start,
            "end": item.end,
        }
    return selectors


def place(item: Incoming, sections: Sequence[tuple[str, str]]) -> Placed | Skipped:
    """Where ``item`` belongs among ``sections`` (anchor, text) of the current revision."""
    texts = dict(sections)
    if item.section_anchor in texts:
        result = anchor(texts[item.section_anchor], _selectors(item, with_position=True))
        if isinstance(result, Anchored):
            return Placed(item, item.section_anchor, result.start, result.end)
    # The quote with its context, in whichever section holds it (exact matches first: cheap).
    exact = [(a, t) for a, t in sections if item.exact in t]
    scored = _scored(item, exact) if exact else _scored_by_pieces(item, sections)
    if not scored:
        return Skipped(item.index, "its passage was not found in this article")
    scored.sort(key=lambda entry: entry[0], reverse=True)
    if len(scored) > 1 and scored[0][0] - scored[1][0] < AMBIGUITY_MARGIN:
        return Skipped(
            item.index,
            "its passage appears alike in two sections "
            f"({scored[0][1]!r} and {scored[1][1]!r}): it was not guessed",
        )
    _, section_anchor, best = scored[0]
    return Placed(item, section_anchor, best.start, best.end)


PIECE_LENGTH = 16


def _scored_by_pieces(
    item: Incoming, sections: Sequence[tuple[str, str]]
) -> list[tuple[float, str, Anchored]]:
    """The fuzzy search in the sections that hold the most of the quote verbatim, and in the
    others only while one of them could still come near the best place found.

    Why: the fuzzy search costs milliseconds a section for a long quote, and an import may
    hold thousands. The quote is cut into disjoint pieces; a place ``k`` edits away from it
    leaves at least ``pieces - k`` pieces intact, so in a section holding ``m`` pieces every
    place needs ``pieces - m`` edits or more, which caps its score. Sections whose cap is a
    margin below the best found cannot win nor make it ambiguous, so skipping them changes
    no answer.
    """
    exact = item.exact
    # A list, not a set: a piece that occurs twice in the quote counts twice.
    pieces = [
        exact[i : i + PIECE_LENGTH] for i in range(0, len(exact) - PIECE_LENGTH + 1, PIECE_LENGTH)
    ]
    count = len(pieces)
    ranked = sorted(
        ((sum(piece in text for piece in pieces), anchor_, text) for anchor_, text in sections),
        key=lambda entry: -entry[0],
    )
    scored: list[tuple[float, str, Anchored]] = []
    for held, section_anchor, text in ranked:
        if scored:
            cap = _score_cap(len(exact), count - held)
            if max(entry[0] for entry in scored) - cap >= AMBIGUITY_MARGIN:
                break
        scored += _scored(item, [(section_anchor, text)])
    return scored


def _score_cap(quote_length: int, edits: int) -> float:
    """The highest score a place ``edits`` away from the quote can reach (context, position
    perfect)."""
    quote_part = 1.0 - max(0, edits) / quote_length
    rest = PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT
    return (QUOTE_WEIGHT * quote_part + rest) / TOTAL_WEIGHT


def _scored(
    item: Incoming, sections: Sequence[tuple[str, str]]
) -> list[tuple[float, str, Anchored]]:
    scored: list[tuple[float, str, Anchored]] = []
    for section_anchor, text in sections:
        result = anchor(text, _selectors(item, with_position=False))
        if isinstance(result, Anchored):
            scored.append((result.score, section_anchor, result))
    return scored


def place_all(
    items: Sequence[Incoming], sections: Sequence[tuple[str, str]]
) -> tuple[list[Placed], list[Skipped]]:
    placed: list[Placed] = []
    skipped: list[Skipped] = []
    for item in items:
        result = place(item, sections)
        (placed if isinstance(result, Placed) else skipped).append(result)
    return placed, skipped
