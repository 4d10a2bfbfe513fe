"""Change and sequence: "How did grain output change between 1958 and 1960?" from "output
dropped from about 200 million tonnes in 1958 to roughly 144 million tonnes in 1960", and
"What happened after ...?" is left to the cause and date templates.

Only a change verb followed by "from X to Y" asks: the answer then carries the direction and
both ends ("dropped from about 200 million tonnes to roughly 144 million tonnes"), and the years
move into the question so it names what it asks about.
"""

from __future__ import annotations

from study.generation.clauses import Clause
from study.generation.context import SectionContext
from study.generation.lexicon import STOPWORDS, word_set
from study.generation.morphology import verb_form
from study.generation.quantities import dates
from study.generation.segment import Sentence
from study.generation.templates.common import draft, question, render
from study.generation.tokens import Token, is_content_word
from study.generation.types import CardDraft

_CHANGE = word_set(
    "rise fall drop increase decrease grow decline climb shrink jump plunge slump soar "
    "double triple halve go swell dwindle change shift expand contract"
)
_MAX_ANSWER_WORDS = 14


def drafts(context: SectionContext, sentence: Sentence, clause: Clause | None) -> list[CardDraft]:
    tokens = sentence.tokens
    for index, token in enumerate(tokens):
        form = verb_form(token.lower)
        if form is None or form.base not in _CHANGE or "past" not in form.kinds:
            continue
        if index + 1 >= len(tokens) or tokens[index + 1].lower != "from":
            continue
        found = _change(context, sentence, index)
        return [found] if found is not None else []
    return []


def _change(context: SectionContext, sentence: Sentence, verb: int) -> CardDraft | None:
    tokens = sentence.tokens
    first = verb
    while first > 0 and tokens[first - 1].text not in {",", ";", ":"}:
        first -= 1
    subject = list(tokens[first:verb])
    lead = [t for t in tokens[:first] if t.text != ","]
    if not 1 <= len(subject) <= 6 or not any(is_content_word(t.text) for t in subject):
        return None
    if subject[0].lower in _PRONOUNS or any(t.is_number for t in subject):
        return None
    rest = list(tokens[verb + 1 :])
    lowered = [t.lower for t in rest]
    if "to" not in lowered[1:]:
        return None
    target = lowered.index("to", 1)
    stop = next(
        (i for i in range(target + 1, len(rest)) if rest[i].text in {",", ";", ".", "("}),
        len(rest),
    )
    when = dates(rest[:stop])
    years = [render(sentence, rest[d.answer_range()[0] : d.answer_range()[1]]) for d in when]
    dated = {i for d in when for i in range(d.start, d.end)}
    ends = [t for i, t in enumerate(rest[:stop]) if i not in dated]
    if not any(t.is_number for t in ends) or sum(t.is_word for t in ends) > _MAX_ANSWER_WORDS:
        return None
    named = render(sentence, subject)
    if subject[0].start == sentence.start:
        following = subject[1].text if len(subject) > 1 else ""
        named = context.casing(subject[0].text, following) + named[len(subject[0].text) :]
    if len(years) == 2:
        body = f"did {named} change between {years[0]} and {years[1]}"
    elif not years and (when_lead := _lead_date(lead)):
        body = f"did {named} change {when_lead}"
    else:
        return None
    text = question("How", body)
    if text is None:
        return None
    answer = f"{tokens[verb].text} {render(sentence, ends)}"
    return draft(sentence, text, answer, "change.between", 0.95)


_PRONOUNS = word_set("it its they them their he him his she her this these those")


def _lead_date(lead: list[Token]) -> str:
    """ "After 1958, output fell from ... to ...": the fronted time phrase, lower-cased."""
    if (
        not lead
        or not any(t.is_number for t in lead)
        or lead[0].lower
        in STOPWORDS
        - {
            "after",
            "before",
            "between",
            "by",
            "in",
            "from",
            "during",
        }
    ):
        return ""
    return " ".join([lead[0].lower, *(t.text for t in lead[1:])])
