"""People and roles: "Who developed ...?"; and the same move for things: "Which vaccines use
...?" (the subject becomes the answer, the rest of the clause the question).
"""

from __future__ import annotations

from study.generation.clauses import Clause
from study.generation.context import SectionContext, person_name
from study.generation.lexicon import (
    BE,
    DETERMINERS,
    IRREGULAR,
    MODALS,
    PREPOSITIONS,
    QUANTIFIERS,
    ROLE_NOUNS,
    STOPWORDS,
    word_set,
)
from study.generation.morphology import is_auxiliary, is_plural_noun, third_person, verb_form
from study.generation.segment import Sentence
from study.generation.templates.common import draft, question, render, trim, words_in
from study.generation.tokens import Token, is_content_word, stem
from study.generation.types import CardDraft

# Capitalised heads that are still generic nouns: "The World Health Organization" -> "Which
# organization ...?". Any other capitalised head is a name and has no "which" form.
_INSTITUTIONS = word_set(
    "organization organisation company corporation university college party army navy "
    "church council committee government bank society school republic empire dynasty "
    "kingdom treaty act war revolution movement agency association union court institute "
    "museum library academy commission parliament congress senate assembly league "
    "federation alliance ministry department bureau foundation council conference "
    "convention constitution charter statute law"
)
_GENERIC_HEADS = word_set(
    "one ones thing things way ways kind kinds type types part parts lot lots form forms "
    "sort sorts aspect aspects"
)


def drafts(context: SectionContext, sentence: Sentence, clause: Clause | None) -> list[CardDraft]:
    if clause is None:
        return _fragment(context, sentence)
    if clause.copula or clause.main is None or clause.subject[0] == clause.subject[1]:
        return []
    passive = _passive_agent(context, sentence, clause)
    if passive is not None:
        return passive
    if clause.tokens[clause.main].lower == "born":
        return []  # "Who was born in 1867?" has too many right answers
    lead = _lead_phrase(sentence, clause)
    if lead is None:
        return []
    rest = trim(clause.tokens[clause.verb[1] : clause.end], 12)
    if rest is None and clause.verb[1] < clause.end:
        return []
    group = list(clause.tokens[clause.verb[0] : clause.verb[1]])
    if _substance([*group, *(rest or [])]) < 3:
        return []  # "Which target was declared met?": too little to go on
    clausal = bool(rest) and rest[0].lower == "that"  # type: ignore[index]
    tail = " ".join(p for p in (render(sentence, rest or []), lead) if p)
    subject = clause.subject_tokens()
    if clausal and not (context.is_person(subject) or _human_head(subject)):
        return []  # "Which copies meant that ...?": only people argue, claim, think that ...
    return _ask(context, sentence, subject, group, tail)


def _ask(
    context: SectionContext,
    sentence: Sentence,
    subject: list[Token],
    group: list[Token],
    tail: str,
) -> list[CardDraft]:
    if not subject or subject[0].lower in QUANTIFIERS:
        return []  # "Some historians think ...": the answer would be "some historians"
    answer = render(sentence, subject)
    finite = group[0] if is_auxiliary(group[0].lower) else group[-1]
    # "The Victorian Constitution" is never a person, whatever else the section suggests.
    person = context.is_person(subject) and subject[-1].lower not in _INSTITUTIONS
    if person:
        answer = render(sentence, person_name(subject))  # "Elizabeth Eisenstein", not "The ..."
    if person or _human_head(subject):
        text = question("Who", f"{_singular(sentence, group)} {tail}")
        return [draft(sentence, text, answer, "people.who", 0.95)] if text else []
    wh = _wh_for(subject, finite)
    if wh is None or not _salient(context, subject) or any(t.is_number for t in subject):
        return []  # numbers in the subject make a cloze card, not a "What ...?" one
    verbs = render(sentence, group) if wh.startswith("Which") else _singular(sentence, group)
    text = question(wh, f"{verbs} {tail}")
    return [draft(sentence, text, answer, "people.which", 0.85)] if text else []


