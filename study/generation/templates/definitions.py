"""Definitions: "X is a Y", "X, a Y, ...", "X is called Y", "X means Y", "Term: explanation"."""

from __future__ import annotations

from study.generation import cloze
from study.generation.clauses import Clause
from study.generation.context import SectionContext
from study.generation.lexicon import (
    BE,
    DETERMINERS,
    QUANTIFIERS,
    ROLE_NOUNS,
    STOPWORDS,
    word_set,
)
from study.generation.morphology import verb_form
from study.generation.quantities import NUMBER_WORDS
from study.generation.segment import Sentence
from study.generation.templates.common import (
    draft,
    invert,
    question,
    render,
    subject_text,
    trim,
    words_in,
)
from study.generation.tokens import Token
from study.generation.types import CardDraft

MAX_DEFINED_WORDS = 5
_RANKED = word_set(
    "first last only largest smallest oldest earliest biggest main chief principal "
    "leading second third greatest highest lowest most"
)
_NAMING = {"called", "named", "termed", "dubbed", "known"}
# verb base -> the particle that must follow it ("refer to", "depend on", "mean" alone)
_MEANING = {
    "mean": "",
    "refer": "to",
    "depend": "on",
    "rely": "on",
    "consist": "of",
    "stand": "for",
    "describe": "",
    "denote": "",
}
_GENERIC_LABELS = word_set(
    "note tip tips example examples warning summary result results goal goals problem "
    "solution step steps key point points short long term answer question caution "
    "important remember why how what when where who definition"
)


def drafts(context: SectionContext, sentence: Sentence, clause: Clause | None) -> list[CardDraft]:
    out: list[CardDraft] = []
    if clause is not None:
        out += _copula(context, sentence, clause)
        out += _naming(context, sentence, clause)
        out += _meaning(context, sentence, clause)
        out += _appositive(context, sentence, clause)
    if sentence.first_in_line:
        out += _label(context, sentence)
    return out


def _defined(context: SectionContext, sentence: Sentence, clause: Clause) -> str | None:
    tokens = clause.subject_tokens()
    if not tokens or words_in(tokens) > MAX_DEFINED_WORDS or clause.start != 0:
        return None
    if tokens[0].lower in STOPWORDS - DETERMINERS:
        return None  # "Many scholars", "Some vaccines": not a definable term
    return subject_text(context, sentence, clause)


def _complement(clause: Clause) -> list[Token]:
    return list(clause.tokens[clause.verb[1] : clause.end])


def _copula(context: SectionContext, sentence: Sentence, clause: Clause) -> list[CardDraft]:
    if not clause.copula:
        return []
    be = clause.tokens[clause.aux or 0].lower
    if clause.verb[1] - clause.verb[0] > 1:
        return []  # "was not a", "is also a": keep the simple, unhedged statements
    complement = _complement(clause)
    if len(complement) < 2:
        return []
    head = complement[0].lower
    person = context.is_person(clause.subject_tokens())
    out: list[CardDraft] = []
    subject = _defined(context, sentence, clause)
    if subject is None:
        return []
    if head == "the" and complement[1].lower in {"same", "other", "following", "latter"}:
        return []  # "the same kind ...": points elsewhere
    answer_tokens = trim(complement, 15, keep_relative=True)
    if answer_tokens is None or words_in(answer_tokens) < 2:
        return []
    answer = render(sentence, answer_tokens)
    ranked = head == "the" and len(complement) > 1 and _is_ranked(complement[1].lower)
    if ranked:
        # "Curie was the first woman to win a Nobel Prize" -> "Who was the first woman ...?"
        wh = "Who" if person else "What"
        text = question(wh, f"{be} {answer}")
        if text and len(answer_tokens) >= 3:
            subject_answer = render(sentence, clause.subject_tokens())
            out.append(draft(sentence, text, subject_answer, "definition.identity", 1.0))
        return out
    if head in DETERMINERS or complement[0].is_number or _possessive(complement[0]):
        roles = any(t.lower in ROLE_NOUNS for t in answer_tokens)
        wh = "Who" if person and roles else "What"
        if person and not roles:
            return out
        text = question(wh, f"{be} {subject}")
        if text:
            out.append(draft(sentence, text, answer, "definition.copula", 1.0))
    return out


def _possessive(token: Token) -> bool:
    """ "Gutenberg's best-known work was ...", "Mao Zedong's campaign"."""
    return token.text.endswith(("'s", "’s")) and token.is_capitalized


def _is_ranked(word: str) -> bool:
    return word in _RANKED or (word.endswith("est") and len(word) > 5)


def _naming(context: SectionContext, sentence: Sentence, clause: Clause) -> list[CardDraft]:
    """ "A group of lions is called a pride" -> "What is a group of lions called?" """
    if clause.aux is None or clause.main is None:
        return []
    if clause.tokens[clause.aux].lower not in BE:
        return []
    main = clause.tokens[clause.main].lower
    if main not in _NAMING:
        return []
    complement = _complement(clause)
    if main == "known":
        if not complement or complement[0].lower != "as":
            return []
        complement = complement[1:]
    answer_tokens = trim(complement, 8)
    subject = _defined(context, sentence, clause)
    if not answer_tokens or subject is None:
        return []
    verb = "known as" if main == "known" else main
    text = question("What", f"{clause.tokens[clause.aux].lower} {subject} {verb}")
    if text is None:
        return []
    return [draft(sentence, text, render(sentence, answer_tokens), "definition.naming", 1.0)]


