/**
 * "Show in text": turn a card's evidence (code point offsets into a section's textContent)
 * into a DOM Range, scroll to it and mark it for a moment.
 *
 * Written here because the shared offsets-to-Range module (anchoring/text-range.js) was not
 * there yet; the walk is the same: text nodes in document order, counting code points.
 * The mark uses the CSS Custom Highlight API, which paints without touching the DOM (so it
 * never disturbs the reader's own highlight marks); where it is missing, the passage is
 * selected instead.
 */
import { utf16Span } from "./codepoints.js";

const HIGHLIGHT = "flashcard-evidence";
let clearTimer = 0;

/** A Range over code points [start, end) of `root`'s text, or null when out of range. */
export function rangeFromOffsets(root, start, end) {
  const text = root.textContent;
  const [from, to] = utf16Span(text, start, end);
  if (from >= to || to > text.length) return null;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0;
  let started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.data.length;
    if (!started && from < seen + length) {
      range.setStart(node, from - seen);
      started = true;
    }
    if (started && to <= seen + length) {
      range.setEnd(node, to - seen);
      return range;
    }
    seen += length;
  }
  return null;
}

/** The range of `evidence` in `root`, trusting offsets only when they still hold the quote. */
export function evidenceRange(root, evidence) {
  const range = rangeFromOffsets(root, evidence.start, evidence.end);
  if (range && range.toString() === evidence.exact) return range;
  // The text changed since the card was made: fall back to the quote itself.
  const text = root.textContent;
  const at = text.indexOf(evidence.exact);
  if (at < 0) return null;
  const from = [...text.slice(0, at)].length;
  return rangeFromOffsets(root, from, from + [...evidence.exact].length);
}

export function reducedMotion() {
  return window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/** Scroll the passage to the middle of the screen and mark it for `ms` milliseconds. */
export function showRange(range, { ms = 2500 } = {}) {
  const target = range.startContainer.parentElement;
  const rect = range.getBoundingClientRect();
  const top = window.scrollY + rect.top - window.innerHeight / 2 + rect.height / 2;
  window.scrollTo({ top: Math.max(0, top), behavior: reducedMotion() ? "auto" : "smooth" });
  window.clearTimeout(clearTimer);
  if (window.CSS?.highlights && window.Highlight) {
    CSS.highlights.set(HIGHLIGHT, new Highlight(range));
    clearTimer = window.setTimeout(() => CSS.highlights.delete(HIGHLIGHT), ms);
  } else {
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  return target;
}
