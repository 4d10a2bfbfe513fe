"""Benchmark the offline card generator on Markdown articles.

    .venv/bin/python bench/cards/run.py [--show] [files...]

Defaults to content/*.md (the bundled articles), else the test texts. For each article it
prints, per section: words, cards kept, drafts overgenerated, the gate's pass rate on those
drafts (before ranking and filtering) and the time `generate` took. Then the share of sections
with at least 3 cards, the median and p90 time per section against the 50 ms target, and why
the gate rejected drafts (duplicates are expected: templates overgenerate on purpose).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from study.generation import GenerationOptions, check  # noqa: E402
from study.generation.local import LocalGenerator  # noqa: E402
from tests.generation.markdown_sections import load, title  # noqa: E402

TARGET_MEDIAN_MS = 50.0
RUNS = 3  # per section; the fastest of the runs is its time (less noise from the machine)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--show", action="store_true", help="print every card")
    args = parser.parse_args(argv)
    files = args.files or default_files()
    if not files:
        print("no Markdown files found", file=sys.stderr)
        return 1
    generator = LocalGenerator()
    options = GenerationOptions()
    generator.generate("Warm-up: Photosynthesis is a process. It was described in 1779.", options)
    totals = Totals()
    for path in files:
        report_article(path, generator, options, totals, show=args.show)
    totals.print()
    return 0


def default_files() -> list[Path]:
    content = sorted(p for p in (ROOT / "content").glob("*.md") if p.name.lower() != "readme.md")
    return content or sorted((ROOT / "tests" / "generation" / "texts").glob("*.md"))


class Totals:
    def __init__(self) -> None:
        self.sections = 0
        self.with_three = 0
        self.long_sections = 0
        self.long_with_three = 0
        self.cards = 0
        self.drafts = 0
        self.passed = 0
        self.reasons: Counter[str] = Counter()
        self.times_ms: list[float] = []

    def print(self) -> None:
        print("=" * 78)
        print(f"ALL ARTICLES: {self.sections} sections, {self.cards} cards")
        print(f"  sections with >= 3 cards:        {share(self.with_three, self.sections)}")
        print(
            f"  sections of >= 80 words, >= 3:   {share(self.long_with_three, self.long_sections)}"
        )
        print(f"  gate pass rate before filtering: {share(self.passed, self.drafts)}")
        reasons = ", ".join(f"{name} {count}" for name, count in self.reasons.most_common(6))
        print(f"  rejections by reason:            {reasons or '-'}")
        median, p90 = percentiles(self.times_ms)
        verdict = "ok" if median <= TARGET_MEDIAN_MS else "OVER TARGET"
        print(
            f"  time per section (local):        median {median:.1f} ms, p90 {p90:.1f} ms "
            f"(target median <= {TARGET_MEDIAN_MS:.0f} ms: {verdict})"
        )


def report_article(
    path: Path,
    generator: LocalGenerator,
    options: GenerationOptions,
    totals: Totals,
    *,
    show: bool,
) -> None:
    markdown = path.read_text(encoding="utf-8")
    sections = load(path)
    print(f"\n{path.name} - {title(markdown) or path.stem} ({len(sections)} sections)")
    print(f"  {'section':<42} {'words':>5} {'cards':>5} {'drafts':>6} {'pass':>5} {'ms':>6}")
    times: list[float] = []
    with_three = 0
    for heading, text in sections:
        elapsed, cards = timed(generator, text, options)
        drafts = generator.candidates(text)
        result = check(text, drafts)
        passed = len(result.kept)
        totals.reasons.update(reason for item in result.rejected for reason in item.reasons)
        words = len(text.split())
        times.append(elapsed)
        with_three += len(cards) >= 3
        totals.sections += 1
        totals.with_three += len(cards) >= 3
        totals.long_sections += words >= 80
        totals.long_with_three += words >= 80 and len(cards) >= 3
        totals.cards += len(cards)
        totals.drafts += len(drafts)
        totals.passed += passed
        totals.times_ms.append(elapsed)
        rate = f"{100 * passed / len(drafts):.0f}%" if drafts else "-"
        print(
            f"  {heading[:42]:<42} {words:>5} {len(cards):>5} {len(drafts):>6} {rate:>5} "
            f"{elapsed:>6.1f}"
        )
        if show:
            for card in cards:
                print(f"      [{card.kind}] {card.question}")
                print(f"          -> {card.answer}")
    median, p90 = percentiles(times)
    print(
        f"  sections with >= 3 cards: {share(with_three, len(sections))}; "
        f"time per section: median {median:.1f} ms, p90 {p90:.1f} ms"
    )


def timed(generator: LocalGenerator, text: str, options: GenerationOptions) -> tuple[float, list]:
    best = float("inf")
    cards: list = []
    for _ in range(RUNS):
        start = time.perf_counter()
        cards = generator.generate(text, options)
        best = min(best, (time.perf_counter() - start) * 1000)
    return best, cards


def percentiles(values: list[float]) -> tuple[float, float]:
    if not values:
        return 0.0, 0.0
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]
    return statistics.median(ordered), p90


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "-"


if __name__ == "__main__":
    raise SystemExit(main())
