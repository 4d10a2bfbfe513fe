import assert from "node:assert/strict";
import { test } from "node:test";

import { passage, selectorsFor, trimSpan } from "../text-offsets.js";

test("white space at a selection's edges is trimmed", () => {
  assert.deepEqual(trimSpan("  word  ", 0, 8), { start: 2, end: 6 });
  assert.equal(trimSpan("   ", 0, 3), null);
});

test("trimming counts code points around emoji", () => {
  const text = "😊 word 🌾";
  // code points: 😊(0) ' '(1) w o r d(2-5) ' '(6) 🌾(7)
  assert.deepEqual(trimSpan(text, 1, 7), { start: 2, end: 6 });
  assert.equal(passage(text, 2, 6), "word");
  assert.equal(passage(text, 7, 8), "🌾");
});

test("selectors carry 32 code points of context either side, W3C list form", () => {
  const text = `${"p".repeat(40)}😊QUOTE${"s".repeat(40)}`;
  const [quote, position] = selectorsFor(text, 41, 46);
  assert.equal(quote.type, "TextQuoteSelector");
  assert.equal(quote.exact, "QUOTE");
  assert.equal(Array.from(quote.prefix).length, 32);
  assert.ok(quote.prefix.endsWith("😊"));
  assert.equal(quote.suffix, "s".repeat(32));
  assert.deepEqual(position, { type: "TextPositionSelector", start: 41, end: 46 });
});

test("CJK text is one code point per character", () => {
  const text = "大跃进时期的粮食产量";
  const [quote, position] = selectorsFor(text, 6, 8);
  assert.equal(quote.exact, "粮食");
  assert.equal(quote.prefix, "大跃进时期的");
  assert.deepEqual([position.start, position.end], [6, 8]);
});