def _passive_agent(
    context: SectionContext, sentence: Sentence, clause: Clause
) -> list[CardDraft] | None:
    """ "The disease was caused by the bacterium Y. pestis" -> "What caused the disease?";
    "Hamlet was written by Shakespeare" -> "Who wrote Hamlet?". None when not passive."""
    if clause.aux is None or clause.tokens[clause.aux].lower not in BE:
        return None
    main = clause.tokens[clause.main or 0]
    form = verb_form(main.lower)
    if form is None or "participle" not in form.kinds or not form.base:
        return None
    rest = list(clause.tokens[clause.verb[1] : clause.end])
    if not rest or rest[0].lower != "by":
        return []
    agent = trim(rest[1:], 8)
    if not agent or agent[0].lower in QUANTIFIERS or any(t.is_number for t in agent):
        return []
    if clause.verb[1] - clause.verb[0] != 2 or clause.start != 0:
        return []  # "was not caused", "had been built": keep to the plain case
    be = clause.tokens[clause.aux].lower
    if be in {"was", "were"}:
        verb = IRREGULAR[form.base][0] if form.base in IRREGULAR else main.text
    else:
        verb = third_person(form.base)
    subject = clause.subject_tokens()
    patient = render(sentence, subject)
    if subject[0].start == sentence.start:
        following = subject[1].text if len(subject) > 1 else ""
        patient = context.casing(subject[0].text, following) + patient[len(subject[0].text) :]
    wh = "Who" if context.is_person(agent) or _human_head(agent) else "What"
    text = question(wh, f"{verb} {patient}")
    if text is None:
        return []
    return [draft(sentence, text, render(sentence, agent), "people.agent", 0.95)]


def _singular(sentence: Sentence, group: list[Token]) -> str:
    """ "Who" and "What" take a singular verb: "historians trace" -> "Who traces"."""
    if len(group) == 1 and not is_auxiliary(group[0].lower):
        form = verb_form(group[0].lower)
        if (
            form is not None
            and form.base
            and form.kinds & {"base"}
            and not form.kinds
            & {
                "past",
                "3sg",
            }
        ):
            return third_person(form.base)
    first = group[0].lower
    swaps = {"are": "is", "were": "was", "have": "has", "do": "does"}
    if first in swaps:
        return " ".join([swaps[first], render(sentence, group[1:])]).strip()
    return render(sentence, group)


