/**
 * Pure text helpers for selections: UTF-16 (the DOM's offsets) to code points (what the server
 * stores, as the W3C model and Python count) and back, and the W3C selectors of a span.
 *
 * Thin on purpose: when static/js/anchoring/offsets.js lands, these delegate to it.
 */
export const CONTEXT_LENGTH = 32;

/** Code points in `text` before UTF-16 offset `offset`. */
export function utf16ToCodepoints(text, offset) {
  let points = 0;
  for (let i = 0; i < offset && i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        if (i + 1 >= offset) throw new RangeError(`offset ${offset} splits a surrogate pair`);
        i += 1;
      }
    }
    points += 1;
  }
  return points;
}

/** UTF-16 offset of code point offset `points` in `text`. */
export function codepointsToUtf16(text, points) {
  let units = 0;
  for (let p = 0; p < points; p += 1) {
    if (units >= text.length) throw new RangeError(`code point offset ${points} is past the end`);
    const code = text.codePointAt(units);
    units += code > 0xffff ? 2 : 1;
  }
  return units;
}

/** Move [start, end) (UTF-16) inwards past white space at either edge; null when empty. */
export function trimSpan(text, start, end) {
  while (start < end && /\s/.test(text[start])) start += 1;
  while (end > start && /\s/.test(text[end - 1])) end -= 1;
  return start < end ? { start, end } : null;
}

/** W3C selectors (code points) for the UTF-16 span [start, end) of `text`. */
export function describeSpan(text, start, end, context = CONTEXT_LENGTH) {
  const points = Array.from(text);
  const s = utf16ToCodepoints(text, start);
  const e = utf16ToCodepoints(text, end);
  return [
    {
      type: "TextQuoteSelector",
      exact: points.slice(s, e).join(""),
      prefix: points.slice(Math.max(0, s - context), s).join(""),
      suffix: points.slice(e, e + context).join(""),
    },
    { type: "TextPositionSelector", start: s, end: e },
  ];
}
