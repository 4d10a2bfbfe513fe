"""Saved annotations, general notes and flashcards for the sample article, made through the
real services (as the browser's API calls make them)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from anchoring import describe, to_w3c
from annotations.models import Annotation
from annotations.services import annotation_create, notebook_save
from reader.models import Article, Section


@dataclass
class Saved:
    sections: list[Section]
    annotations: list[Annotation]
    phrases: list[str]  # the passages, in reading order
    notes: list[str]
    general: str


def sections_of(article: Article) -> list[Section]:
    return list(Section.objects.filter(revision_id=article.current_revision_id).order_by("order"))


def first_words(text: str, count: int = 6, skip: int = 0) -> str:
    words = re.findall(r"\S+", text)[skip : skip + count]
    phrase = " ".join(words)
    assert phrase in text, "the sample text must keep single spaces between these words"
    return phrase


def annotate(owner, article: Article) -> Saved:
    sections = sections_of(article)
    plan = [
        (sections[0], "highlight", ""),
        (sections[0], "note", "First *note* with a [link](https://example.org/n1)."),
        (sections[1], "quote", ""),
        (sections[2], "note", "Third note — “curly” and 中文."),
    ]
    annotations, phrases, notes = [], [], []
    for index, (section, kind, body) in enumerate(plan):
        phrase = first_words(section.text, skip=index * 8)
        start = section.text.index(phrase)
        annotations.append(
            annotation_create(
                owner=owner,
                article=article,
                section_anchor=section.anchor,
                kind=kind,
                selectors=to_w3c(describe(section.text, start, start + len(phrase))),
                body=body,
            )
        )
        phrases.append(phrase)
        notes.append(body)
    general = "General line one.\n\nGeneral line two."
    notebook_save(owner=owner, article=article, body=general, expected_version=0)
    return Saved(sections, annotations, phrases, notes, general)
