"""Helpers every template shares: render tokens back to text, trim a phrase at a clause
boundary, and turn a clause into an inverted question body ("did Gutenberg develop ...").
"""

from __future__ import annotations

from collections.abc import Sequence

from study.generation.clauses import Clause
from study.generation.context import SectionContext
from study.generation.lexicon import (
    BE,
    COORDINATORS,
    DEICTIC,
    DETERMINERS,
    DO,
    HAVE,
    MODALS,
    POSSESSIVE_PRONOUNS,
    PREPOSITIONS,
    RELATIVES,
    STOPWORDS,
    SUBORDINATORS,
    word_set,
)
from study.generation.morphology import is_auxiliary, verb_form
from study.generation.segment import Sentence
from study.generation.tokens import Token
from study.generation.types import CardDraft

MAX_QUESTION_WORDS = 24
_BOUNDARY_PUNCT = {";", ":", "(", "—", "–", "-", ")"}
_BOUNDARY_WORDS = (SUBORDINATORS - {"after", "before", "until", "since", "once"}) | {
    "which",
    "who",
    "whom",
    "whose",
    "thereby",
    "whereby",
    "such",
    "including",
}
_NO_SPACE_BEFORE = {",", ".", ";", ":", ")", "?", "!", "%", "’", "'"}
_NO_SPACE_AFTER = {"(", "$", "£", "€"}


def render(sentence: Sentence, tokens: Sequence[Token]) -> str:
    """Tokens back to text: original spacing between neighbours, one space across gaps."""
    position = {t.start: i for i, t in enumerate(sentence.tokens)}
    parts: list[str] = []
    previous: Token | None = None
    for token in tokens:
        if previous is not None:
            adjacent = position.get(token.start, -2) == position.get(previous.start, -5) + 1
            if adjacent:
                gap = sentence.text[previous.end - sentence.start : token.start - sentence.start]
                parts.append(" " if gap else "")
            elif token.text not in _NO_SPACE_BEFORE and previous.text not in _NO_SPACE_AFTER:
                parts.append(" ")
        parts.append(token.text)
        previous = token
    return "".join(parts).strip()


def render_lower(sentence: Sentence, tokens: Sequence[Token]) -> str:
    """Like render, but a sentence-opening word moved inside a question loses its capital
    ("In Germany, ..." -> "... in Germany")."""
    text = render(sentence, tokens)
    if tokens and tokens[0].start == sentence.start and tokens[0].lower in STOPWORDS:
        return tokens[0].lower + text[len(tokens[0].text) :]
    return text


def words_in(tokens: Sequence[Token]) -> int:
    return sum(1 for t in tokens if t.is_word)


def trim(
    tokens: Sequence[Token],
    max_words: int = 12,
    *,
    keep_relative: bool = False,
    keep_conjoined: bool = False,
) -> list[Token] | None:
    """The leading phrase of `tokens` up to a clause boundary, at most `max_words` words.

    None when the phrase cannot be cut cleanly: a comma that neither continues a list nor
    opens a new clause ("write short, plain pamphlets") would leave half a noun phrase.
    """
    tokens = _drop_parentheticals(tokens)
    out: list[Token] = []
    in_list = False
    for index, token in enumerate(tokens):
        if token.text in _BOUNDARY_PUNCT and token.text != ")":
            break  # also at the very start: "is still disputed: demographers ..."
        if out and token.text == ",":
            if _list_comma(tokens, index, in_list):
                in_list = True
            elif _clean_cut(tokens, index):
                break
            else:
                return None
        elif (
            (out or token.lower in {"and", "or", "but"})
            and _is_boundary(tokens, index)
            and not (
                (keep_relative and _relative_after_noun(tokens, index, out))
                or (keep_conjoined and token.lower in {"and", "or"})
            )
        ):
            break
        out.append(token)
    out = _strip_tail(out)
    if words_in(out) > max_words:
        # Cut at the last "and"/"but" that fits, else at the last preposition that fits.
        cut = None
        joint = None
        for index, token in enumerate(out):
            if words_in(out[:index]) > max_words:
                break
            if words_in(out[:index]) < 3:
                continue
            if token.lower in {"and", "but", "or"} and not any(
                t.text == "," for t in out[max(0, index - 4) : index]
            ):
                joint = index  # not the "and" that ends a list ("Asia, the Middle East and")
            elif token.lower in PREPOSITIONS and token.lower != "of":
                cut = index
        cut = joint if joint is not None else cut
        if cut is None:
            return None
        out = _strip_tail(out[:cut])
    return out  # may be empty: the tokens opened with a boundary ("and mix until ...")


