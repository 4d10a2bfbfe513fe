"""Flashcard generation: pure Python, no Django.

    from study.generation import GenerationOptions, generate
    cards = generate(section_text, GenerationOptions())            # offline, deterministic
    cards = generate(section_text, GenerationOptions(generator="openai", base_url=...,
                                                     model=..., api_key=...))

Every generator's output passes `gate.check` (grounded, well formed, not trivial: pass the
article's and section's `titles` in the options); `get_generator(name)` gives the generator whose
`id` and `version` belong in the card-set cache key. `GenerationOptions(shown=...)` leaves out
cards a reader already has (Regenerate), and `facts.assess(text)` says whether a section has
enough facts to offer Generate at all.
"""

from __future__ import annotations

from study.generation.gate import GateResult, Rejection, check
from study.generation.registry import GENERATORS, generate, get_generator
from study.generation.types import (
    Card,
    CardDraft,
    CardKind,
    Evidence,
    GenerationError,
    GenerationOptions,
    Generator,
    Shown,
)

__all__ = [
    "GENERATORS",
    "Card",
    "CardDraft",
    "CardKind",
    "Evidence",
    "GateResult",
    "GenerationError",
    "GenerationOptions",
    "Generator",
    "Rejection",
    "Shown",
    "check",
    "generate",
    "get_generator",
]
