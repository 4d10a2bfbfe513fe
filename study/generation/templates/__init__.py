"""Question templates of the offline generator, one module per kind of fact."""

from __future__ import annotations

from study.generation.clauses import parse
from study.generation.context import SectionContext
from study.generation.segment import Sentence
from study.generation.templates import (
    causes,
    change,
    cloze_cards,
    definitions,
    findings,
    numbers,
    people,
    places,
)
from study.generation.types import CardDraft

_CLAUSE_FAMILIES = (definitions, people, numbers, places, causes, change, findings)


def drafts_for(context: SectionContext, sentence: Sentence) -> list[CardDraft]:
    """Every draft the templates can make from one sentence (overgeneration: the ranker and
    the gate choose)."""
    if not sentence.is_statement or sentence.is_lead_in or sentence.line in context.citations:
        return []
    clause = parse(sentence.tokens)
    out: list[CardDraft] = []
    for family in _CLAUSE_FAMILIES:
        out += family.drafts(context, sentence, clause)
    out += cloze_cards.drafts(context, sentence)
    return out
