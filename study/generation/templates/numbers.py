"""Dates and numbers: "When did ...?", "How many ...?", "How much ...?", "How long ...?"."""

from __future__ import annotations

from study.generation.clauses import Clause
from study.generation.context import SectionContext
from study.generation.lexicon import BE, PREPOSITIONS, word_set
from study.generation.morphology import verb_form
from study.generation.quantities import NUMBER_WORDS, DateSpan, Quantity, dates, quantities
from study.generation.segment import Sentence
from study.generation.templates.common import draft, invert, question, render, trim
from study.generation.tokens import is_content_word
from study.generation.types import CardDraft

_TIME_WORDS = word_set("after before later earlier ago until since during when then")
_MONEY_VERBS = word_set("cost pay spend earn raise borrow lend owe receive charge")
_DURATION_VERBS = frozenset({"last", "take"})
_TIME_UNITS = word_set(
    "seconds minutes hours days weeks months years decades centuries generations"
)


def drafts(context: SectionContext, sentence: Sentence, clause: Clause | None) -> list[CardDraft]:
    if clause is None:
        return []
    out: list[CardDraft] = []
    found = dates(sentence.tokens)
    if len(found) == 1:
        out += _when(context, sentence, clause, found[0])
    date_tokens = {i for d in found for i in range(d.start, d.end)}
    for quantity in quantities(sentence.tokens, date_tokens):
        out += _how_many(context, sentence, clause, quantity)
    return out


def _when(
    context: SectionContext, sentence: Sentence, clause: Clause, date: DateSpan
) -> list[CardDraft]:
    if date.start >= clause.subject[0] and date.end <= clause.subject[1]:
        return []  # "The 1958 campaign": the date names the subject
    if clause.verb[0] <= date.start < clause.verb[1]:
        return []
    in_lead = date.end <= clause.start
    if in_lead and clause.start - date.end > 1:
        return []  # "In 1958, after the harvest failed, ...": lead says more than the date
    rest_tokens = list(clause.tokens[clause.verb[1] : clause.end])
    if not in_lead:
        kept = trim(rest_tokens, 30) or []
        kept_starts = {t.start for t in kept}
        date_starts = {t.start for t in clause.tokens[date.start : date.end]}
        if not date_starts <= kept_starts:
            return []  # the date belongs to a later clause
        rest_tokens = [t for t in rest_tokens if t.start not in date_starts]
    rest = trim(rest_tokens, 10) if rest_tokens else []
    if rest is None:
        return []
    if clause.copula and not rest:
        return []
    if any(t.lower in _TIME_WORDS for t in trim(rest_tokens, 30) or []):
        return []  # "... less than a year after ...": a second time would compete with the answer
    told = [*clause.subject_tokens(), *clause.tokens[clause.verb[0] : clause.verb[1]], *rest]
    if sum(is_content_word(t.text) for t in told) < 3:
        return []  # "When did interest return?": too vague to have one answer
    extra: list = []
    if in_lead:
        extra = _lead_remainder(clause, date)
        if extra is None:
            return []
    body = invert(context, sentence, clause, rest)
    if body is None:
        return []
    if extra:
        # "In Germany in 1923, prices ..." keeps "in Germany"
        body = f"{body} {extra[0].lower} {render(sentence, extra[1:])}"
    text = question("When", body)
    if text is None:
        return []
    first, last = date.answer_range()
    answer = render(sentence, clause.tokens[first:last])
    return [draft(sentence, text, answer, "numbers.when", 0.8)]


def _lead_remainder(clause: Clause, date: DateSpan) -> list | None:
    remainder = [
        t
        for i, t in enumerate(clause.tokens[: clause.start])
        if not date.start <= i < date.end and t.text not in {",", ":"}
    ]
    if not remainder:
        return []
    if remainder[0].lower not in PREPOSITIONS or len(remainder) > 5:
        return None
    names = [t for t in remainder[1:] if t.lower != "the"]
    if not names or not all(t.is_word and t.is_capitalized for t in names):
        return None  # only a place ("in Germany") travels with the question
    return remainder


def _how_many(
    context: SectionContext, sentence: Sentence, clause: Clause, quantity: Quantity
) -> list[CardDraft]:
    tokens = clause.tokens
    answer = render(sentence, tokens[quantity.start : quantity.end])
    counted = render(sentence, tokens[quantity.noun_start : quantity.noun_end])
    subject_start, subject_end = clause.subject
    if quantity.start == subject_start and quantity.noun_end == subject_end and counted:
        # "About 30 million people died in the famine" -> "How many people died ...?"
        rest = trim(tokens[clause.verb[1] : clause.end], 12)
        if rest is None and clause.verb[1] < clause.end:
            return []
        group = render(sentence, tokens[clause.verb[0] : clause.verb[1]])
        text = question(f"How many {counted}", f"{group} {render(sentence, rest or [])}")
        return [draft(sentence, text, answer, "numbers.how_many", 0.8)] if text else []
    if quantity.start != clause.verb[1] or clause.main is None:
        return []
    main = tokens[clause.main].lower
    base = verb_form(main).base if verb_form(main) else main  # type: ignore[union-attr]
    after = quantity.noun_end
    listed = after < clause.end and (
        tokens[after].text == ","
        or (
            tokens[after].lower in {"and", "or"}
            and after + 1 < clause.end
            and (tokens[after + 1].is_number or tokens[after + 1].lower in NUMBER_WORDS)
        )
    )
    if listed:
        return []  # "combine 500 g of flour, 10 g of salt and ...": one item of a list
    rest = trim(tokens[after : clause.end], 10) if after < clause.end else []
    if rest is None:
        return []
    body = invert(context, sentence, clause, rest)
    if body is None:
        return []
    if quantity.money and base in _MONEY_VERBS:
        text = question("How much", body)
        return [draft(sentence, text, answer, "numbers.how_much", 0.8)] if text else []
    if base in _DURATION_VERBS and counted.lower() in _TIME_UNITS:
        text = question("How long", body)
        duration = f"{answer} {counted}"
        return [draft(sentence, text, duration, "numbers.how_long", 0.8)] if text else []
    if counted and not quantity.money and main not in BE:
        text = question(f"How many {counted}", body)
        return [draft(sentence, text, answer, "numbers.how_many", 0.8)] if text else []
    return []
