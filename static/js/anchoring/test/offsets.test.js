import { test } from "node:test";
import assert from "node:assert/strict";

import {
  codepointLength,
  codepointsToUtf16,
  snapUtf16,
  utf16ToCodepoints,
} from "../offsets.js";

const TEXT = "a😊b大🌾"; // code points: a 😊 b 大 🌾 ; UTF-16 units: 1 + 2 + 1 + 1 + 2

// [UTF-16 offset, code point offset] pairs, the same table as tests/anchoring/test_offsets.py
const CASES = [
  [0, 0],
  [1, 1],
  [3, 2],
  [4, 3],
  [5, 4],
  [7, 5],
];

test("it converts UTF-16 offsets to code points", () => {
  for (const [units, points] of CASES) assert.equal(utf16ToCodepoints(TEXT, units), points);
});

test("it converts code points to UTF-16 offsets", () => {
  for (const [units, points] of CASES) assert.equal(codepointsToUtf16(TEXT, points), units);
});

test("it refuses offsets inside a surrogate pair or out of range", () => {
  for (const bad of [2, 6]) {
    assert.throws(() => utf16ToCodepoints(TEXT, bad), /inside a surrogate pair/);
  }
  for (const bad of [-1, 8, 1.5]) assert.throws(() => utf16ToCodepoints(TEXT, bad), RangeError);
  for (const bad of [-1, 6, 0.5]) assert.throws(() => codepointsToUtf16(TEXT, bad), RangeError);
});

test("it measures code points like Python's len()", () => {
  assert.equal(codepointLength(TEXT), 5);
  assert.equal(codepointLength(""), 0);
  assert.equal(codepointLength("plain"), 5);
});

test("it snaps an offset off the middle of a pair", () => {
  assert.equal(snapUtf16(TEXT, 2, "down"), 1);
  assert.equal(snapUtf16(TEXT, 2, "up"), 3);
  assert.equal(snapUtf16(TEXT, 3, "up"), 3);
  assert.equal(snapUtf16(TEXT, 99, "up"), 7);
});

test("it treats a lone surrogate as one code point, as Python does", () => {
  const lone = "a\uD83Db"; // a high surrogate without its low half
  assert.equal(codepointLength(lone), 3);
  assert.equal(utf16ToCodepoints(lone, 2), 2);
});

test("it round-trips every offset of random strings", () => {
  const alphabet = ["a", " ", "é", "大", "😊", "🌾", "\n", "𝄞"];
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let round = 0; round < 200; round += 1) {
    const length = Math.floor(random() * 20);
    const text = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
    const points = Array.from(text);
    for (let p = 0; p <= points.length; p += 1) {
      const units = codepointsToUtf16(text, p);
      assert.equal(units, points.slice(0, p).join("").length);
      assert.equal(utf16ToCodepoints(text, units), p);
    }
  }
});
