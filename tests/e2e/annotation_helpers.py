"""Browser helpers for annotation tests: select text with a real mouse drag, read marks."""

from __future__ import annotations

from playwright.sync_api import Page

# The rectangles of a phrase inside a section body, found with a DOM Range (UTF-16 indexes).
_RECTS = """
([anchor, phrase, occurrence]) => {
  const body = document.querySelector(`[data-section-body="${anchor}"]`);
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = "";
  while (walker.nextNode()) {
    nodes.push([walker.currentNode, text.length]);
    text += walker.currentNode.data;
  }
  let index = -1;
  for (let i = 0; i <= occurrence; i++) index = text.indexOf(phrase, index + 1);
  if (index < 0) throw new Error(`phrase not found: ${phrase}`);
  const at = (offset, preferNext) => {
    for (const [node, start] of nodes) {
      const end = start + node.data.length;
      if (offset < end || (!preferNext && offset === end)) return [node, offset - start];
    }
  };
  const range = document.createRange();
  range.setStart(...at(index, true));
  range.setEnd(...at(index + phrase.length, false));
  // A quarter down the window: clear of the sticky header, and of the Notes sheet on phones.
  window.scrollBy(0, range.getBoundingClientRect().top - window.innerHeight * 0.25);
  const rects = [...range.getClientRects()].filter((r) => r.width > 0);
  const first = rects[0], last = rects[rects.length - 1];
  return {
    x1: first.left + 1, y1: first.top + first.height / 2,
    x2: last.right - 1, y2: last.top + last.height / 2,
  };
}
"""


def select_text(page: Page, anchor: str, phrase: str, occurrence: int = 0) -> None:
    """Drag the mouse across ``phrase`` in section ``anchor``, as a reader would."""
    box = page.evaluate(_RECTS, [anchor, phrase, occurrence])
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move((box["x1"] + box["x2"]) / 2, (box["y1"] + box["y2"]) / 2, steps=4)
    page.mouse.move(box["x2"], box["y2"], steps=4)
    page.mouse.up()


def selected_text(page: Page) -> str:
    return page.evaluate("() => window.getSelection().toString()")


def mark_texts(page: Page, kind: str | None = None) -> list[str]:
    """The text of each annotation's marks joined, one entry per annotation, in page order."""
    return page.evaluate(
        """(kind) => {
          const groups = new Map();
          for (const mark of document.querySelectorAll('mark[data-annotation-id]')) {
            if (kind && mark.dataset.kind !== kind) continue;
            const id = mark.dataset.annotationId;
            groups.set(id, (groups.get(id) || '') + mark.textContent);
          }
          return [...groups.values()];
        }""",
        kind,
    )
