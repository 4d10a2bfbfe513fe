/**
 * UTF-16 code units <-> Unicode code points, for offsets into one string. Pure, no DOM.
 *
 * Why: the DOM (Range offsets, String.length) counts UTF-16 code units; the W3C model, the
 * server and Python count code points. Every character outside the Basic Multilingual Plane
 * (most emoji) is two units but one code point, so offsets drift by one per such character
 * unless converted. An offset between the two halves of a surrogate pair names no character
 * boundary: the strict functions throw a RangeError, `snapUtf16` moves it off the pair.
 *
 * The positions of surrogate pairs are indexed once per string (the last one is cached), so
 * converting the offsets of many highlights in one long section stays cheap.
 */

let cached = { text: null, pairs: [] };

/** UTF-16 offsets at which a surrogate pair starts, ascending. */
function pairStarts(text) {
  if (cached.text === text) return cached.pairs;
  const pairs = [];
  if (/[\uD800-\uDBFF]/.test(text)) {
    for (let i = 0; i < text.length - 1; i += 1) {
      if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) {
        pairs.push(i);
        i += 1;
      }
    }
  }
  cached = { text, pairs };
  return pairs;
}

const isHigh = (code) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code) => code >= 0xdc00 && code <= 0xdfff;

/** Number of items in the ascending array `values` that are < `limit`. */
function countBelow(values, limit) {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function checkInteger(offset) {
  if (!Number.isInteger(offset)) throw new RangeError(`offset must be an integer, got ${offset}`);
}

/** Length of `text` in code points (what Python's len() says). */
export function codepointLength(text) {
  return text.length - pairStarts(text).length;
}

/** Code point offset of UTF-16 offset `offset` in `text`. Throws RangeError when the offset
 * is out of range or falls inside a surrogate pair. */
export function utf16ToCodepoints(text, offset) {
  checkInteger(offset);
  if (offset < 0 || offset > text.length) {
    throw new RangeError(`UTF-16 offset ${offset} is out of range 0..${text.length}`);
  }
  const pairs = pairStarts(text);
  const before = countBelow(pairs, offset); // pairs starting before the offset
  if (before > 0 && pairs[before - 1] + 1 === offset) {
    throw new RangeError(`UTF-16 offset ${offset} falls inside a surrogate pair`);
  }
  return offset - before;
}

/** UTF-16 offset of code point offset `offset` in `text`. Throws RangeError when it is out
 * of range. */
export function codepointsToUtf16(text, offset) {
  checkInteger(offset);
  const pairs = pairStarts(text);
  const length = text.length - pairs.length;
  if (offset < 0 || offset > length) {
    throw new RangeError(`code point offset ${offset} is out of range 0..${length}`);
  }
  // The k-th pair starts at code point pairs[k] - k; each pair before the offset adds a unit.
  let lo = 0;
  let hi = pairs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pairs[mid] - mid < offset) lo = mid + 1;
    else hi = mid;
  }
  return offset + lo;
}

/** `offset` moved off a surrogate pair's middle: to its start ("down") or end ("up"). */
export function snapUtf16(text, offset, direction = "down") {
  const clamped = Math.max(0, Math.min(text.length, offset));
  if (clamped > 0 && isHigh(text.charCodeAt(clamped - 1)) && isLow(text.charCodeAt(clamped))) {
    return direction === "up" ? clamped + 1 : clamped - 1;
  }
  return clamped;
}
