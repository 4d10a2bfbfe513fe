"""The DOM half of anchoring in real Chromium: offsets <-> Ranges, and <mark> highlighting.

The page (tests/js_fixtures/anchoring.html) and the ES modules are served from the working
tree through Playwright's request routing, under a made-up origin: module scripts refuse
file:// URLs, and no socket or server is needed this way.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

import pytest

from anchoring import describe

ROOT = Path(__file__).resolve().parents[2]
ORIGIN = "http://anchoring.test"

# `make test` installs Chromium first; a missing browser must fail loudly, never skip.
pytestmark = pytest.mark.e2e


@pytest.fixture
def fixture_page(desktop_page):
    def serve(route):
        path = (ROOT / route.request.url.removeprefix(ORIGIN + "/").split("?")[0]).resolve()
        if ROOT not in path.parents or not path.is_file():
            route.fulfill(status=404, body="not found")
            return
        kind = "text/javascript" if path.suffix == ".js" else mimetypes.guess_type(path)[0]
        route.fulfill(status=200, body=path.read_bytes(), content_type=kind or "text/plain")

    desktop_page.route(f"{ORIGIN}/**", serve)
    desktop_page.goto(f"{ORIGIN}/tests/js_fixtures/anchoring.html")
    desktop_page.wait_for_function("window.anchoringReady === true")
    yield desktop_page
    assert desktop_page.js_errors == []


def text_of(page) -> str:
    return page.evaluate("document.getElementById('root').textContent")


ROUND_TRIP = """
({ step }) => {
  const { offsetsToRange, rangeToOffsets, codepointLength } = window.anchoring;
  const root = document.getElementById("root");
  const text = root.textContent;
  const points = Array.from(text);
  const failures = [];
  const n = codepointLength(text);
  for (let start = 0; start <= n; start += step) {
    for (let end = start; end <= n; end += step) {
      const range = offsetsToRange(root, start, end);
      const back = rangeToOffsets(root, range);
      const expected = points.slice(start, end).join("");
      if (back.start !== start || back.end !== end || range.toString() !== expected) {
        failures.push({ start, end, back, got: range.toString() });
      }
    }
  }
  return { n, failures: failures.slice(0, 5) };
}
"""


def test_it_round_trips_offsets_and_ranges_over_the_whole_text(fixture_page):
    result = fixture_page.evaluate(ROUND_TRIP, {"step": 3})
    assert result["n"] == len(text_of(fixture_page))  # code points, as Python counts
    assert result["failures"] == []


def test_it_measures_a_user_selection_in_code_points_like_the_server(fixture_page):
    # Select "Great Leap Forward" by its DOM nodes, after an emoji and CJK characters.
    offsets = fixture_page.evaluate(
        """() => {
          const i = document.querySelector("#root i");
          const range = document.createRange();
          range.selectNodeContents(i);
          const { rangeToOffsets, describe } = window.anchoring;
          const root = document.getElementById("root");
          const { start, end } = rangeToOffsets(root, range);
          return { start, end, selectors: describe(root.textContent, start, end) };
        }"""
    )
    text = text_of(fixture_page)
    assert text[offsets["start"] : offsets["end"]] == "Great Leap Forward"
    assert offsets["selectors"] == describe(text, offsets["start"], offsets["end"])


HIGHLIGHT = """
({ start, end, attrs }) => {
  const { offsetsToRange, highlightRange } = window.anchoring;
  const root = document.getElementById("root");
  const handle = highlightRange(offsetsToRange(root, start, end), attrs);
  window.handles = (window.handles || []).concat([handle]);
  return handle.elements.map((mark) => ({
    text: mark.textContent,
    parent: mark.parentNode.nodeName,
    kind: mark.getAttribute("data-kind"),
  }));
}
"""


def test_it_wraps_text_across_elements_and_skips_layout_white_space(fixture_page):
    before_html = fixture_page.evaluate("document.getElementById('root').innerHTML")
    text = text_of(fixture_page)
    start = text.index("record")
    end = text.index("Rations") + len("Rations")
    marks = fixture_page.evaluate(
        HIGHLIGHT, {"start": start, "end": end, "attrs": {"data-kind": "highlight"}}
    )
    assert text_of(fixture_page) == text  # marks add no text
    assert all(mark["kind"] == "highlight" for mark in marks)
    # No <mark> where only list items or table parts may go.
    assert {mark["parent"] for mark in marks}.isdisjoint({"UL", "OL", "SECTION", "ARTICLE"})
    covered = "".join(mark["text"] for mark in marks)
    assert "".join(covered.split()) == "".join(text[start:end].split())
    fixture_page.evaluate("window.handles[0].remove()")
    assert fixture_page.evaluate("document.querySelectorAll('mark').length") == 0
    assert fixture_page.evaluate("document.getElementById('root').innerHTML") == before_html


def test_it_nests_overlapping_highlights_and_removes_one_without_the_other(fixture_page):
    text = text_of(fixture_page)
    a = (text.index("provincial"), text.index("harvest") + len("harvest"))
    b = (text.index("committee"), text.index("Officials") + len("Officials"))
    fixture_page.evaluate(HIGHLIGHT, {"start": a[0], "end": a[1], "attrs": {"data-kind": "note"}})
    fixture_page.evaluate(HIGHLIGHT, {"start": b[0], "end": b[1], "attrs": {"data-kind": "quote"}})
    nested = fixture_page.evaluate("document.querySelectorAll('mark mark').length")
    assert nested >= 1
    marked = """(kind) => Array.from(document.querySelectorAll(`mark[data-kind=${kind}]`))
                 .map((m) => m.textContent).join("")"""
    quote_text = fixture_page.evaluate(marked, "quote")
    fixture_page.evaluate("window.handles[0].remove()")  # the first, outer highlight
    assert fixture_page.evaluate(marked, "note") == ""
    assert fixture_page.evaluate(marked, "quote") == quote_text
    assert text_of(fixture_page) == text
    fixture_page.evaluate("window.handles[1].remove()")
    assert fixture_page.evaluate("document.querySelectorAll('mark').length") == 0
    assert text_of(fixture_page) == text
    # Text nodes were merged back: no empty or split leftovers inside the paragraph.
    assert (
        fixture_page.evaluate(
            "Array.from(document.querySelector('#root p').childNodes)"
            ".filter((n) => n.nodeType === 3 && n.data === '').length"
        )
        == 0
    )


def test_it_highlights_inside_a_single_text_node_and_at_its_edges(fixture_page):
    text = text_of(fixture_page)
    for word in ("Historians", "surveys.", "📉", "大跃进"):
        start = text.index(word)
        marks = fixture_page.evaluate(
            HIGHLIGHT, {"start": len(text[:start]), "end": start + len(word), "attrs": {}}
        )
        assert [mark["text"] for mark in marks] == [word]
    assert text_of(fixture_page) == text
