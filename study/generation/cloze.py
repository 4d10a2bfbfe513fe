"""Anki-style cloze markup: `{{c1::deleted text}}` or `{{c1::deleted text::hint}}`."""

from __future__ import annotations

import re
from dataclasses import dataclass

_DELETION = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Deletion:
    number: int
    text: str
    hint: str | None


def deletions(cloze: str) -> list[Deletion]:
    return [Deletion(int(m.group(1)), m.group(2), m.group(3)) for m in _DELETION.finditer(cloze)]


def is_valid(cloze: str) -> bool:
    """At least one deletion, numbered from c1, none empty or nested, no stray braces."""
    found = deletions(cloze)
    if not found or min(d.number for d in found) != 1:
        return False
    if any(not d.text.strip() or "{" in d.text or "}" in d.text for d in found):
        return False
    rest = _DELETION.sub("", cloze)
    return "{{" not in rest and "}}" not in rest and "::" not in rest


def filled(cloze: str) -> str:
    """The sentence as the learner reads it after answering."""
    return _DELETION.sub(lambda m: m.group(2), cloze)


def masked(cloze: str, mask: str = "") -> str:
    """The visible part of the front (deletions replaced by `mask`)."""
    return _DELETION.sub(mask, cloze)


def make(sentence: str, start: int, end: int) -> str:
    """Delete `sentence[start:end]` (offsets relative to the sentence)."""
    return f"{sentence[:start]}{{{{c1::{sentence[start:end]}}}}}{sentence[end:]}"
