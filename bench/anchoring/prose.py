"""Deterministic prose for the anchoring benchmark.

Why templates over a shared vocabulary instead of random letters: real articles repeat their
words and phrases ("the provincial committee", "grain procurement quotas"), and repetition is
what makes anchoring hard: short quotes occur many times and an edited sentence has lookalikes.
Random letters would make every quote unique and every number flattering. Slots are filled
independently (with a Zipf-like skew, as word use is), so phrases recur while whole sentences
rarely do, as in a real history text.
"""

from __future__ import annotations

import random

W = {
    "adj": [
        "provincial",
        "county",
        "local",
        "central",
        "regional",
        "commune",
        "village",
        "state",
        "party",
        "rural",
    ],
    "actor": [
        "committee",
        "officials",
        "cadres",
        "leadership",
        "planners",
        "inspectors",
        "brigades",
        "households",
        "newspapers",
        "secretaries",
        "delegates",
        "reporters",
    ],
    "verb": [
        "reported",
        "inflated",
        "requisitioned",
        "questioned",
        "announced",
        "concealed",
        "exaggerated",
        "distributed",
        "revised",
        "collected",
        "ignored",
        "criticised",
        "promised",
        "recorded",
        "demanded",
        "estimated",
        "doubled",
        "defended",
        "published",
        "withheld",
    ],
    "thing": [
        "harvest figures",
        "grain procurement quotas",
        "steel output",
        "sowing plans",
        "furnace production",
        "communal kitchens",
        "rice yields",
        "irrigation projects",
        "grain reserves",
        "livestock numbers",
        "labour assignments",
        "ploughing campaigns",
        "wheat exports",
        "official statistics",
        "food rations",
        "cotton deliveries",
    ],
    "place": [
        "Henan",
        "Sichuan",
        "Anhui",
        "Gansu",
        "Shandong",
        "Hunan",
        "Hebei",
        "Guizhou",
        "Yunnan",
        "Jiangsu",
        "Xinyang",
        "Fengyang",
    ],
    "month": [
        "January",
        "March",
        "April",
        "June",
        "July",
        "August",
        "October",
        "November",
        "December",
    ],
    "cause": [
        "the targets had been raised again",
        "the granaries were nearly empty",
        "reports of shortages reached the capital",
        "the soil was exhausted",
        "no one dared to contradict the plan",
        "the rains failed for a second year",
        "thousands of workers had left the land",
        "the kitchens ran out of food",
        "the quotas could be met on paper",
        "the furnaces consumed the tools",
    ],
    "link": ["while", "because", "although", "as", "even", "though", "since", "when", "after"],
}
TEMPLATES = [
    "The {adj} {actor} {verb} the {thing} in {place} in {month} {year}.",
    "In {month} {year}, the {adj} {actor} {verb} the {thing} by {n} percent, {link} {cause}.",
    "The {adj} {actor} {verb} the {thing} {link} {cause}.",
    "According to later accounts, the {adj} {actor} of {place} {verb} the {thing}.",
    "{Link} {cause}, the {adj} {actor} {verb} the {thing} in {place}.",
    "It was the {adj} {actor} who {verb} the {thing} in {year}, {link} {cause}.",
    "The {adj} {actor} {verb} the {thing}; the {adj2} {actor2} {verb2} the {thing2}.",
    "Historians note that {n} {actor} in {place} {verb} the {thing} {link} {cause}.",
    "By {month} {year} the {thing} of {place} had fallen to {n} percent of the plan.",
]


def _pick(rng: random.Random, words: list[str]) -> str:
    # Zipf-like: the first words of each list are much more common, as in real text.
    return rng.choices(words, [1.0 / (rank + 1) for rank in range(len(words))])[0]


def sentence(rng: random.Random) -> str:
    fill = {key: _pick(rng, words) for key, words in W.items()}
    fill.update(
        adj2=_pick(rng, W["adj"]),
        actor2=_pick(rng, W["actor"]),
        verb2=_pick(rng, W["verb"]),
        thing2=_pick(rng, W["thing"]),
        year=str(rng.randint(1957, 1962)),
        n=str(rng.randint(3, 97)),
        Link=fill["link"].capitalize(),
    )
    text = rng.choice(TEMPLATES).format(**fill)
    return text[0].upper() + text[1:]


def paragraph(rng: random.Random) -> list[str]:
    """A paragraph as its list of sentences (joined with single spaces)."""
    return [sentence(rng) for _ in range(rng.randint(3, 8))]


def article(rng: random.Random, size: int) -> list[list[str]]:
    """Paragraphs of sentences until the joined text reaches ``size`` characters."""
    paragraphs: list[list[str]] = []
    total = 0
    while total < size:
        para = paragraph(rng)
        paragraphs.append(para)
        total += len(" ".join(para)) + 2
    return paragraphs
