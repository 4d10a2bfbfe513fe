"""How well a web page becomes its article: the share of the article's words kept, and of junk
(navigation, banners, comments, sidebars…) let in, on saved pages of different kinds.

    .venv/bin/python bench/extraction/run.py [--show]

Each page in pages/*.html has beside it the article's text as a reader would want it
(pages/NAME.txt: title, headings and body). Words are compared as multisets of lower-case
word tokens: "kept" is the share of the expected words found in what Readmark stores (title,
section headings and section texts), "junk" the share of the stored words that the expected
text does not have. Targets: kept >= 95%, junk <= 2% on every page. For comparison the same
figures are printed for the HTML-file importer (readability and the page's own <main>).

The pages and their expected texts were written for this benchmark. The web importer's
furniture rules were adjusted while looking at news, blog, encyclopedia and documentation;
magazine.html was written afterwards and not tuned on, as a check that they generalise.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from reader.importers.base import finish  # noqa: E402
from reader.importers.html import parse_html_article  # noqa: E402
from reader.importers.web import parse_fetched  # noqa: E402

PAGES = Path(__file__).resolve().parent / "pages"
KEPT_TARGET = 0.95
JUNK_TARGET = 0.02


def words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


def stored_text(article) -> str:
    parts = [article.title]
    for section in article.sections:
        if section.heading not in ("Introduction",) and not section.heading.startswith("Part "):
            parts.append(section.heading)
        parts.append(section.text)
    return "\n".join(parts)


def score(expected: Counter[str], got: Counter[str]) -> tuple[float, float]:
    common = sum((expected & got).values())
    kept = common / max(1, sum(expected.values()))
    junk = sum((got - expected).values()) / max(1, sum(got.values()))
    return kept, junk


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the junk and missing words")
    args = parser.parse_args(argv)
    print(f"targets: kept >= {KEPT_TARGET:.0%}, junk <= {JUNK_TARGET:.0%} (per page)")
    print(
        f"{'page':<16} {'words':>5}  {'web: kept':>9} {'junk':>6}  {'file: kept':>10} {'junk':>6}"
    )
    failures = 0
    for page in sorted(PAGES.glob("*.html")):
        expected = words(page.with_suffix(".txt").read_text(encoding="utf-8"))
        body = page.read_bytes()
        web = parse_fetched(
            body, content_type="text/html", charset="utf-8", url=f"https://bench.test/{page.name}"
        )
        file = finish(parse_html_article(body.decode(), fallback_title=page.stem))
        got = words(stored_text(web))
        kept, junk = score(expected, got)
        file_kept, file_junk = score(expected, words(stored_text(file)))
        ok = kept >= KEPT_TARGET and junk <= JUNK_TARGET
        failures += not ok
        print(
            f"{page.stem:<16} {sum(expected.values()):>5}  {kept:>9.1%} {junk:>6.1%}  "
            f"{file_kept:>10.1%} {file_junk:>6.1%}  {'ok' if ok else 'MISSES TARGET'}"
        )
        if args.show:
            print("   missing:", dict((expected - got).most_common(15)))
            print("   junk:   ", dict((got - expected).most_common(15)))
    print(f"{failures} page(s) miss a target")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