def _relative_after_noun(tokens: Sequence[Token], index: int, out: list[Token]) -> bool:
    """ "the process by which ...", "the pigment that makes leaves green": a definition's
    relative clause belongs to it."""
    lower = tokens[index].lower
    if lower in {"that", "which", "who", "whose"}:
        return len(out) >= 2
    following = tokens[index + 1].lower if index + 1 < len(tokens) else ""
    return lower in PREPOSITIONS and following in {"which", "whom"}


def _clean_cut(tokens: Sequence[Token], index: int) -> bool:
    """After this comma comes a new clause or an aside, not more of the same noun phrase."""
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if following is None or not following.is_word or following.is_number:
        return True
    lower = following.lower
    if lower in STOPWORDS or following.is_capitalized:
        return True
    if lower.endswith("ly"):
        # "partly to repay" is an aside; "short, lively pamphlets" is more of the phrase.
        after = tokens[index + 2] if index + 2 < len(tokens) else None
        return after is None or not after.is_word or after.lower in STOPWORDS
    form = verb_form(lower)
    return form is not None and bool(form.kinds & {"past", "participle", "ing"})


def _drop_parentheticals(tokens: Sequence[Token]) -> list[Token]:
    out: list[Token] = []
    depth = 0
    for token in tokens:
        if token.text == "(":
            depth += 1
        elif token.text == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(token)
    return out


def _is_boundary(tokens: Sequence[Token], index: int) -> bool:
    token = tokens[index]
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if token.text in _BOUNDARY_PUNCT:
        return True
    lower = token.lower
    if lower in _BOUNDARY_WORDS:
        return True
    if lower in {"and", "but", "or", "yet"} and following is not None:
        if is_auxiliary(following.lower) or following.lower.endswith("ing"):
            return True  # "... and has greatly reduced", "... and using ..."
        if _looks_like_verb(following):
            return False  # "kept and shared", "rose and fell": one verb phrase
        after = tokens[index + 2] if index + 2 < len(tokens) else None
        if _base_verb(following) and after is not None and after.lower in _VERB_OBJECT_STARTS:
            return True  # "add warm water and | mix until ...", "and | put it in a tin"
        # "labour became scarce and | wages rose": a new subject and its finite verb
        # ("goods and services produced in ..." is a participle, not a clause).
        window = tokens[index + 1 : index + 6]
        for position, later in enumerate(window):
            if not later.is_word or later.lower in {"and", "or"}:
                return False
            if position == 0:
                continue
            if is_auxiliary(later.lower) or _finite_verb(later, window[position + 1 :]):
                return True
        return False
    if lower == "that":
        previous = tokens[index - 1]
        return verb_form(previous.lower) is None
    return False


def _list_comma(tokens: Sequence[Token], index: int, in_list: bool) -> bool:
    """ "polio, measles and diphtheria", "metal type, an oil-based ink and a press": a comma
    inside a list of noun phrases (an "and"/"or" comes before any verb or clause word)."""
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if following is None:
        return False
    if following.lower in {"and", "or"}:
        # An Oxford comma continues a list already under way; otherwise ", and" joins clauses.
        after = tokens[index + 2] if index + 2 < len(tokens) else None
        return in_list and after is not None and not _clause_start(after)
    seen_word = False
    for token in tokens[index + 1 : index + 9]:
        if token.text == ",":
            continue
        if not token.is_word:
            return False
        lower = token.lower
        if lower in {"and", "or"}:
            return seen_word
        if lower in {"the", "a", "an", "of"} or token.is_number:
            continue
        if lower in STOPWORDS or _looks_like_verb(token) or lower.endswith("ly"):
            return False
        seen_word = True
    return False


def _clause_start(token: Token) -> bool:
    lower = token.lower
    return lower in STOPWORDS - {"the", "a", "an"} or is_auxiliary(lower) or _looks_like_verb(token)


_VERB_OBJECT_STARTS = word_set("the a an it them its their your until for into on in to")


def _base_verb(token: Token) -> bool:
    form = verb_form(token.lower)
    return form is not None and "base" in form.kinds and not token.is_capitalized


def _finite_verb(token: Token, after: Sequence[Token]) -> bool:
    form = verb_form(token.lower)
    if form is None or token.is_capitalized:
        return False
    if (
        "past" in form.kinds
        and token.lower not in _REGULAR_LOOKING
        and not token.lower.endswith("ed")
    ):
        return True  # "rose", "fell", "grew"
    following = after[0] if after else None
    starts_object = (
        following is None
        or not following.is_word
        or following.lower
        in {
            "the",
            "a",
            "an",
            "its",
            "their",
            "his",
            "her",
        }
    )
    return bool(form.kinds & {"past", "3sg"}) and starts_object


_REGULAR_LOOKING: frozenset[str] = frozenset()


def _looks_like_verb(token: Token) -> bool:
    form = verb_form(token.lower)
    return form is not None and bool(form.kinds & {"past", "3sg", "ing"}) and token.is_word


