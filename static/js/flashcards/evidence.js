/**
 * "Show in text": find a card's evidence (code point offsets into a section's textContent)
 * as a DOM Range, scroll to it and mark it for a moment.
 *
 * Offsets become a Range with the anchoring module's converter (the same one highlights use).
 * The mark uses the CSS Custom Highlight API, which paints without touching the DOM (so it
 * never disturbs the reader's own highlight marks); where it is missing, the passage is
 * selected instead.
 */
import { utf16ToCodepoints } from "../anchoring/offsets.js";
import { offsetsToRange } from "../anchoring/text-range.js";

const HIGHLIGHT = "flashcard-evidence";
let clearTimer = 0;

/** The range of `evidence` in `root`, trusting offsets only when they still hold the quote. */
export function evidenceRange(root, evidence) {
  const text = root.textContent;
  const range = rangeOrNull(root, evidence.start, evidence.end, text);
  if (range && range.toString() === evidence.exact) return range;
  // The page shows other text than the card was made from: fall back to the quote itself.
  const at = text.indexOf(evidence.exact);
  if (at < 0) return null;
  const from = utf16ToCodepoints(text, at);
  return rangeOrNull(root, from, utf16ToCodepoints(text, at + evidence.exact.length), text);
}

function rangeOrNull(root, start, end, text) {
  try {
    return offsetsToRange(root, start, end, text);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
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
