"""Benchmark: place 1,000 imported annotations whose quotes were edited (the JSON-LD import).

Run: ``.venv/bin/python bench/imports/run.py [--count N]``. Each annotation is a 400-character
passage of a generated ~40 KB article in about ten sections, with three characters changed, and no
section named (as in a Hypothesis export), so every one needs the fuzzy search. Side by side:
``place_all`` as it is (sections that hold the most pieces of the quote verbatim first, the
others only while they could still matter) and the plain search of every section it replaced
(``PIECE_LENGTH`` set past any quote, so no piece exists). Both must give the same answers;
the figure is milliseconds per annotation, which sizes how long an import runs (it runs in the
background, with no transaction open, so it holds up nobody; see exports/import_jobs.py).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "anchoring"))

import prose  # noqa: E402

from exports import jsonld_import  # noqa: E402

SEED = 20261204
ARTICLE_SIZE = 40_000
SECTIONS = 9
QUOTE = 400
CHANGED = 3


def sections(rng: random.Random) -> list[tuple[str, str]]:
    paragraphs = prose.article(rng, ARTICLE_SIZE)
    per = max(1, len(paragraphs) // SECTIONS)
    return [
        (f"s{n}", "\n\n".join(" ".join(p) for p in paragraphs[i : i + per]))
        for n, i in enumerate(range(0, len(paragraphs), per))
    ]


def annotations(rng: random.Random, texts: list[tuple[str, str]], count: int) -> bytes:
    items = []
    for number in range(count):
        _, text = rng.choice([t for t in texts if len(t[1]) > QUOTE + 64])
        start = rng.randrange(0, len(text) - QUOTE)
        quote = list(text[start : start + QUOTE])
        for _ in range(CHANGED):
            quote[rng.randrange(QUOTE)] = rng.choice("qxz")
        selector = {
            "type": "TextQuoteSelector",
            "exact": "".join(quote),
            "prefix": text[max(0, start - 32) : start],
            "suffix": text[start + QUOTE : start + QUOTE + 32],
        }
        items.append(
            {"type": "Annotation", "id": f"urn:{number}", "target": {"selector": selector}}
        )
    return json.dumps({"type": "AnnotationPage", "items": items}).encode()


def timed(items, texts) -> tuple[float, tuple]:
    started = time.perf_counter()
    result = jsonld_import.place_all(items, texts)
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    rng = random.Random(SEED)
    texts = sections(rng)
    items, _ = jsonld_import.parse_annotations(annotations(rng, texts, args.count))
    fast, fast_result = timed(items, texts)
    jsonld_import.PIECE_LENGTH = 10**9  # no pieces: every section searched
    plain, plain_result = timed(items, texts)
    placed = len(fast_result[0])
    print(f"{args.count} edited {QUOTE}-character quotes, {len(texts)} sections, 1 process")
    print(
        f"  pieces first:  {fast / args.count * 1000:6.1f} ms each ({fast:.1f} s), {placed} placed"
    )
    print(f"  every section: {plain / args.count * 1000:6.1f} ms each ({plain:.1f} s)")
    print(f"  same answers: {fast_result == plain_result}")
    if fast_result != plain_result:
        sys.exit(1)


if __name__ == "__main__":
    main()
