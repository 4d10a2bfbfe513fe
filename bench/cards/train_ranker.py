"""Fit the offline generator's card ranker (study/generation/ranker.json).

    .venv/bin/python bench/cards/train_ranker.py [--check]

Data: bench/cards/data/squad_visible.json (CC BY-SA 4.0, see data/README.md), the questions
people wrote about Wikipedia paragraphs. Every draft the templates make that passes the gate is
one example, labelled 1 when its answer contains the answer to one of the people's questions.
Logistic regression by plain batch gradient descent with L2, fixed data order and step count:
the same data always gives the same weights.

It first reports a cross-check that does not see the test article (train on one article,
measure the coverage of the people's answers on the other, as bench/cards/run.py counts it),
then fits on both and writes the weights. `--check` only reports (nothing is written).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.cards.run import SQUAD, WORDS_PER_COUNTED_CARD, covered  # noqa: E402
from study.generation import GenerationOptions, gate, learned, ranking  # noqa: E402
from study.generation import context as section_context  # noqa: E402
from study.generation.local import LocalGenerator  # noqa: E402
from study.generation.templates import drafts_for  # noqa: E402

STEPS = 3000
RATE = 0.5
L2 = 0.01


def examples(paragraph: dict, title: str) -> list[tuple[list[float], int]]:
    text = paragraph["context"]
    context = section_context.build(text)
    drafts = [d for s in context.sentences for d in drafts_for(context, s)]
    out = []
    for item, vector in ranking.featurized(context, drafts):
        result = gate.check(text, [item], titles=(title,))
        if not result.kept:
            continue
        card = result.kept[0]
        label = any(covered(qa["answers"], [card]) for qa in paragraph["qas"])
        out.append((vector, int(label)))
    return out


def fit(data: list[tuple[list[float], int]]) -> list[float]:
    size = len(data[0][0])
    weights = [0.0] * size
    for _ in range(STEPS):
        gradient = [0.0] * size
        for vector, label in data:
            z = sum(w * x for w, x in zip(weights, vector, strict=True))
            error = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) - label
            for index, x in enumerate(vector):
                gradient[index] += error * x
        for index in range(size):
            penalty = L2 * weights[index] if index else 0.0
            weights[index] -= RATE * (gradient[index] / len(data) + penalty)
    return weights


def coverage(articles: list[dict], weights: list[float]) -> tuple[int, int]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ranker.json"
        write(path, weights)
        saved = learned.WEIGHTS
        learned.WEIGHTS = path
        learned._weights.cache_clear()
        try:
            generator = LocalGenerator()
            hits = total = 0
            for article in articles:
                title = article["title"].replace("_", " ")
                for paragraph in article["paragraphs"]:
                    text = paragraph["context"]
                    cap = len(text.split()) // WORDS_PER_COUNTED_CARD + 1
                    cards = generator.ranked(text, GenerationOptions(titles=(title,)))[:cap]
                    for qa in paragraph["qas"]:
                        total += 1
                        hits += covered(qa["answers"], cards)
        finally:
            learned.WEIGHTS = saved
            learned._weights.cache_clear()
    return hits, total


def write(path: Path, weights: list[float]) -> None:
    named = {name: round(w, 4) for name, w in zip(learned.names(), weights, strict=True)}
    body = {
        "trained_by": "bench/cards/train_ranker.py",
        "data": "bench/cards/data/squad_visible.json (CC BY-SA 4.0)",
        "weights": named,
    }
    path.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report only, write nothing")
    args = parser.parse_args(argv)
    articles = json.loads(SQUAD.read_text(encoding="utf-8"))["articles"]
    per_article = [
        [e for p in a["paragraphs"] for e in examples(p, a["title"].replace("_", " "))]
        for a in articles
    ]
    print(f"examples: {[len(x) for x in per_article]}")
    for held in range(len(articles)):
        train = [e for i, data in enumerate(per_article) if i != held for e in data]
        hits, total = coverage([articles[held]], fit(train))
        name = articles[held]["title"]
        print(f"held-out {name}: {hits}/{total} ({100 * hits / total:.0f}%) answers covered")
    weights = fit([e for data in per_article for e in data])
    hits, total = coverage(articles, weights)
    print(f"fitted on both: {hits}/{total} ({100 * hits / total:.0f}%) answers covered")
    for name, weight in zip(learned.names(), weights, strict=True):
        print(f"  {name:<22} {weight:+.3f}")
    if not args.check:
        write(learned.WEIGHTS, weights)
        print(f"wrote {learned.WEIGHTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
