"""Benchmark the offline card generator: what it asks, how much of it matters, how fast.

    .venv/bin/python bench/cards/run.py [--show] [--no-squad] [files...]

Two kinds of input:

- Markdown articles (default: content/*.md and tests/generation/texts/*.md), split into
  sections the way the reader stores them;
- `bench/cards/data/squad_visible.json` (CC BY-SA 4.0, see data/README.md): Wikipedia
  paragraphs with the questions people wrote about them and their answers.

Per text it prints cards per section, the share of sections with at least 3 cards, trivial
cards (final cards the gate's own triviality checks reject when shown the titles), ungrounded
cards (evidence that is not the section's text at its offsets) and the time per section. On
SQuAD it also prints the share of the people's answers that appear in a card's answer, with
the cards per paragraph capped at one per 30 words plus one (the generator's best first), so
that covering more cannot be bought with more cards. Targets are printed next to each figure;
the exit status is 1 when one is missed.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from study.generation import Card, GenerationOptions, gate  # noqa: E402
from study.generation.local import LocalGenerator  # noqa: E402
from tests.generation.markdown_sections import load, title  # noqa: E402

SQUAD = Path(__file__).resolve().parent / "data" / "squad_visible.json"
TARGET_COVERAGE = 0.40
TARGET_MS = 200.0
WORDS_PER_COUNTED_CARD = 30
RUNS = 3  # per section; the fastest of the runs is its time (less noise from the machine)


@dataclass
class Section:
    heading: str
    text: str
    titles: tuple[str, ...]
    answers: list[list[str]] = field(default_factory=list)  # per question, accepted answers


@dataclass
class Text:
    name: str
    sections: list[Section]


@dataclass
class Row:
    name: str
    sections: int = 0
    cards: int = 0
    with_three: int = 0
    trivial: int = 0
    ungrounded: int = 0
    questions: int = 0
    covered: int = 0
    times_ms: list[float] = field(default_factory=list)

    def add(self, other: Row) -> None:
        for name in ("sections", "cards", "with_three", "trivial", "ungrounded"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.questions += other.questions
        self.covered += other.covered
        self.times_ms += other.times_ms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--no-squad", action="store_true", help="Markdown texts only")
    parser.add_argument("--show", action="store_true", help="print every card")
    args = parser.parse_args(argv)
    texts = [markdown_text(path) for path in (args.files or default_files())]
    if not args.no_squad:
        texts += squad_texts(SQUAD)
    generator = LocalGenerator()
    generator.generate("Warm-up: Photosynthesis is a process. It was described in 1779.")
    rows = [measure(text, generator, show=args.show) for text in texts]
    total = Row("ALL")
    for row in rows:
        total.add(row)
    return print_table([*rows, total])


def default_files() -> list[Path]:
    content = sorted(p for p in (ROOT / "content").glob("*.md") if p.name.lower() != "readme.md")
    return content + sorted((ROOT / "tests" / "generation" / "texts").glob("*.md"))


def markdown_text(path: Path) -> Text:
    article = title(path.read_text(encoding="utf-8")) or path.stem
    sections = [Section(h, t, (article, h)) for h, t in load(path)]
    return Text(path.name, sections)


def squad_texts(path: Path) -> list[Text]:
    data = json.loads(path.read_text(encoding="utf-8"))
    texts = []
    for article in data["articles"]:
        name = article["title"].replace("_", " ")
        sections = [
            Section(
                f"paragraph {number}",
                paragraph["context"],
                (name,),
                [qa["answers"] for qa in paragraph["qas"]],
            )
            for number, paragraph in enumerate(article["paragraphs"], 1)
        ]
        texts.append(Text(f"squad: {name}", sections))
    return texts


def measure(text: Text, generator: LocalGenerator, *, show: bool) -> Row:
    row = Row(text.name)
    if show:
        print(f"\n== {text.name}")
    for section in text.sections:
        options = GenerationOptions(titles=section.titles)
        elapsed, cards = timed(generator, section.text, options)
        row.sections += 1
        row.cards += len(cards)
        row.with_three += len(cards) >= 3
        row.times_ms.append(elapsed)
        row.ungrounded += sum(not grounded(section.text, card) for card in cards)
        row.trivial += sum(
            bool(gate.trivial_reasons(card, section.text, section.titles)) for card in cards
        )
        if section.answers:
            cap = len(section.text.split()) // WORDS_PER_COUNTED_CARD + 1
            counted = generator.ranked(section.text, options)[:cap]
            hits = [covered(answers, counted) for answers in section.answers]
            row.questions += len(hits)
            row.covered += sum(hits)
        if show:
            print(f"\n  -- {section.heading} ({len(section.text.split())} words)")
            for card in cards:
                print(f"     [{card.kind}] {card.question}\n        -> {card.answer}")
    return row


def timed(generator: LocalGenerator, text: str, options: GenerationOptions) -> tuple[float, list]:
    best = float("inf")
    cards: list = []
    for _ in range(RUNS):
        start = time.perf_counter()
        cards = generator.generate(text, options)
        best = min(best, (time.perf_counter() - start) * 1000)
    return best, cards


def grounded(text: str, card: Card) -> bool:
    return text[card.evidence.start : card.evidence.end] == card.evidence.exact != ""


_ARTICLES = re.compile(r"^(?:the|a|an) ")


def plain(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = re.sub(r"[^\w%$£€.]+", " ", folded)
    folded = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", folded)
    return " ".join(folded.split())


def covered(answers: list[str], cards: list[Card]) -> bool:
    """Some accepted answer appears, as whole words, in some card's answer."""
    targets = {_ARTICLES.sub("", plain(a)) for a in answers} - {""}
    return any(f" {t} " in f" {plain(card.answer)} " for t in targets for card in cards)


def print_table(rows: list[Row]) -> int:
    missed = False
    head = (
        f"{'text':<34} {'sect':>4} {'cards/s':>7} {'>=3':>5} {'trivial':>7} {'ungr.':>5} "
        f"{'covered':>13} {'ms med':>6} {'ms max':>6}"
    )
    print(head)
    print("-" * len(head))
    for row in rows:
        if row.name == "ALL":
            print("-" * len(head))
        coverage = "-"
        if row.questions:
            coverage = f"{row.covered}/{row.questions} {100 * row.covered / row.questions:.1f}%"
        median = statistics.median(row.times_ms) if row.times_ms else 0.0
        worst = max(row.times_ms, default=0.0)
        print(
            f"{row.name[:34]:<34} {row.sections:>4} {row.cards / max(1, row.sections):>7.1f} "
            f"{100 * row.with_three / max(1, row.sections):>4.0f}% {row.trivial:>7} "
            f"{row.ungrounded:>5} {coverage:>13} {median:>6.1f} {worst:>6.1f}"
        )
        missed = missed or row.trivial > 0 or row.ungrounded > 0 or worst > TARGET_MS
    squad = [row for row in rows if row.name.startswith("squad")]
    asked = sum(row.questions for row in squad)
    found = sum(row.covered for row in squad)
    if squad:
        print(f"\nsquad_visible.json: {found}/{asked} ({100 * found / asked:.1f}%) answers covered")
        missed = missed or found < TARGET_COVERAGE * asked
    print(
        f"\ntargets: covered >= {TARGET_COVERAGE:.0%} of the people's answers on squad (cards "
        f"capped at 1 per {WORDS_PER_COUNTED_CARD} words + 1), 0 trivial, 0 ungrounded, every "
        f"section <= {TARGET_MS:.0f} ms (fastest of {RUNS} runs): {'MISSED' if missed else 'met'}"
    )
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
