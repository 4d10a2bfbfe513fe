/**
 * From a raw selection span to what we save: trimmed of white space at its edges, and
 * described by W3C selectors in code points. Conversions and selectors come from the shared
 * anchoring modules (static/js/anchoring), which mirror the server's.
 */
import { codepointsToUtf16, utf16ToCodepoints } from "../anchoring/offsets.js";
import { describe, toW3C } from "../anchoring/selectors.js";

/** Code point span [start, end) of `text` moved inwards past white space; null when empty. */
export function trimSpan(text, start, end) {
  let from = codepointsToUtf16(text, start);
  let to = codepointsToUtf16(text, end);
  while (from < to && /\s/.test(text[from])) from += 1;
  while (to > from && /\s/.test(text[to - 1])) to -= 1;
  if (from >= to) return null;
  return { start: utf16ToCodepoints(text, from), end: utf16ToCodepoints(text, to) };
}

/** [TextQuoteSelector, TextPositionSelector] for code points [start, end) of `text`. */
export function selectorsFor(text, start, end) {
  return toW3C(describe(text, start, end));
}

/** The passage itself. */
export function passage(text, start, end) {
  return text.slice(codepointsToUtf16(text, start), codepointsToUtf16(text, end));
}
