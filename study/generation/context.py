"""What the templates know about a section as a whole: its sentences, keyphrases, which words
are names, and who the people in it are.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from study.generation import keyphrases
from study.generation.lexicon import (
    DETERMINERS,
    FIRST_NAMES,
    MONTHS,
    PERSON_TITLES,
    ROLE_NOUNS,
    STOPWORDS,
)
from study.generation.morphology import verb_form
from study.generation.quantities import NUMBER_WORDS
from study.generation.segment import Sentence, split_sentences
from study.generation.tokens import Token, is_content_word, stem, strip_possessive

_LIFE_DATES = re.compile(r"^\(\s*(?:born|b\.|c\.|ca\.|circa|\d{3,4})")


@dataclass(slots=True)
class SectionContext:
    text: str
    sentences: list[Sentence]
    phrases: keyphrases.Keyphrases
    proper: set[str] = field(
        default_factory=set
    )  # lower-cased words written capitalised mid-sentence
    lower: set[str] = field(default_factory=set)  # words seen in lower case
    people: set[str] = field(default_factory=set)  # lower-cased name tokens of people
    citations: set[int] = field(default_factory=set)  # lines that are bibliography entries
    nouns: set[str] = field(default_factory=set)  # lower-case words seen after a determiner
    topic: set[str] = field(default_factory=set)  # stems of the section's most frequent words

    @property
    def word_count(self) -> int:
        return sum(1 for s in self.sentences for t in s.tokens if t.is_word)

    def is_person(self, tokens: list[Token]) -> bool:
        """ "Marie Curie", "Defence Minister Peng Dehuai", "the historian Elizabeth Eisenstein"."""
        names = person_name(tokens)
        return bool(names) and strip_possessive(names[-1].text).lower() in self.people

    def casing(self, word: str, following: str = "") -> str:
        """How `word`, which opened a sentence in the source, reads inside a question."""
        lower = word.lower()
        bare = strip_possessive(word).lower()
        if lower in DETERMINERS or lower in STOPWORDS or lower in NUMBER_WORDS:
            return lower
        if not word[:1].isupper() or (word.isupper() and len(word) > 1):
            return word  # already lower case, or an acronym
        if bare in self.proper or bare in self.people or following[:1].isupper():
            return word  # known name, or the first word of a multi-word name
        if bare != lower:
            return word  # "Gutenberg's best-known work": possessives are mostly names
        if bare in self.lower or bare in self.nouns or _looks_common(bare):
            return lower
        if following[:1].islower() and "-" not in word and not bare.endswith(_NATIONALITY):
            return lower  # "Greenhouse growers": a modifier before a common noun
        return word  # unknown: a lower-cased name looks worse than a capitalised noun


_COMMON_SUFFIXES = (
    "tion", "sion", "ment", "ness", "ity", "ism", "ance", "ence", "ogy", "ics", "sis",
    "ing", "ure", "age", "ship", "hood", "dom", "ency", "ancy", "ist", "ists", "ers",
    "ors", "al", "ic", "ous", "ive", "ful", "less", "able", "ible", "ent", "ant",
    "ly", "ed", "es", "ies",
)  # fmt: skip


_NATIONALITY = ("an", "ish", "ese", "ch", "ic", "i")  # "Roman", "British", "Chinese", "Dutch"


def _looks_common(word: str) -> bool:
    if verb_form(word) is not None or word in ROLE_NOUNS:
        return True
    return len(word) > 4 and word.endswith(_COMMON_SUFFIXES)


def person_name(tokens: list[Token]) -> list[Token]:
    """The name part of a subject: capitalised words, after an optional "the" and lower-case
    role words ("the historian | Elizabeth Eisenstein"); empty if anything else is there."""
    index = 0
    while index < len(tokens) and (
        tokens[index].lower in DETERMINERS
        or (not tokens[index].is_capitalized and tokens[index].lower in ROLE_NOUNS)
    ):
        index += 1
    names = list(tokens[index:])
    if not names or not all(t.is_capitalized and t.is_word for t in names):
        return []
    return names


def build(text: str) -> SectionContext:
    sentences = split_sentences(text)
    context = SectionContext(text=text, sentences=sentences, phrases=keyphrases.EMPTY)
    for sentence in sentences:
        _collect_casing(context, sentence)
        _collect_nouns(context, sentence)
    context.phrases = keyphrases.score(sentences, context.nouns)
    weights = Counter(stem(t.text) for s in sentences for t in s.tokens if is_content_word(t.text))
    most = max(weights.values(), default=0)
    context.topic = {key for key, count in weights.items() if count >= max(3, most / 2)}
    for sentence in sentences:
        _collect_people(context, sentence)
    _people_from_pronouns(context)
    context.citations = _citation_lines(text, sentences)
    return context


_AUTHOR = re.compile(r"^[A-Z][\w’'-]+,\s+(?:[A-Z]\.\s?)+|^[A-Z][\w’'-]+,\s+[A-Z][a-z]+\.\s")
_ENDS_WITH_YEAR = re.compile(r"[,(]\s*(?:1[5-9]\d\d|20\d\d)[a-z]?\)?\.?$")


def _citation_lines(text: str, sentences: list[Sentence]) -> set[int]:
    """Bibliography entries ("Peng, Xizhe. “Title.” Journal, 1987.") teach nothing as cards."""
    spans: dict[int, tuple[int, int]] = {}
    for sentence in sentences:
        start, end = spans.get(sentence.line, (sentence.start, sentence.end))
        spans[sentence.line] = (min(start, sentence.start), max(end, sentence.end))
    found: set[int] = set()
    for line, (start, end) in spans.items():
        body = text[start:end].strip()
        quoted = "“" in body or '"' in body or "‘" in body
        if _AUTHOR.match(body) or (quoted and _ENDS_WITH_YEAR.search(body)):
            found.add(line)
    if len(found) * 2 >= len(spans) >= 2:
        return set(spans)  # mostly a reading list: the rest are titles and notes about them
    return found


def _collect_casing(context: SectionContext, sentence: Sentence) -> None:
    previous = ""
    for index, token in enumerate(sentence.tokens):
        if not token.is_word or token.is_number:
            previous = token.text
            continue
        word = strip_possessive(token.text)
        if token.is_capitalized:
            opening = index == 0 or previous in {'"', "“", "(", ":", "-", "—"}
            if not opening and not token.text.isupper():
                context.proper.add(word.lower())
        else:
            context.lower.add(word.lower())
        previous = token.text


_NOUN_MARKERS = DETERMINERS | {"its", "their", "his", "her", "this", "these", "those", "of"}


def _collect_nouns(context: SectionContext, sentence: Sentence) -> None:
    """The last word of a short run after "the", "a", "its"... is a noun ("the thylakoid
    membranes"); verbs the templates might confuse with nouns rarely appear there."""
    tokens = sentence.tokens
    for index, token in enumerate(tokens):
        if token.lower not in _NOUN_MARKERS:
            continue
        run: list[Token] = []
        for following in tokens[index + 1 : index + 4]:
            if not following.is_word or following.lower in STOPWORDS:
                break
            form = verb_form(following.lower)
            if run and form is not None and "past" in form.kinds and "3sg" not in form.kinds:
                break  # "the commune | controlled land"
            if run and form is not None and "3sg" in form.kinds and not _adjective(run[-1]):
                break  # "the adaptive response | needs", but "the ever-rising targets"
            run.append(following)
        if run:
            context.nouns.add(strip_possessive(run[-1].text).lower())


_ADJECTIVE_ENDINGS = (
    "ing", "ed", "al", "ic", "ive", "ous", "ful", "less", "able", "ible", "ar", "ary", "ent",
    "ant", "ish", "est", "er",
)  # fmt: skip


def _adjective(token: Token) -> bool:
    return "-" in token.text or token.lower.endswith(_ADJECTIVE_ENDINGS)


def _collect_people(context: SectionContext, sentence: Sentence) -> None:
    tokens = sentence.tokens
    index = 0
    while index < len(tokens):
        run = _name_run(tokens, index)
        if not run:
            index += 1
            continue
        names = tokens[index : index + run]
        after = tokens[index + run :]
        before = tokens[index - 1].lower.rstrip(".") if index > 0 else ""
        titled = len(names) > 1 and any(
            t.lower in ROLE_NOUNS or t.lower.rstrip(".") in PERSON_TITLES or t.lower in FIRST_NAMES
            for t in names[:-1]
        )
        if titled or _is_person_evidence(sentence, before, after, context):
            for name in names:
                word = strip_possessive(name.text).lower()
                if word not in DETERMINERS:
                    context.people.add(word)
        index += run


def _name_run(tokens: tuple[Token, ...], index: int) -> int:
    run = 0
    while index + run < len(tokens):
        token = tokens[index + run]
        lower = token.lower
        if not (token.is_word and token.is_capitalized) or lower in STOPWORDS or lower in MONTHS:
            break
        run += 1
    return run


def _is_person_evidence(
    sentence: Sentence, before: str, after: tuple[Token, ...], context: SectionContext
) -> bool:
    if before in PERSON_TITLES or before in ROLE_NOUNS:  # "Dr Jenner", "the historian Eisenstein"
        return True
    following = " ".join(t.text for t in after[:4])
    if after and after[0].text == "(" and _LIFE_DATES.match(following.replace("( ", "(")):
        return True
    # "X, a Scottish physicist," / "X was a physicist and chemist" / "X became the first woman"
    if after and (after[0].text == "," or after[0].lower in {"was", "is", "became"}):
        return _role_head(after[1:])
    return False


def _role_head(tokens: tuple[Token, ...]) -> bool:
    """After "a/an/the", up to three modifiers, then a role noun as the head."""
    if not tokens or tokens[0].lower not in DETERMINERS:
        return False
    for token in tokens[1:6]:
        lower = token.lower
        if lower in ROLE_NOUNS:
            return True
        if not token.is_word or lower in STOPWORDS:
            return False
    return False


def _people_from_pronouns(context: SectionContext) -> None:
    """ "Gutenberg moved to Mainz. He ..." : a name followed by he/she is a person."""
    for previous, sentence in zip(context.sentences, context.sentences[1:], strict=False):
        if not sentence.tokens or sentence.tokens[0].lower not in {"he", "she", "his", "her"}:
            continue
        first = previous.tokens[:3]
        names = [t for t in first if t.is_word and t.is_capitalized]
        if names and names[0] is previous.tokens[0] and names[0].lower not in STOPWORDS:
            for name in names:
                if name.lower in STOPWORDS:
                    break
                context.people.add(strip_possessive(name.text).lower())
