"""References from the general notes to quoted passages (pure: no Django).

Auto-Quote writes a quote into the notes as a blockquote ending in ``[^q12]``: footnote syntax,
short enough to read in the notes box (static/js/annotations/quote-markdown.js). Notes written
earlier end the quote with a link, ``[↩](#annotation-12)``; both are understood here. Each place
the notes are shown turns the reference into what suits it: a link back to the passage in the
reader's preview, a footnote in the Markdown export, the section's name in the PDF. Nobody sees
the raw ``#annotation-12``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

QUOTE_REF = re.compile(r"\[\^q(?P<id>\d+)\]|\[↩\]\(#annotation-(?P<legacy>\d+)\)")
PREVIEW_LINK_TEXT = "↩ passage"


def _ref_id(match: re.Match[str]) -> str:
    return match.group("id") or match.group("legacy")


def referenced_ids(markdown: str) -> list[str]:
    """The annotation ids the notes refer to, in order of first mention."""
    seen: dict[str, None] = {}
    for match in QUOTE_REF.finditer(markdown):
        seen.setdefault(_ref_id(match), None)
    return list(seen)


def replace_refs(markdown: str, replacement: Callable[[str], str]) -> str:
    """``markdown`` with each reference replaced by ``replacement(annotation id)``."""
    return QUOTE_REF.sub(lambda match: replacement(_ref_id(match)), markdown)


def refs_as_links(markdown: str) -> str:
    """Each reference as a Markdown link back to its passage on the reader page."""
    return replace_refs(markdown, lambda pk: f"[{PREVIEW_LINK_TEXT}](#annotation-{pk})")


def refs_as_footnotes(markdown: str) -> str:
    """Each reference in the short footnote form, ``[^q12]`` (older link forms rewritten)."""
    return replace_refs(markdown, lambda pk: f"[^q{pk}]")


def strip_trailing_space_before(markdown: str) -> str:
    """Tidy the space a removed reference leaves at the end of a line."""
    return re.sub(r"[ \t]+$", "", markdown, flags=re.M)
