/**
 * W3C selectors for a span of a section's text, mirroring the server's `describe` (Python,
 * annotations/anchoring/selector.py): the same keyed shape, the same 32 code points of
 * context, offsets in code points. Pure, no DOM, so `node --test` covers it.
 *
 *   {quote: {type: "TextQuoteSelector", exact, prefix, suffix},
 *    position: {type: "TextPositionSelector", start, end}}
 *
 * `toW3C` gives the list form a Web Annotation's target.selector holds.
 */
import { codepointLength, codepointsToUtf16 } from "./offsets.js";

export const CONTEXT_LENGTH = 32;

function slice(text, start, end) {
  return text.slice(codepointsToUtf16(text, start), codepointsToUtf16(text, end));
}

function checkSpan(text, start, end) {
  const length = codepointLength(text);
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= length)) {
    throw new RangeError(`span ${start}..${end} is out of range 0..${length}`);
  }
  return length;
}

/** The TextQuoteSelector for code points [start, end) of `text`. */
export function quoteSelectorFor(text, start, end, context = CONTEXT_LENGTH) {
  const length = checkSpan(text, start, end);
  return {
    type: "TextQuoteSelector",
    exact: slice(text, start, end),
    prefix: slice(text, Math.max(0, start - context), start),
    suffix: slice(text, end, Math.min(length, end + context)),
  };
}

/** Both selectors, keyed, exactly like the server's `describe`. */
export function describe(text, start, end, context = CONTEXT_LENGTH) {
  return {
    quote: quoteSelectorFor(text, start, end, context),
    position: { type: "TextPositionSelector", start, end },
  };
}

/** The W3C list form: [TextQuoteSelector, TextPositionSelector]. */
export function toW3C(selectors) {
  return [selectors.quote, selectors.position].filter(Boolean);
}