def _meaning(context: SectionContext, sentence: Sentence, clause: Clause) -> list[CardDraft]:
    """ "Inflation means a general rise in prices" -> "What does inflation mean?";
    "Protection depends on immunological memory" -> "What does protection depend on?" """
    if clause.main is None or clause.aux is not None:
        return []
    form = verb_form(clause.tokens[clause.main].lower)
    if form is None or form.base not in _MEANING:
        return []
    particle = _MEANING[form.base]
    complement = _complement(clause)
    if particle:
        if not complement or complement[0].lower != particle:
            return []
        complement = complement[1:]
    if not complement or complement[0].lower in {"that", "what", "how", "whether"}:
        return []  # "meant that scholars could ...": a clause, not a definition
    answer_tokens = trim(complement, 12)
    if not answer_tokens:
        return []
    after = _colon_list(complement, answer_tokens)
    if after is not None:
        answer_tokens = after  # "depends on three conditions: light, CO2 and temperature"
    body = invert(context, sentence, clause, [])
    if body is None:
        return []
    text = question("What", f"{body} {particle}".strip())
    if text is None:
        return []
    return [draft(sentence, text, render(sentence, answer_tokens), "definition.meaning", 1.0)]


def _colon_list(complement: list[Token], answer: list[Token]) -> list[Token] | None:
    if not any(t.lower in NUMBER_WORDS or t.lower in QUANTIFIERS for t in answer):
        return None  # only "three main conditions: ..." announces the real answer
    end = len(answer)
    if end < len(complement) and complement[end].text == ":":
        listed = trim(complement[end + 1 :], 12)
        if listed and words_in(listed) >= 2:
            return listed
    return None


def _appositive(context: SectionContext, sentence: Sentence, clause: Clause) -> list[CardDraft]:
    """ "Adam Smith, a Scottish economist, argued ..." -> "Who was Adam Smith?" """
    if clause.appositive is None or clause.start != 0:
        return []
    start, end = clause.appositive
    answer_tokens = trim(clause.tokens[start:end], 12, keep_relative=True)
    subject = _defined(context, sentence, clause)
    if not answer_tokens or subject is None:
        return []
    person = context.is_person(clause.subject_tokens())
    roles = any(t.lower in ROLE_NOUNS for t in answer_tokens)
    if person != roles:
        return []
    finite = clause.finite().lower
    form = verb_form(finite)
    past = form is not None and "past" in form.kinds and finite not in {"is", "are"}
    be = ("were" if clause.plural else "was") if past else ("are" if clause.plural else "is")
    text = question("Who" if person else "What", f"{be} {subject}")
    if text is None:
        return []
    return [draft(sentence, text, render(sentence, answer_tokens), "definition.appositive", 0.9)]


def _label(context: SectionContext, sentence: Sentence) -> list[CardDraft]:
    """A list item or paragraph opening "Collectivization: private farming was ..."."""
    tokens = sentence.tokens
    colon = next((i for i, t in enumerate(tokens[:7]) if t.text == ":"), None)
    if colon is None or colon == 0 or colon + 4 >= len(tokens):
        return []
    label = tokens[:colon]
    if not _is_label(label):
        return []
    explanation = tokens[colon + 1 :]
    if words_in(explanation) < 5:
        return []
    out: list[CardDraft] = []
    relative_start = label[0].start - sentence.start
    relative_end = label[-1].end - sentence.start
    text = cloze.make(sentence.text, relative_start, relative_end)
    answer = render(sentence, label)
    # "Italy: printing began near Rome": a place or name as label is easy to guess from the
    # explanation; a term as label ("Carbon fixation: ...") is what the item teaches.
    named = len(label) == 1 and context.casing(label[0].text) == label[0].text
    prior = 0.55 if named else 0.85
    out.append(draft(sentence, text, answer, "definition.label", prior, kind="cloze"))
    if explanation[0].lower in DETERMINERS or not explanation[0].is_capitalized:
        answer_tokens = trim(explanation, 12)
        if answer_tokens and words_in(answer_tokens) >= 3 and _no_finite_verb(answer_tokens):
            be = "are" if label[-1].lower.endswith("s") and len(label) > 1 else "is"
            defined = context.casing(label[0].text) + render(sentence, label)[len(label[0].text) :]
            text = question("What", f"{be} {defined}")
            if text:
                defined_answer = render(sentence, answer_tokens)
                out.append(draft(sentence, text, defined_answer, "definition.label", 1.0))
    return out


def _is_label(label: list[Token]) -> bool:
    if not 1 <= len(label) <= MAX_DEFINED_WORDS:
        return False
    if not all(t.is_word for t in label) or not label[0].is_capitalized:
        return False
    if any(t.lower in STOPWORDS - {"of", "and"} for t in label):
        return False
    if all(t.lower in _GENERIC_LABELS or t.is_number for t in label):
        return False
    return not any(t.lower in BE or t.lower in {"has", "have", "had"} for t in label)


def _no_finite_verb(tokens: list[Token]) -> bool:
    for token in tokens:
        form = verb_form(token.lower)
        if token.lower in BE or (form is not None and form.kinds & {"past", "3sg"}):
            return False
    return True
