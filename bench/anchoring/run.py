"""Benchmark: re-anchor 1,000 highlights in an edited ~200 KB article.

Run: ``.venv/bin/python bench/anchoring/run.py``. Side by side: ``reanchor_many`` and the plain
baseline most readers start with (exact ``find``, nearest occurrence to the old offset). The
article, highlights and edits are generated from a fixed seed, and the right answer for each
highlight comes from tracking every character through the edits (``edits.py``), not from the code
under test. Targets: >= 98.5% correct among highlights whose text still exists, 0 wrong
placements (a miss must be an orphan), <= 0.5 s for all 1,000.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository root

import edits  # noqa: E402
import prose  # noqa: E402

from anchoring import Anchored, describe, reanchor_many  # noqa: E402

SEED = 20260729
ARTICLE_SIZE = 200_000
HIGHLIGHTS = 1_000
TYPOS = 100
DELETED_SENTENCES = 20
MOVED_PARAGRAPHS = 10
INSERTED_PARAGRAPHS = 40
TOLERANCE = 2  # boundary slack for a typo on a highlight's first or last character
MOSTLY = 0.75  # a partly deleted highlight placed on what is left of it (see judge)


def make_highlights(rng: random.Random, text: str) -> list[tuple[int, int]]:
    """Spans of 20-200 characters from word start to word end, inside one paragraph."""
    word_starts = [m.start() for m in re.finditer(r"\b\w", text)]
    spans: list[tuple[int, int]] = []
    while len(spans) < HIGHLIGHTS:
        start = rng.choice(word_starts)
        para_end = text.find(edits.SEPARATOR, start)
        para_end = len(text) if para_end == -1 else para_end
        end = start + rng.randint(20, 200)
        match = re.compile(r"\w\b").search(text, end - 1, para_end)
        end = match.end() if match else para_end
        if 20 <= end - start <= 200:
            spans.append((start, end))
    return spans


def edit_article(rng, paragraphs, spans, sentence_of):
    doc, _ = edits.Document.from_sentences(paragraphs)
    typo_spans = rng.sample(range(len(spans)), TYPOS)
    edits.apply_typos(doc, rng, {rng.randrange(*spans[i]) for i in typo_spans})
    single = [i for i, (s, e) in enumerate(spans) if sentence_of[s] == sentence_of[e - 1]]
    for i in rng.sample(single, DELETED_SENTENCES):
        edits.delete_sentence(doc, sentence_of[spans[i][0]])
    for _ in range(MOVED_PARAGRAPHS):
        edits.move_paragraph(doc, rng)
    for _ in range(INSERTED_PARAGRAPHS):
        edits.insert_paragraph(doc, rng)
    return doc.text(), doc.new_offsets()


def expectation(mapping: dict[int, int], start: int, end: int) -> tuple[str, set[int]]:
    """("intact" | "damaged" | "deleted", new offsets of the surviving characters)."""
    survivors = {mapping[i] for i in range(start, end) if i in mapping}
    if not survivors:
        return "deleted", survivors
    return ("intact" if len(survivors) == end - start else "damaged"), survivors


def judge(result, kind: str, survivors: set[int]) -> str:
    """Say "correct", "spill", "wrong" or "orphan" for one re-anchored highlight.

    Intact text: correct when both boundaries are within TOLERANCE, else wrong; an orphan is a
    miss. Deleted text: correct when orphaned, else wrong. Partly deleted text: correct when
    orphaned or placed on what is left (covering >= MOSTLY of the surviving characters, and
    made of >= MOSTLY of them); "spill" when it covers them but more than 1 - MOSTLY of the
    span is neighbouring text that resembles the deleted part; otherwise wrong.
    """
    if not isinstance(result, Anchored):
        return "correct" if kind in ("deleted", "damaged") else "orphan"
    if kind == "deleted":
        return "wrong"
    if kind == "intact":
        lo, hi = min(survivors), max(survivors) + 1
        ok = abs(result.start - lo) <= TOLERANCE and abs(result.end - hi) <= TOLERANCE
        return "correct" if ok else "wrong"
    inside = len(survivors.intersection(range(result.start, result.end)))
    if inside < MOSTLY * len(survivors):
        return "wrong"
    return "correct" if inside >= MOSTLY * (result.end - result.start) else "spill"


def baseline(text: str, selectors: list[dict]) -> list[Anchored | None]:
    """Exact find, nearest occurrence to the old start; no occurrence: orphan."""
    results = []
    for sel in selectors:
        exact, old = sel["quote"]["exact"], sel["position"]["start"]
        best, pos = None, text.find(exact)
        while pos != -1:
            if best is None or abs(pos - old) < abs(best - old):
                best = pos
            pos = text.find(exact, pos + 1)
        results.append(None if best is None else Anchored(best, best + len(exact), 1.0, "exact"))
    return results


def timed(fn, repeat: int = 3):
    """Result, median wall time and median CPU time (other work on the machine inflates wall)."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    return result, statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED, help="another article and edits")
    rng = random.Random(parser.parse_args().seed)
    paragraphs = prose.article(rng, ARTICLE_SIZE)
    doc, old_text = edits.Document.from_sentences(paragraphs)
    sentence_of = {cell[1]: cell[2] for row in doc.paragraphs for cell in row}
    spans = make_highlights(rng, old_text)
    selectors = [describe(old_text, s, e) for s, e in spans]
    new_text, mapping = edit_article(rng, paragraphs, spans, sentence_of)
    truth = [expectation(mapping, s, e) for s, e in spans]
    kinds = [k for k, _ in truth]

    print(f"article: {len(old_text):,} -> {len(new_text):,} characters; {HIGHLIGHTS} highlights")
    print(
        f"edits: {INSERTED_PARAGRAPHS} paragraphs inserted, {MOVED_PARAGRAPHS} moved, "
        f"{TYPOS} highlights with a typo inside, {DELETED_SENTENCES} highlighted sentences deleted"
    )
    print(
        f"truth: {kinds.count('intact')} intact, {kinds.count('damaged')} partly deleted, "
        f"{kinds.count('deleted')} deleted"
    )
    runs = {
        "exact find + nearest": timed(lambda: baseline(new_text, selectors)),
        "reanchor_many": timed(
            lambda: reanchor_many(new_text, selectors, old_length=len(old_text))
        ),
    }
    header = f"{'method':<22}{'time':>8}{'correct':>9}{'spill':>7}{'wrong':>7}{'orphans':>9}"
    print(f"\n{header}{'correct where text exists':>28}")
    summary, cpus = {}, {}
    for name, (results, seconds, cpu) in runs.items():
        verdicts = [judge(r, k, s) for r, (k, s) in zip(results, truth, strict=True)]
        exist = [v for v, k in zip(verdicts, kinds, strict=True) if k != "deleted"]
        orphans = sum(not isinstance(r, Anchored) for r in results)
        share = exist.count("correct") / len(exist)
        summary[name] = (seconds, verdicts.count("correct"))
        cpus[name] = cpu
        print(
            f"{name:<22}{seconds:>7.3f}s{verdicts.count('correct'):>9}{verdicts.count('spill'):>7}"
            f"{verdicts.count('wrong'):>7}{orphans:>9}"
            f"{exist.count('correct'):>12}/{len(exist)} = {share:6.1%}"
        )
    (base_s, base_ok), (ours_s, ours_ok) = summary.values()
    print(
        f"\nratio reanchor_many / baseline: time x{ours_s / base_s:.1f}, "
        f"correct x{ours_ok / base_ok:.3f}"
    )
    print("CPU time: " + ", ".join(f"{name} {cpu:.3f}s" for name, cpu in cpus.items()))
    print(f"(time: median of 3 runs; boundaries within {TOLERANCE} characters count as correct;")
    print(" a deleted highlight is correct when orphaned; see judge() for partly deleted ones)")


if __name__ == "__main__":
    main()
