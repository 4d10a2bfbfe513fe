import assert from "node:assert/strict";
import { test } from "node:test";

import {
  codepointsToUtf16,
  describeSpan,
  trimSpan,
  utf16ToCodepoints,
} from "../text-offsets.js";

test("ASCII: offsets are the same in both units", () => {
  assert.equal(utf16ToCodepoints("hello", 3), 3);
  assert.equal(codepointsToUtf16("hello", 3), 3);
});

test("emoji are two UTF-16 units but one code point", () => {
  const text = "a😊b🌾c";
  assert.equal(text.length, 7);
  assert.equal(utf16ToCodepoints(text, 3), 2); // after "a😊"
  assert.equal(utf16ToCodepoints(text, 7), 5);
  assert.equal(codepointsToUtf16(text, 2), 3);
  assert.equal(codepointsToUtf16(text, 4), 6);
  assert.throws(() => utf16ToCodepoints(text, 2), RangeError); // inside 😊
});

test("CJK in the Basic Multilingual Plane is one unit each", () => {
  const text = "粮食产量";
  assert.equal(utf16ToCodepoints(text, 2), 2);
  assert.equal(codepointsToUtf16(text, 3), 3);
});

test("round trip over every boundary of mixed text", () => {
  const text = "x😊粮𝕏 y";
  for (let p = 0; p <= Array.from(text).length; p += 1) {
    assert.equal(utf16ToCodepoints(text, codepointsToUtf16(text, p)), p);
  }
});

test("selectors carry 32 code points of context either side", () => {
  const text = `${"p".repeat(40)}😊QUOTE${"s".repeat(40)}`;
  const start = text.indexOf("QUOTE");
  const [quote, position] = describeSpan(text, start, start + 5);
  assert.equal(quote.exact, "QUOTE");
  assert.equal(Array.from(quote.prefix).length, 32);
  assert.ok(quote.prefix.endsWith("😊"));
  assert.equal(quote.suffix, "s".repeat(32));
  assert.deepEqual(position, { type: "TextPositionSelector", start: 41, end: 46 });
});

test("white space at a selection's edges is trimmed", () => {
  assert.deepEqual(trimSpan("  word  ", 0, 8), { start: 2, end: 6 });
  assert.equal(trimSpan("   ", 0, 3), null);
});
