"""Rank overgenerated drafts and pick a varied handful.

Score = template prior (how often that template reads well) x sentence salience (keyphrase
weight) x answer shape (short, atomic answers first) x a slight preference for early sentences
(sections usually state their point first). Selection then spreads cards over sentences and
keeps cloze cards to at most half, so one long sentence cannot take over a section.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace

from study.generation import cloze, learned
from study.generation.context import SectionContext
from study.generation.lexicon import STOPWORDS
from study.generation.tokens import content_stems, stem, word_count, words
from study.generation.types import Card, CardDraft

WORDS_PER_CARD = 25
MAX_CLOZE_SHARE = 0.75
MAX_TYPE_SHARE = 0.34
BASIC_BONUS = 1.25
PER_SPAN = 2  # a long sentence may hold two facts worth a card each, not more


def target_count(word_total: int, minimum: int, maximum: int) -> int:
    return max(minimum, min(maximum, round(word_total / WORDS_PER_CARD)))


def score(context: SectionContext, drafts: Sequence[CardDraft]) -> list[CardDraft]:
    """Drafts with final scores, best first (ties broken by position, then text).

    The hand-set score (template prior, salience, answer shape) is one feature of the learned
    ranker (`learned.py`), whose probability that a reader would ask this is the final score.
    """
    scored = [
        replace(item, score=round(learned.probability(vector), 6))
        for item, vector in featurized(context, drafts)
    ]
    # When a question and a cloze card test the same fact the gate keeps the first: ask the
    # question (who, when, why, how did ... change) and blank a sentence only otherwise.
    best: dict[str, float] = {}
    for item in scored:
        key = _answer_key(item.answer)
        best[key] = max(best.get(key, 0.0), item.score)
    scored.sort(
        key=lambda d: (
            -best[_answer_key(d.answer)],
            d.kind != "basic",
            -d.score,
            d.start or 0,
            d.question,
        )
    )
    return scored


def _answer_key(answer: str) -> str:
    return " ".join(stem(w) for w in words(answer.casefold()) if w not in STOPWORDS)


def featurized(
    context: SectionContext, drafts: Sequence[CardDraft]
) -> list[tuple[CardDraft, list[float]]]:
    """Each draft with its hand-set score and its feature vector (training reads these)."""
    salience = _salience(context)
    top_stems = _top_stems(context)
    counts: dict[str, int] = {}
    for sentence in context.sentences:
        for token in sentence.tokens:
            if token.is_word:
                key = stem(token.lower)
                counts[key] = counts.get(key, 0) + 1
    total = max(1, len(context.sentences) - 1)
    rivals: dict[int, int] = {}
    for item in drafts:
        index = _sentence_at(context, item.start or 0)
        rivals[index] = rivals.get(index, 0) + 1
    out = []
    for item in drafts:
        sentence = _sentence_at(context, item.start or 0)
        value = item.score * (0.55 + 0.45 * salience.get(sentence, 0.0))
        value *= _answer_shape(item, top_stems)
        value *= 1.0 + 0.08 / (1.0 + sentence)
        text = context.sentences[sentence].text if context.sentences else ""
        opening = " ".join(words(text)[:4])
        vector = learned.features(
            prior=value,
            kind=item.kind,
            origin=item.origin,
            answer=item.answer,
            question=cloze.filled(item.question) if item.kind == "cloze" else item.question,
            section_counts=counts,
            sentence_share=sentence / total,
            salience=salience.get(sentence, 0.0),
            at_start=bool(item.answer) and opening.startswith(" ".join(words(item.answer)[:1])),
            position=_answer_position(item),
            sentence_words=len(words(text)),
            in_list=bool(context.sentences) and context.sentences[sentence].in_list,
            rivals=rivals.get(sentence, 0) - 1,
        )
        out.append((replace(item, score=round(value, 6)), vector))
    return out


def select(cards: Sequence[Card], count: int) -> list[Card]:
    """Greedy: best first, one card per evidence span, then two, cloze at most half; then
    relax. People ask about every sentence that states a fact, so spread before deepening.

    The result stays best first: callers put it in reading order when they show it."""
    chosen: list[Card] = []
    cloze_cap = max(1, math.ceil(count * MAX_CLOZE_SHARE))
    type_cap = max(1, math.ceil(count * MAX_TYPE_SHARE))
    for per_span in (*range(1, PER_SPAN + 1), None):
        for card in cards:
            if len(chosen) >= count:
                break
            if card in chosen or any(_same_answer(card, other) for other in chosen):
                continue
            if sum(_overlaps(card, other) for other in chosen) >= PER_SPAN:
                continue  # never more than two cards on one sentence: fewer cards instead
            if per_span is not None:
                if sum(_overlaps(card, other) for other in chosen) >= per_span:
                    continue
                if any(_same_answer(card, other) for other in chosen):
                    continue
                if card.kind == "cloze" and sum(c.kind == "cloze" for c in chosen) >= cloze_cap:
                    continue
                kind = _answer_type(card.answer)
                if kind and sum(_answer_type(c.answer) == kind for c in chosen) >= type_cap:
                    continue  # a set of dates only tests one thing: vary what is asked
            chosen.append(card)
    return chosen


def reading_order(cards: Sequence[Card]) -> list[Card]:
    return sorted(cards, key=lambda c: (c.evidence.start, c.evidence.end, c.question))


_DATE = re.compile(
    r"\b(?:1[0-9]|20)\d\d\b|\b(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december)\b",
    re.IGNORECASE,
)


def _answer_type(answer: str) -> str:
    if _DATE.search(answer):
        return "date"
    if any(c.isdigit() for c in answer):
        return "number"
    return ""


def _answer_position(item: CardDraft) -> float:
    """Where in the quoted evidence the answer sits, 0 (first word) to 1 (last)."""
    if item.kind == "cloze":
        found = item.question.find("{{c")
        length = len(cloze.filled(item.question))
    else:
        found = item.quote.find(item.answer)
        length = len(item.quote)
    return max(0, found) / length if length else 0.0


def _same_answer(card: Card, other: Card) -> bool:
    """ "1958 and 1961" and "Between 1958 and 1961" ask for the same fact."""
    mine, theirs = _fact(card.answer), _fact(other.answer)
    return bool(mine) and bool(theirs) and (mine <= theirs or theirs <= mine)


def _fact(answer: str) -> set[str]:
    return set(content_stems(answer)) | {w for w in words(answer) if w[:1].isdigit()}


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
