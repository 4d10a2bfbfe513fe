"""Verb inflection over the lexicon: recognise a verb form and turn it back into its base.

Questions need "did" + base ("When did Gutenberg develop ...?"), so past forms must map back to
the right base. We generate every inflection of every known base and invert the table, rather
than stripping suffixes, because stripping guesses wrong ("based" -> "bas", "died" -> "dy").
"""

from __future__ import annotations

from dataclasses import dataclass

from study.generation.lexicon import BE, DO, HAVE, IRREGULAR, MODALS, VERB_BASES, word_set

VOWELS = frozenset("aeiou")


@dataclass(frozen=True, slots=True)
class VerbForm:
    base: str
    kinds: frozenset[str]  # subset of {"base", "3sg", "past", "participle", "ing"}


def third_person(base: str) -> str:
    if base == "be":
        return "is"
    if base == "have":
        return "has"
    if base.endswith(("s", "x", "z", "ch", "sh", "o")):
        return base + "es"
    if base.endswith("y") and len(base) > 1 and base[-2] not in VOWELS:
        return base[:-1] + "ies"
    return base + "s"


def _regular_past(base: str) -> list[str]:
    if base.endswith("e"):
        return [base + "d"]
    if base.endswith("y") and len(base) > 1 and base[-2] not in VOWELS:
        return [base[:-1] + "ied"]
    forms = [base + "ed"]
    if _doubles(base):
        forms.append(base + base[-1] + "ed")
    if base.endswith("c"):
        forms.append(base + "ked")  # panic -> panicked
    return forms


def _ing(base: str) -> list[str]:
    if base.endswith("ie"):
        return [base[:-2] + "ying"]
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")):
        return [base[:-1] + "ing"]
    forms = [base + "ing"]
    if _doubles(base):
        forms.append(base + base[-1] + "ing")
    return forms


def _doubles(base: str) -> bool:
    """Consonant-vowel-consonant endings may double (stop -> stopped, control -> controlled)."""
    return (
        len(base) >= 3
        and base[-1] not in VOWELS
        and base[-1] not in "wxy"
        and base[-2] in VOWELS
        and base[-3] not in VOWELS
    )


def _build() -> dict[str, VerbForm]:
    table: dict[str, dict[str, set[str]]] = {}

    def add(form: str, base: str, kind: str) -> None:
        table.setdefault(form, {}).setdefault(base, set()).add(kind)

    for base in sorted(VERB_BASES):
        add(base, base, "base")
        add(third_person(base), base, "3sg")
        if base in IRREGULAR:
            past, participle = IRREGULAR[base]
            add(past, base, "past")
            add(participle, base, "participle")
            # Many "irregular" verbs also take the regular form (learned, proved, showed).
            for form in _regular_past(base):
                if base in {"learn", "burn", "dream", "lean", "leap", "prove", "show", "sew"}:
                    add(form, base, "past")
                    add(form, base, "participle")
        else:
            for form in _regular_past(base):
                add(form, base, "past")
                add(form, base, "participle")
        for form in _ing(base):
            add(form, base, "ing")
    result: dict[str, VerbForm] = {}
    for form, bases in table.items():
        # An irregular past beats a regular base ("found" is find's past before it is "to
        # found"; "lay" is lie's past) only for the past reading; keep both kinds.
        base = _prefer(form, bases)
        kinds: set[str] = set()
        for kinds_of_base in bases.values():
            kinds |= kinds_of_base
        result[form] = VerbForm(base, frozenset(kinds))
    add_extra = {"born": ("bear", "participle"), "learned": ("learn", "past")}
    for form, (base, kind) in add_extra.items():
        result.setdefault(form, VerbForm(base, frozenset({kind, "participle"})))
    for aux in BE:
        result[aux] = VerbForm("be", frozenset({_be_kind(aux)}))
    return result


def _prefer(form: str, bases: dict[str, set[str]]) -> str:
    if len(bases) == 1:
        return next(iter(bases))
    for base, kinds in sorted(bases.items()):
        if "past" in kinds and base in IRREGULAR and form == IRREGULAR[base][0]:
            return base
    return sorted(bases)[0]


def _be_kind(form: str) -> str:
    return {
        "be": "base",
        "am": "base",
        "is": "3sg",
        "are": "base",
        "was": "past",
        "were": "past",
        "been": "participle",
        "being": "ing",
    }[form]


_FORMS = _build()


def verb_form(word: str) -> VerbForm | None:
    lower = word.lower()
    return _FORMS.get(lower) or _guess(lower)


def _guess(word: str) -> VerbForm | None:
    """An unknown "-ed" word is a past form; its base only when the spelling makes it certain
    ("eradicated" -> "eradicate", "launched" -> "launch"); otherwise base is "" and no template
    will put it after "did"."""
    if len(word) < 6 or not word.endswith("ed") or word in _NOT_VERBS or not word.isalpha():
        return None
    stem = word[:-2]
    base = ""
    if word.endswith("ied"):
        base = word[:-3] + "y"
    elif word.endswith(("ated", "ized", "ised", "uted", "ited")):
        base = stem + "e" if word.endswith(("ated", "ized", "ised", "uted")) else stem
    elif stem[-1] == stem[-2] and stem[-1] not in "lsfz" and stem[-1] not in VOWELS:
        base = stem[:-1]
    elif (
        stem[-1] not in VOWELS
        and stem[-2] not in VOWELS
        and stem[-1] not in "cgvszu"
        and stem[-1] != stem[-2]
    ):
        base = stem
    return VerbForm(base, frozenset({"past", "participle"}))


_NOT_VERBS = word_set(
    "hundred kindred sacred naked wicked rugged ragged jagged wretched crooked beloved "
    "learned aged blessed dogged"
)


def is_auxiliary(word: str) -> bool:
    lower = word.lower()
    return lower in BE or lower in HAVE or lower in DO or lower in MODALS


def base_of(word: str) -> str | None:
    form = verb_form(word)
    return form.base if form and form.base else None


def is_plural_noun(word: str) -> bool:
    """A guess good enough for subject-verb agreement; irregular plurals are listed."""
    lower = word.lower()
    if lower in _IRREGULAR_PLURALS:
        return True
    if lower in _INVARIANT_SINGULAR:
        return False
    return (
        len(lower) > 3
        and lower.endswith("s")
        and not lower.endswith(("ss", "us", "is", "ics", "ous", "sis"))
    )


_IRREGULAR_PLURALS = word_set(
    "people men women children mice geese feet teeth data media criteria phenomena "
    "bacteria fungi nuclei cacti alumni police cattle"
)
_INVARIANT_SINGULAR = word_set(
    "news economics physics mathematics politics genetics statistics species series means "
    "process press gas bus lens virus status basis crisis analysis thesis"
)
