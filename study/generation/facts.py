"""Does a section state enough facts to make flashcards from?

The reader asks before it offers a Generate button, and the API before it starts a generation
(and a cooldown): a reading list, a list of links or a two-line section would only ever end in
"too few facts", and a Try again that cannot succeed. The answer is the offline generator's own:
a section has facts when at least one card passes the gate, so the button and the generator
never disagree. Cached per text, because a page asks for every section on each view.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from study.generation import context as section_context
from study.generation.local import LocalGenerator
from study.generation.types import GenerationOptions

MIN_WORDS = 12
_URL = re.compile(r"https?://\S+|www\.\S+")

TOO_SHORT = "This section is too short to make flashcards from."
SOURCES = "This section lists sources and links; it states no facts to make flashcards from."
NO_FACTS = "This section states too few facts to make flashcards from."


@dataclass(frozen=True, slots=True)
class Readiness:
    """`enough` is True when flashcards can be made; otherwise `reason` says why not."""

    enough: bool
    reason: str = ""


def assess(section_text: str, *, titles: tuple[str, ...] = ()) -> Readiness:
    return _assess(section_text, titles)


@lru_cache(maxsize=512)
def _assess(section_text: str, titles: tuple[str, ...]) -> Readiness:
    if _mostly_links(section_text):
        return Readiness(False, SOURCES)
    if len(_URL.sub(" ", section_text).split()) < MIN_WORDS:
        return Readiness(False, TOO_SHORT)
    context = section_context.build(section_text)
    lines = {sentence.line for sentence in context.sentences}
    if lines and lines <= context.citations:
        return Readiness(False, SOURCES)
    if not LocalGenerator().kept(section_text, GenerationOptions(titles=titles)):
        return Readiness(False, NO_FACTS)
    return Readiness(True)


def _mostly_links(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    linked = [line for line in lines if _URL.search(line)]
    return bool(lines) and len(linked) * 2 >= len(lines)
