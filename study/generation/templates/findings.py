"""Findings and lessons: "What does the sparrow campaign show?" from "The sparrow campaign shows
how one intervention in nature can backfire", and the same for demonstrate, reveal, suggest...

Study texts state their conclusions this way; the answer is the clause after the verb, cut at
the first colon or semicolon so it stays one idea.
"""

from __future__ import annotations

from study.generation.clauses import Clause
from study.generation.context import SectionContext
from study.generation.lexicon import STOPWORDS, word_set
from study.generation.morphology import verb_form
from study.generation.segment import Sentence
from study.generation.templates.common import draft, question, render, words_in
from study.generation.types import CardDraft

_VERBS = word_set("show demonstrate illustrate reveal suggest prove indicate teach")
_OPENERS = word_set("how that why what whether")


def drafts(context: SectionContext, sentence: Sentence, clause: Clause | None) -> list[CardDraft]:
    tokens = sentence.tokens
    verb = next(
        (
            i
            for i, t in enumerate(tokens[:8])
            if (form := verb_form(t.lower)) is not None and form.base in _VERBS and i > 0
        ),
        None,
    )
    if verb is None or verb + 1 >= len(tokens) or tokens[verb + 1].lower not in _OPENERS:
        return []
    subject = list(tokens[:verb])
    if any(not t.is_word for t in subject) or subject[0].lower in STOPWORDS - {"the", "a", "an"}:
        return []
    form = verb_form(tokens[verb].lower)
    if form is None or not form.kinds & {"past", "3sg", "base"}:
        return []
    rest = list(tokens[verb + 1 :])
    stop = next((i for i, t in enumerate(rest) if t.text in {":", ";", ".", "!"}), len(rest))
    finding = rest[1:stop] if rest[0].lower == "that" else rest[:stop]
    if not 3 <= words_in(finding) <= 14:
        return []
    do = "did" if "past" in form.kinds else "does" if "3sg" in form.kinds else "do"
    named = render(sentence, subject)
    following = subject[1].text if len(subject) > 1 else ""
    named = context.casing(subject[0].text, following) + named[len(subject[0].text) :]
    text = question("What", f"{do} {named} {form.base}")
    if text is None:
        return []
    return [draft(sentence, text, render(sentence, finding), "findings.show", 0.85)]