def _salient(context: SectionContext, subject: list[Token]) -> bool:
    """ "What is estimated as ...?" -> "The required share": too vague unless the subject
    carries one of the section's weightier words."""
    weights = sorted(context.phrases.word_weight.values())
    if not weights:
        return False
    content = [t for t in subject if t.is_word and t.lower not in STOPWORDS]
    if len(content) >= 3 and any(t.lower == "and" for t in subject):
        return True  # "Enthusiasm and mass labour": two named things are specific enough
    median = weights[len(weights) // 2]
    return any(
        t.is_capitalized
        and t is not subject[0]
        or context.phrases.word_weight.get(stem(t.text), 0) > median
        for t in subject
        if t.lower not in STOPWORDS
    )


def _lead_phrase(sentence: Sentence, clause: Clause) -> str | None:
    """A fronted "In 1440," moves to the end of the question; a fronted clause does not."""
    if clause.start == 0:
        return ""
    lead = [t for t in clause.tokens[: clause.start] if t.text != ","]
    if not lead or lead[0].lower not in PREPOSITIONS or words_in(lead) > 6:
        return None
    if any(t.lower in STOPWORDS - DETERMINERS - PREPOSITIONS for t in lead[1:]):
        return None
    if not any(t.is_number or t.is_capitalized for t in lead[1:]):
        return None  # "Beyond starvation," is not a time or a place
    return f"{lead[0].lower} {render(sentence, lead[1:])}"


def _wh_for(subject: list[Token], finite: Token) -> str | None:
    """ "Which vaccines use ...?" when the head noun is a plural class; "What ...?" when the
    verb reads as singular ("Grain production fell" -> "What fell ...?")."""
    content = [t for t in subject if t.lower not in DETERMINERS]
    if not content or content[0].lower in STOPWORDS:
        return None
    head = content[-1]
    if not head.is_word or head.is_number or head.lower in _GENERIC_HEADS:
        return None
    if head.is_capitalized and head.lower in _INSTITUTIONS and len(content) >= 2:
        return f"Which {head.lower}"
    form = verb_form(finite.lower)
    singular_verb = finite.lower in _SINGULAR_AUX | MODALS or (
        form is not None
        and ("3sg" in form.kinds or "past" in form.kinds)
        and finite.lower not in _PLURAL_AUX
    )
    plural_head = is_plural_noun(head.text) and not head.is_capitalized
    simple = all(t.lower not in STOPWORDS for t in content) and not any(
        t.text.endswith(("'s", "’s")) for t in content
    )
    plural_verb = finite.lower not in _SINGULAR_AUX and (form is None or "3sg" not in form.kinds)
    if plural_head and simple and len(content) >= 2 and plural_verb:
        return f"Which {head.text}"
    if singular_verb and len(content) >= 2 and not head.is_capitalized:
        return "What"  # a capitalised head may be a person's name: never "What" for people
    return None


def _substance(tokens: list[Token]) -> int:
    """Content words and numbers in a predicate, auxiliaries excluded."""
    return sum(is_content_word(t.text) or t.is_number for t in tokens)


def _human_head(subject: list[Token]) -> bool:
    """ "Tens of millions of farmers dug canals" -> "Who dug canals ...?" """
    words = [t.lower for t in subject if t.is_word]
    if not words or subject[-1].is_capitalized:
        return False
    if words[0].endswith("ing") and len(words[0]) > 5:
        return False  # "Silencing critics removes ...": an activity, not people
    head = words[-1]
    singular = head[:-3] + "y" if head.endswith("ies") else head.removesuffix("s")
    return head in _HUMANS or singular in ROLE_NOUNS or head in ROLE_NOUNS


_HUMANS = word_set(
    "people persons men women children officials citizens peasants farmers workers "
    "villagers residents experts critics scholars historians economists scientists "
    "researchers leaders soldiers students teachers parents patients doctors"
)
_SINGULAR_AUX = frozenset(["is", "was", "has", "does"])
_PLURAL_AUX = frozenset(["are", "were", "have", "do"])


def _fragment(context: SectionContext, sentence: Sentence) -> list[CardDraft]:
    """A list item "B cells, which become plasma cells ..." -> "Which cells become ...?" """
    tokens = sentence.tokens
    comma = next((i for i, t in enumerate(tokens[:9]) if t.text == ","), None)
    if (
        comma is None
        or comma + 2 >= len(tokens)
        or tokens[comma + 1].lower
        not in {
            "which",
            "who",
        }
    ):
        return []
    subject = list(tokens[:comma])
    if not subject or subject[0].lower in STOPWORDS - DETERMINERS:
        return []
    if any(not t.is_word or _finite(t) for t in subject):
        return []
    verb = tokens[comma + 2] if comma + 2 < len(tokens) else None
    if verb is None or verb_form(verb.lower) is None and verb.lower not in BE:
        return []
    rest = trim(tokens[comma + 2 :], 14)
    if rest is None:
        return []
    if _substance(rest) < 3:
        return []
    group = [tokens[comma + 2]]
    tail = render(sentence, [t for t in rest if t is not tokens[comma + 2]])
    return _ask(context, sentence, subject, group, tail)


def _finite(token: Token) -> bool:
    form = verb_form(token.lower)
    if token.lower in BE:
        return True
    return form is not None and "past" in form.kinds and not token.is_capitalized
