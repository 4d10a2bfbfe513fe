"""Causes and effects: "Why ...?" from because / due to / so that / in order to, and
"What did X lead to?" / "What caused Y?" from causal verbs.
"""

from __future__ import annotations

from study.generation.clauses import Clause, parse
from study.generation.context import SectionContext
from study.generation.lexicon import BE, DETERMINERS, STOPWORDS, word_set
from study.generation.morphology import third_person, verb_form
from study.generation.segment import Sentence
from study.generation.templates.common import draft, invert, question, render, trim, words_in
from study.generation.tokens import Token, is_content_word
from study.generation.types import CardDraft

# marker words -> how the answer starts
_MARKERS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("because", "of"), "because of"),
    (("because",), "because"),
    (("due", "to"), "due to"),
    (("owing", "to"), "owing to"),
    (("so", "that"), "so that"),
    (("in", "order", "to"), "to"),
)
# causal verb base -> particle that follows it
_CAUSAL = {
    "lead": "to",
    "contribute": "to",
    "result": "in",
    "give": "rise to",
    "bring": "about",
    "cause": "",
    "trigger": "",
    "spark": "",
    "prompt": "",
    "fuel": "",
    "provoke": "",
}


def drafts(context: SectionContext, sentence: Sentence, clause: Clause | None) -> list[CardDraft]:
    out = _why(context, sentence) + _consequence(sentence)
    if clause is not None:
        out += _effects(context, sentence, clause)
    return out


_MARKER_STARTS = frozenset(words[0] for words, _ in _MARKERS) | {"so", "since"}


def _find_marker(tokens: tuple[Token, ...]) -> tuple[int, int, str] | None:
    lowered = [t.lower for t in tokens]
    for index, lower in enumerate(lowered):
        if lower not in _MARKER_STARTS:
            continue
        for words, label in _MARKERS:
            if tuple(lowered[index : index + len(words)]) == words:
                return index, index + len(words), label
        following = tokens[index + 1].lower if index + 1 < len(tokens) else ""
        previous = tokens[index - 1].text if index > 0 else ""
        lower = tokens[index].lower
        if lower == "so" and following in _CLAUSE_OPENERS and previous not in {",", ";"}:
            return index, index + 1, "so"  # "... with sandpaper so the glue can grip"
        if lower == "since" and previous == "," and following in _CLAUSE_OPENERS:
            return index, index + 1, "since"  # ", since the centre channel is deeper"
    return None


_CLAUSE_OPENERS = word_set("the a an it they you we he she its their this these")


def _why(context: SectionContext, sentence: Sentence) -> list[CardDraft]:
    tokens = sentence.tokens
    marker = _find_marker(tokens)
    if marker is None:
        return []
    first, after, label = marker
    if first == 0:
        # "Because grain ran short, prices rose." -> cause up to the comma, then the clause.
        comma = next((i for i, t in enumerate(tokens) if t.text == ","), None)
        if comma is None:
            return []
        cause = trim(tokens[after:comma], 14, keep_conjoined=True)
        clause = parse(tokens, start=comma + 1)
        main_end = None
    else:
        cause = trim(tokens[after:], 14, keep_conjoined=True)
        clause = parse(tokens[:first])
        main_end = first
    if clause is None or cause is None or words_in(cause) < 2:
        return []
    end = clause.end if main_end is None else min(clause.end, main_end)
    rest_tokens = list(clause.tokens[clause.verb[1] : end])
    while rest_tokens and rest_tokens[-1].text == ",":
        rest_tokens.pop()
    rest = trim(rest_tokens, 14) if rest_tokens else []
    if rest is None:
        return []
    content = [t for t in rest_tokens if is_content_word(t.text) or t.is_number]
    if main_end is not None and content and content[-1] not in rest:
        # "... prices doubled, and workers were paid twice a day so they could ...": a
        # trailing "so"/"because" explains the clause right before it, which we cut off.
        return []
    body = invert(context, sentence, clause, rest)
    if body is None:
        return []
    text = question("Why", body)
    if text is None:
        return []
    answer = f"{label} {render(sentence, cause)}"
    return [draft(sentence, text, answer, "causes.why", 0.95)]


def _effects(context: SectionContext, sentence: Sentence, clause: Clause) -> list[CardDraft]:
    if clause.main is None or clause.start != 0 or clause.imperative:
        return []
    if clause.aux is not None and clause.tokens[clause.aux].lower in BE:
        return []  # passive "was caused by": people.py asks "What caused ...?"
    main = clause.tokens[clause.main]
    form = verb_form(main.lower)
    if form is None or form.base not in _CAUSAL or not form.kinds & {"past", "3sg", "base"}:
        return []
    particle = _CAUSAL[form.base]
    rest = list(clause.tokens[clause.verb[1] : clause.end])
    particle_words = particle.split()
    if [t.lower for t in rest[: len(particle_words)]] != particle_words:
        return []
    effect = trim(rest[len(particle_words) :], 12)
    if effect is None or words_in(effect) < 2:
        return []
    out: list[CardDraft] = []
    body = invert(context, sentence, clause, [])
    if body is not None:
        text = question("What", f"{body} {particle}".strip())
        if text:
            out.append(draft(sentence, text, render(sentence, effect), "causes.effect", 0.9))
    subject = clause.subject_tokens()
    content = [t for t in subject if t.lower not in DETERMINERS]
    if len(content) >= 2 and content[0].lower not in STOPWORDS and clause.aux is None:
        # "Several factors lead to X" -> "What leads to X?": "what" takes a singular verb.
        verb = main.text if form.kinds & {"past", "3sg"} else third_person(form.base)
        text = question("What", f"{verb} {particle} {render(sentence, effect)}")
        if text:
            out.append(draft(sentence, text, render(sentence, subject), "causes.cause", 0.85))
    return out


_CONDITIONS = {"when": "when", "whenever": "when", "if": "if", "once": "once"}


def _consequence(sentence: Sentence) -> list[CardDraft]:
    """ "When officials are rewarded for reporting success, planners lose sight of reality."
    -> "What happens when officials are rewarded for reporting success?" (a consequence)."""
    tokens = sentence.tokens
    if not tokens or tokens[0].lower not in _CONDITIONS:
        return []
    comma = next((i for i, t in enumerate(tokens) if t.text == ","), None)
    if comma is None or not 3 <= comma <= 15:
        return []
    condition = list(tokens[1:comma])
    result = [t for t in tokens[comma + 1 :] if t.text not in {".", "!"}]
    if not 3 <= words_in(result) <= 14 or any(t.text in {",", ";", ":"} for t in result):
        return []
    if result[0].lower in STOPWORDS - DETERMINERS:
        return []  # ", it ..." or ", then ...": the effect leans on something outside the card
    text = question("What happens", f"{_CONDITIONS[tokens[0].lower]} {render(sentence, condition)}")
    if text is None:
        return []
    return [draft(sentence, text, render(sentence, result), "causes.consequence", 0.9)]
