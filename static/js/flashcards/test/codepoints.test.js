import assert from "node:assert/strict";
import { test } from "node:test";

import { utf16Index, utf16Span } from "../codepoints.js";

test("plain text: code points and UTF-16 units agree", () => {
  assert.deepEqual(utf16Span("hello world", 6, 11), [6, 11]);
});

test("characters outside the BMP count once in code points, twice in UTF-16", () => {
  const text = "a😀b𝔸c";
  assert.equal(utf16Index(text, 1), 1);
  assert.equal(utf16Index(text, 2), 3);
  assert.equal(utf16Index(text, 4), 6);
  assert.deepEqual(utf16Span(text, 2, 3), [3, 4]);
  assert.equal(text.slice(...utf16Span(text, 3, 4)), "𝔸");
});

test("offsets past the end are clamped", () => {
  assert.equal(utf16Index("ab", 10), 2);
});
