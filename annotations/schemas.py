"""API schemas. Inputs forbid unknown fields: a typo such as ``"bdy"`` is an error, not a
silently dropped note. Outputs are plain pydantic models: the views hand them dicts, which need
none of what ninja's Schema adds for reading attributes off Django models."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from readmark.api_types import INT_MAX, Count, StrictIn

KindName = Literal["highlight", "note", "quote"]
ColourName = Literal["", "yellow", "green", "blue", "pink", "purple"]
StateName = Literal["anchored", "orphaned"]


Strict = StrictIn  # unknown fields refused, no type coerced (see readmark/api_types.py)


class TextQuoteSelector(Strict):
    type: Literal["TextQuoteSelector"]
    exact: str = Field(min_length=1, description="The selected words (not only spaces)")
    prefix: str = ""
    suffix: str = ""

    @field_validator("exact")
    @classmethod
    def _not_blank(cls, exact: str) -> str:
        if not exact.strip():
            raise ValueError("the selection is empty or only spaces: select some words")
        return exact


class TextPositionSelector(Strict):
    type: Literal["TextPositionSelector"]
    start: Count = Field(description="Unicode code points from the section's start")
    end: int = Field(ge=1, le=INT_MAX)


Selector = Annotated[TextQuoteSelector | TextPositionSelector, Field(discriminator="type")]


def _one_of_each(selectors: list[Any] | None) -> None:
    if selectors is None:
        return
    types = sorted(s.type for s in selectors)
    if types != ["TextPositionSelector", "TextQuoteSelector"]:
        raise ValueError("selectors must hold one TextQuoteSelector and one TextPositionSelector")


class AnnotationIn(Strict):
    article: str = Field(description="The article's slug")
    section: str = Field(description="The section's anchor id")
    kind: KindName
    colour: ColourName = ""
    selectors: list[Selector] = Field(min_length=2, max_length=2)
    body: str = Field("", description="Markdown, at most 20,000 characters")
    client_id: str = Field("", max_length=64)

    @model_validator(mode="after")
    def _selectors(self):
        _one_of_each(self.selectors)
        return self


class AnnotationPatch(Strict):
    kind: KindName | None = None
    colour: ColourName | None = None
    body: str | None = None
    section: str | None = Field(None, description="With selectors: re-attach elsewhere")
    selectors: list[Selector] | None = Field(None, min_length=2, max_length=2)

    @model_validator(mode="after")
    def _selectors(self):
        _one_of_each(self.selectors)
        return self


class AnnotationOut(BaseModel):
    id: int
    article: str
    section: str
    revision: int
    kind: KindName
    colour: ColourName
    selectors: list[dict[str, Any]]
    quote: str
    start: int
    end: int
    body: str
    body_html: str
    state: StateName
    orphan_reason: str
    version: int
    client_id: str
    created: str
    modified: str
    url: str


class AnnotationPage(BaseModel):
    count: int
    limit: int
    offset: int
    items: list[AnnotationOut]


class NotebookIn(Strict):
    body: str = Field(description="Markdown, at most 200,000 characters")


class NotebookOut(BaseModel):
    article: str
    body: str
    body_html: str
    version: int
    modified: str | None


class ErrorOut(BaseModel):
    detail: str


class ConflictOut(BaseModel):
    detail: str
    current: NotebookOut | None = None
    version: int | None = None
