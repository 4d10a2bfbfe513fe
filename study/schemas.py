"""Shapes of the flashcards API (documented in /api/v1/openapi.json). Outputs are plain pydantic
models: the views hand them dicts (see annotations.schemas)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from readmark.api_types import StrictIn

DeckStatus = Literal["ready", "queued", "running", "failed", "none"]


class EvidenceOut(BaseModel):
    exact: str
    start: int
    end: int
    prefix: str = ""
    suffix: str = ""


class CardOut(BaseModel):
    id: int
    question: str
    answer: str
    kind: Literal["basic", "cloze"]
    evidence: EvidenceOut | None = Field(
        None, description="The passage that supports the card (code point offsets)"
    )
    own: bool = Field(description="Written by this reader")
    edited: bool = Field(description="A generated card this reader changed")


class SectionOut(BaseModel):
    id: str
    title: str


class GenerationOut(BaseModel):
    id: int
    status: Literal["queued", "running", "done", "failed"]
    error: str = ""
    regenerate: bool = False
    created: datetime


class DeckOut(BaseModel):
    section: SectionOut
    status: DeckStatus = Field(
        description="ready: cards below; queued/running: poll GET; failed: see detail"
    )
    cards: list[CardOut]
    generator: str = Field("", description="Which generator made the set, e.g. local 1")
    generation: GenerationOut | None = Field(
        None, description="The newest generation of this text in flight, or this reader's last"
    )
    cooldown_seconds: int = Field(0, description="Seconds until this reader may generate anew")
    detail: str = ""
    retryable: bool = Field(
        True, description="False when asking again cannot help (the section has no facts)"
    )


class MessageOut(BaseModel):
    detail: str
    status: DeckStatus | None = None
    generation: GenerationOut | None = None
    retry_after: int | None = None
    cooldown_seconds: int | None = None


class CardIn(StrictIn):
    question: str = Field(max_length=2000)
    answer: str = Field("", max_length=2000)


class CardPatch(StrictIn):
    question: str | None = Field(None, max_length=2000)
    answer: str | None = Field(None, max_length=2000)
    reset: bool = Field(False, description="Back to the generated text (generated cards only)")

    @model_validator(mode="after")
    def _something(self):
        if not self.model_fields_set:
            raise ValueError("send question, answer or reset: an empty change changes nothing")
        return self
