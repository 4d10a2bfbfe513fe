/**
 * Code point offsets (what the server stores, like Python and the W3C model) to UTF-16
 * offsets (what the DOM counts), over one string. Pure, for `node --test`.
 */

/** The UTF-16 index of code point `offset` in `text` (clamped to the text). */
export function utf16Index(text, offset) {
  let units = 0;
  let points = 0;
  while (points < offset && units < text.length) {
    const code = text.charCodeAt(units);
    units += code >= 0xd800 && code <= 0xdbff && units + 1 < text.length ? 2 : 1;
    points += 1;
  }
  return units;
}

/** Code point span [start, end) of `text` as a UTF-16 span. */
export function utf16Span(text, start, end) {
  return [utf16Index(text, start), utf16Index(text, end)];
}
