"""The reader's annotations as W3C Web Annotations (JSON-LD), https://www.w3.org/TR/annotation-model/.

Shape: an ``AnnotationCollection`` whose embedded first ``AnnotationPage`` holds every
annotation in reading order. Each annotation carries its own ``@context`` so it stands alone
when copied out of the collection.

- ``motivation``: ``highlighting`` for highlights and quotes, ``commenting`` for notes. A quote
  (a passage taken into the general notes) is a highlight with a ``tagging`` body ``"quote"``:
  only motivations from the model's list validate, and a tag is how other tools (Hypothesis)
  carry such a mark, so it survives a round trip through them.
- ``body``: the note as a ``TextualBody`` in ``text/markdown`` with purpose ``commenting``.
- ``target``: the article page as ``source``, with two equivalent selectors: a
  ``TextQuoteSelector`` (exact text with its context; it finds the passage anywhere on the page)
  and a ``FragmentSelector`` naming the section, refined by a ``TextPositionSelector`` (offsets in
  code points over that section's text, which is what Readmark's positions count over; a
  position over the whole page would be a different number). A colour other than the kind's own
  is a ``styleClass`` with the annotation's CSS ``stylesheet``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from anchoring import from_w3c
from exports.document import ExportDocument, Item

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
FRAGMENT_SPEC = "http://tools.ietf.org/rfc/rfc3986"
QUOTE_TAG = "quote"
COLOURS = {
    "yellow": "#fff3a0",
    "green": "#c8ecd5",
    "blue": "#cfe0fb",
    "pink": "#fbd0e4",
    "purple": "#e2d5f7",
}


def _timestamp(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def annotation_id(document: ExportDocument, item: Item) -> str:
    return f"{document.url}#annotation-{item.id}"


def _selectors(item: Item) -> list[dict[str, Any]]:
    keyed = from_w3c(item.selectors) if item.selectors else {}
    quote = dict(keyed.get("quote") or {})
    selectors: list[dict[str, Any]] = [
        {
            "type": "TextQuoteSelector",
            "exact": quote.get("exact") or item.quote,
            "prefix": quote.get("prefix", ""),
            "suffix": quote.get("suffix", ""),
        }
    ]
    position = keyed.get("position")
    if item.section_anchor:
        fragment: dict[str, Any] = {
            "type": "FragmentSelector",
            "conformsTo": FRAGMENT_SPEC,
            "value": item.section_anchor,
        }
        if position is not None and not item.orphaned:
            fragment["refinedBy"] = {
                "type": "TextPositionSelector",
                "start": int(position["start"]),
                "end": int(position["end"]),
            }
        selectors.append(fragment)
    return selectors


def annotation_jsonld(document: ExportDocument, item: Item) -> dict[str, Any]:
    bodies: list[dict[str, Any]] = []
    if item.note.strip():
        bodies.append(
            {
                "type": "TextualBody",
                "value": item.note,
                "format": "text/markdown",
                "purpose": "commenting",
            }
        )
    if item.kind == "quote":
        bodies.append({"type": "TextualBody", "value": QUOTE_TAG, "purpose": "tagging"})
    target: dict[str, Any] = {"source": document.url, "selector": _selectors(item)}
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "id": annotation_id(document, item),
        "type": "Annotation",
        "motivation": "commenting" if item.kind == "note" else "highlighting",
    }
    if bodies:
        out["body"] = bodies[0] if len(bodies) == 1 else bodies
    out["target"] = target
    if item.colour in COLOURS:
        target["styleClass"] = item.colour
        out["stylesheet"] = {
            "type": "CssStylesheet",
            "value": f".{item.colour} {{ background-color: {COLOURS[item.colour]}; }}",
        }
    for key, value in (("created", item.created), ("modified", item.modified)):
        if value is not None:
            out[key] = _timestamp(value)
    if document.owner:
        out["creator"] = {"type": "Person", "nickname": document.owner}
    return out


def collection_id(document: ExportDocument) -> str:
    return f"{document.url}export/annotations.jsonld"


def render_jsonld(document: ExportDocument) -> dict[str, Any]:
    """The collection as a JSON-serialisable dict (``json.dumps`` it with ensure_ascii off)."""
    items = [annotation_jsonld(document, item) for item in document.items()]
    collection = collection_id(document)
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "id": collection,
        "type": "AnnotationCollection",
        "label": f"Annotations on “{document.title}”",
        "total": len(items),
    }
    if document.exported is not None:
        out["created"] = _timestamp(document.exported)
    if items:  # an empty collection has no pages (model section 5.1)
        out["first"] = {
            "id": f"{collection}#page-1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        }
    return out
