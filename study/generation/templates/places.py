"""Places: "Where does photosynthesis take place?", "Where was Charles Darwin born?".

Only verbs that are about location (take place, occur, live, be born, be found ...) ask
"Where", so a prepositional phrase of manner or topic ("in French", "in detail") never
becomes a place.
"""

from __future__ import annotations

from study.generation.clauses import Clause
from study.generation.context import SectionContext
from study.generation.lexicon import BE, DETERMINERS, MONTHS, PREPOSITIONS, STOPWORDS, word_set
from study.generation.morphology import verb_form
from study.generation.quantities import dates
from study.generation.segment import Sentence
from study.generation.templates.common import draft, invert, question, render, trim
from study.generation.tokens import Token, is_content_word
from study.generation.types import CardDraft

_ACTIVE = word_set("occur happen live grow originate settle reside breed nest")
_PASSIVE = word_set("born found located situated stored buried held kept produced made")
_PLACE_PREPOSITIONS = word_set("in inside within at on near along across beneath")
_DROP_PREPOSITION = word_set("in at")


def drafts(context: SectionContext, sentence: Sentence, clause: Clause | None) -> list[CardDraft]:
    if clause is None or clause.main is None or clause.imperative:
        return []
    main = clause.tokens[clause.main]
    form = verb_form(main.lower)
    if form is None:
        return []
    rest = list(clause.tokens[clause.verb[1] : clause.end])
    passive = clause.aux is not None and clause.tokens[clause.aux].lower in BE
    if passive and main.lower in _PASSIVE:
        pass
    elif not passive and form.base == "take" and rest[:1] and rest[0].lower == "place":
        rest = rest[1:]  # "takes place inside chloroplasts"
    elif passive or form.base not in _ACTIVE:
        return []
    found = _place(rest)
    if found is None:
        return []
    start, end = found
    dated = {i for span in dates(rest) for i in range(span.start, span.end)}
    between = [t for i, t in enumerate(rest[:start]) if i not in dated]  # "born on 12 May"
    before = trim(between, 8) if between else []
    if before is None or len(before) < len(between):
        return []  # something between the verb and the place we would have to drop
    body = invert(context, sentence, clause, before)
    if body is None:
        return []
    if form.base == "take" and not passive:
        body = f"{body} place"
    subject_words = sum(is_content_word(t.text) for t in clause.subject_tokens())
    if subject_words == 0:
        return []
    text = question("Where", body)
    if text is None:
        return []
    preposition = rest[start].lower
    answer_tokens = rest[start + 1 : end] if preposition in _DROP_PREPOSITION else rest[start:end]
    return [draft(sentence, text, render(sentence, answer_tokens), "places.where", 0.9)]


def _place(rest: list[Token]) -> tuple[int, int] | None:
    """The first prepositional phrase that names a place, as a range in `rest`."""
    index = 0
    while index < len(rest):
        token = rest[index]
        if token.lower in _PLACE_PREPOSITIONS:
            phrase = _object(rest[index + 1 :])
            if phrase and not _is_time(phrase):
                return index, index + 1 + len(phrase)
            index += 1 + len(phrase)
            continue
        if token.text in {",", ";"}:
            return None  # the place must belong to this clause
        index += 1
    return None


def _object(tokens: list[Token]) -> list[Token]:
    """ "the cells of leaves" in "in the cells of leaves, ...": up to the next preposition."""
    out: list[Token] = []
    for token in tokens:
        if not token.is_word or (token.lower in PREPOSITIONS and token.lower != "of"):
            break
        if token.lower in STOPWORDS - DETERMINERS - {"of"}:
            break
        out.append(token)
        if len(out) > 6:
            return []
    while out and out[-1].lower in STOPWORDS:
        out.pop()
    return out


def _is_time(phrase: list[Token]) -> bool:
    return any(t.is_number or t.lower in MONTHS for t in phrase) or phrase[-1].lower in {
        "century",
        "centuries",
        "age",
        "period",
        "time",
        "years",
        "morning",
        "night",
        "day",
    }