def _strip_tail(tokens: list[Token]) -> list[Token]:
    while tokens and (
        (tokens[-1].is_word and tokens[-1].lower in _DANGLING and not tokens[-1].is_number)
        or (not tokens[-1].is_word and not _closes(tokens))
    ):
        tokens = tokens[:-1]
    while tokens and not tokens[0].is_word and tokens[0].text not in _OPENERS:
        tokens = tokens[1:]
    return tokens


_OPENERS = {"$", "£", "€", "(", "“", '"'}
# Words a phrase cannot end on ("... of the", "... which"); "less", "more", "well" can.
_DANGLING = (
    DETERMINERS
    | PREPOSITIONS
    | COORDINATORS
    | SUBORDINATORS
    | RELATIVES
    | POSSESSIVE_PRONOUNS
    | MODALS
    | BE
    | HAVE
    | DO
    | DEICTIC
    | word_set("to not very such than whose also")
)
_PAIRS = {")": "(", "”": "“", '"': '"', "%": ""}


def _closes(tokens: list[Token]) -> bool:
    """A closing bracket or quote stays when its opener is in the phrase."""
    last = tokens[-1].text
    if last not in _PAIRS:
        return False
    opener = _PAIRS[last]
    return not opener or sum(t.text == opener for t in tokens[:-1]) % 2 == 1


def subject_text(context: SectionContext, sentence: Sentence, clause: Clause) -> str:
    tokens = clause.subject_tokens()
    text = render(sentence, tokens)
    clause_start = clause.tokens[clause.start].start if clause.start < len(clause.tokens) else -1
    if tokens and tokens[0].start in {sentence.start, clause_start} and tokens[0].is_capitalized:
        first = tokens[0].text
        following = tokens[1].text if len(tokens) > 1 else ""
        text = context.casing(first, following) + text[len(first) :]
    return text


def invert(
    context: SectionContext, sentence: Sentence, clause: Clause, rest: Sequence[Token]
) -> str | None:
    """ "did Gutenberg develop a press" / "was the campaign launched": no wh-word, no "?"."""
    if clause.imperative:
        verb = clause.tokens[0].lower
        return _join(["should you", verb, render_lower(sentence, rest)])
    subject = subject_text(context, sentence, clause)
    group = list(clause.tokens[clause.verb[0] : clause.verb[1]])
    if clause.aux is not None:
        aux = clause.tokens[clause.aux]
        middle = [t for t in group if t is not aux]
        parts = [aux.lower, subject, render(sentence, middle), render_lower(sentence, rest)]
        return _join(parts)
    if clause.main is None:
        return None
    main = clause.tokens[clause.main]
    form = verb_form(main.lower)
    if form is None or not form.base:
        return None
    do = _do_support(main.lower, form.base, form.kinds, clause.plural)
    if do is None:
        return None
    adverbs = [t for t in group if t is not main]
    return _join([do, subject, render(sentence, adverbs), form.base, render_lower(sentence, rest)])


def _do_support(word: str, base: str, kinds: frozenset[str], plural: bool) -> str | None:
    if "past" in kinds and (word != base or not plural):
        return "did"
    if "3sg" in kinds and not plural:
        return "does"
    if "base" in kinds and plural and "past" not in kinds:
        return "do"
    return None  # "cut", "put", "spread" with a plural subject: past or present?


def _join(parts: Sequence[str]) -> str:
    return " ".join(p for p in parts if p)


def balance_quotes(text: str) -> str:
    """Drop quote marks left unpaired when a phrase was cut out of a sentence."""
    if text.count("“") != text.count("”"):
        text = text.replace("“", "").replace("”", "")
    if text.count('"') % 2:
        text = text.replace('"', "")
    return text


_PRONOUNS = word_set("it its they them their he him his she her")


def question(wh: str, body: str) -> str | None:
    """ "When" + "did Gutenberg develop a press" -> "When did Gutenberg develop a press?";
    None when the result would be too long or lean on a pronoun ("Why should you cool it?")."""
    if any(word.lower() in _PRONOUNS for word in body.split()):
        return None
    text = balance_quotes(f"{wh} {body}".strip())
    text = " ".join(text.split()).rstrip(" ,;:.")
    text = text[0].upper() + text[1:] + "?"
    count = len(text.split())
    if count < 3 or count > MAX_QUESTION_WORDS:
        return None
    return text


def draft(
    sentence: Sentence, question_text: str, answer: str, origin: str, score: float, **extra
) -> CardDraft:
    return CardDraft(
        question=question_text,
        answer=balance_quotes(answer) if extra.get("kind", "basic") == "basic" else answer,
        kind=extra.get("kind", "basic"),
        quote=extra.get("quote", sentence.text),
        start=extra.get("start", sentence.start),
        origin=origin,
        score=score,
    )
