"""The data that crosses the generation boundary: cards, options, errors.

Pure Python on purpose: the Django layer stores these, the tests and the benchmark build them
directly, and nothing here may import Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

CardKind = Literal["basic", "cloze"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """A verbatim span of the section: `section_text[start:end] == exact` (code points)."""

    start: int
    end: int
    exact: str


@dataclass(frozen=True, slots=True)
class Card:
    """A card that passed the gate.

    For `basic` cards `question` ends with "?". For `cloze` cards `question` is the text with
    `{{c1::...}}` deletions and `answer` is the deleted text (deletions joined by "; ").
    """

    question: str
    answer: str
    kind: CardKind
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class CardDraft:
    """A card before the gate: the evidence is only a quote, optionally with a position hint.

    Generators produce drafts; only `gate.check` turns them into `Card`s, so no generator can
    emit a card whose evidence was not found in the section.
    """

    question: str
    answer: str
    kind: str
    quote: str
    start: int | None = None
    origin: str = ""  # which template or provider produced it: for the benchmark and debugging
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class Shown:
    """A card the reader already has: its question (or cloze text) and its answer."""

    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class GenerationOptions:
    """How to generate. Everything has a default so `GenerationOptions()` means "offline"."""

    generator: str = "local"
    max_cards: int = 8
    min_cards: int = 3
    # OpenAI-compatible provider (only the `openai` generator reads these).
    base_url: str | None = None
    model: str | None = None
    api_key: str | None = field(default=None, repr=False)
    temperature: float = 0.2
    connect_timeout: float = 5.0
    read_timeout: float = 60.0
    total_timeout: float = 90.0
    max_retry_after: float = 10.0
    # The article's and the section's titles: the gate rejects cards that merely name them.
    titles: tuple[str, ...] = ()
    # Cards the reader has already been shown (Regenerate): a new set leaves them out.
    shown: tuple[Shown, ...] = ()


class GenerationError(Exception):
    """Generation failed; `user_message` is safe and meant to be shown to the person asking."""

    def __init__(self, user_message: str, *, detail: str = "") -> None:
        super().__init__(user_message if not detail else f"{user_message} ({detail})")
        self.user_message = user_message
        self.detail = detail


class Generator(Protocol):
    """A card generator; `id` and `version` together form part of the card-set cache key."""

    id: str
    version: str

    def generate(self, section_text: str, options: GenerationOptions) -> list[Card]: ...
