"""Word tokens with code point offsets, content words and a crude stemmer.

The stemmer only has to decide "is this answer word present in the evidence", so it errs on
the side of matching: plural and possessive endings go, and long words compare on a 6-letter
prefix ("industrial" ~ "industrialized", "antibody" ~ "antibodies").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from study.generation.lexicon import STOPWORDS

_TOKEN = re.compile(
    r"\d+(?:[.,:]\d+)*(?:\s?[–—-]\s?\d+(?:[.,]\d+)*)?(?:s\b|st\b|nd\b|rd\b|th\b)?"  # numbers
    r"|[^\W_](?:[^\W_]|['’](?=[^\W_])|[-–](?=[^\W_]))*"  # words, hyphenated, possessive
    r"|\S"  # any other single non-space character
)
_NUMBER = re.compile(r"\d")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    lower: str = ""  # filled by tokenize(); kept as a field because templates ask constantly

    def __post_init__(self) -> None:
        if not self.lower:
            object.__setattr__(self, "lower", self.text.lower())

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_number(self) -> bool:
        return bool(_NUMBER.search(self.text)) and self.text[0].isdigit()

    @property
    def is_capitalized(self) -> bool:
        return self.text[0].isupper()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    return [
        Token(m.group(), m.start() + offset, m.end() + offset, m.group().lower())
        for m in _TOKEN.finditer(text)
    ]


def words(text: str) -> list[str]:
    return list(_words(text))


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    return tuple(m.group() for m in _TOKEN.finditer(text) if m.group()[0].isalnum())


def word_count(text: str) -> int:
    return len(words(text))


@lru_cache(maxsize=16384)
def strip_possessive(word: str) -> str:
    for suffix in ("'s", "’s", "s'", "s’"):
        if word.lower().endswith(suffix):
            return word[: -len(suffix)] + ("s" if suffix.startswith("s") else "")
    return word


@lru_cache(maxsize=16384)
def is_content_word(word: str) -> bool:
    lower = strip_possessive(word).lower()
    if not lower or lower in STOPWORDS:
        return False
    if lower[0].isdigit():
        return False  # numbers are checked on their own, exactly
    return len(lower) > 1 or word.isupper()


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    lower = strip_possessive(word).lower().replace("’", "'")
    if len(lower) > 6:
        return lower[:6]
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-3] + "y"
    if lower.endswith("s") and not lower.endswith("ss") and len(lower) > 3:
        return lower[:-1]
    return lower


def content_stems(text: str) -> list[str]:
    return list(_content_stems(text))


@lru_cache(maxsize=4096)
def _content_stems(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in _words(text) if is_content_word(w))


def numbers_in(text: str) -> list[str]:
    """Every run of digits ("30–45 million" gives 30 and 45; "3,600" gives 3600)."""
    return [m.group().replace(",", "") for m in _DIGITS.finditer(text)]
