"""Rank overgenerated drafts and pick a varied handful.

Score = template prior (how often that template reads well) x sentence salience (keyphrase
weight) x answer shape (short, atomic answers first) x a slight preference for early sentences
(sections usually state their point first). Selection then spreads cards over sentences and
keeps cloze cards to at most half, so one long sentence cannot take over a section.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from study.generation import cloze
from study.generation.context import SectionContext
from study.generation.tokens import content_stems, stem, word_count, words
from study.generation.types import Card, CardDraft

WORDS_PER_CARD = 40
MAX_CLOZE_SHARE = 0.5


def target_count(word_total: int, minimum: int, maximum: int) -> int:
    return max(minimum, min(maximum, round(word_total / WORDS_PER_CARD)))


def score(context: SectionContext, drafts: Sequence[CardDraft]) -> list[CardDraft]:
    """Drafts with final scores, best first (ties broken by position, then text)."""
    salience = _salience(context)
    top_stems = _top_stems(context)
    scored = []
    for item in drafts:
        sentence = _sentence_at(context, item.start or 0)
        value = item.score * (0.55 + 0.45 * salience.get(sentence, 0.0))
        value *= _answer_shape(item, top_stems)
        value *= 1.0 + 0.08 / (1.0 + sentence)
        scored.append(replace(item, score=round(value, 6)))
    scored.sort(key=lambda d: (-d.score, d.start or 0, d.question))
    return scored


def select(cards: Sequence[Card], count: int) -> list[Card]:
    """Greedy: best first, one card per evidence span, cloze at most half; then relax."""
    chosen: list[Card] = []
    cloze_cap = max(1, math.ceil(count * MAX_CLOZE_SHARE))
    for strict in (True, False):
        for card in cards:
            if len(chosen) >= count:
                break
            if card in chosen:
                continue
            if strict:
                if any(_overlaps(card, other) for other in chosen):
                    continue
                if card.kind == "cloze" and sum(c.kind == "cloze" for c in chosen) >= cloze_cap:
                    continue
            chosen.append(card)
    chosen.sort(key=lambda c: (c.evidence.start, c.evidence.end, c.question))
    return chosen


def _overlaps(card: Card, other: Card) -> bool:
    return card.evidence.start < other.evidence.end and other.evidence.start < card.evidence.end


def _salience(context: SectionContext) -> dict[int, float]:
    best = context.phrases.best_score() or 1.0
    result: dict[int, float] = {}
    for sentence in context.sentences:
        scores = sorted(
            (p.score for p in context.phrases.in_sentence(sentence.index)), reverse=True
        )
        if scores:
            result[sentence.index] = min(1.0, sum(scores[:3]) / (3 * best) * 1.5)
    return result


def _top_stems(context: SectionContext) -> set[str]:
    weights = sorted(context.phrases.word_weight.items(), key=lambda kv: (-kv[1], kv[0]))
    return {key for key, _ in weights[:12]}


def _answer_shape(item: CardDraft, top_stems: set[str]) -> float:
    answer_words = word_count(item.answer)
    factor = 1.0 if answer_words <= 6 else 0.9 if answer_words <= 10 else 0.75
    if set(content_stems(item.answer)) & top_stems:
        factor *= 1.12
    question = cloze.filled(item.question) if item.kind == "cloze" else item.question
    question_words = word_count(question)
    if item.kind == "basic" and not 5 <= question_words <= 18:
        factor *= 0.88
    if item.kind == "cloze" and question_words > 35:
        factor *= 0.85
    if any(stem(w) in top_stems for w in words(question)):
        factor *= 1.03
    return factor


def _sentence_at(context: SectionContext, offset: int) -> int:
    for sentence in context.sentences:
        if sentence.start <= offset < sentence.end:
            return sentence.index
    return 0
