import assert from "node:assert/strict";
import { test } from "node:test";

import { clock, clozeParts, filledText, frontText, secondsLeft } from "../format.js";

test("a basic card's front is its question", () => {
  assert.equal(frontText({ kind: "basic", question: "Who?" }), "Who?");
});

test("a cloze front hides each gap, showing a hint when there is one", () => {
  const card = { kind: "cloze", question: "In {{c1::1958}} the {{c2::communes::noun}} began." };
  assert.equal(frontText(card), "In […] the [noun] began.");
  assert.equal(filledText(card), "In 1958 the communes began.");
});

test("cloze parts mark the gaps and keep the rest", () => {
  assert.deepEqual(clozeParts("A {{c1::b}} c"), [
    { text: "A ", gap: false },
    { text: "b", gap: true },
    { text: " c", gap: false },
  ]);
  assert.deepEqual(clozeParts("no gaps"), [{ text: "no gaps", gap: false }]);
});

test("the clock shows minutes and two-digit seconds, never below zero", () => {
  assert.equal(clock(161), "2:41");
  assert.equal(clock(59.2), "1:00");
  assert.equal(clock(5), "0:05");
  assert.equal(clock(-3), "0:00");
});

test("seconds left round up and stop at zero", () => {
  assert.equal(secondsLeft(10_500, 10_000), 1);
  assert.equal(secondsLeft(10_000, 10_000), 0);
  assert.equal(secondsLeft(9_000, 10_000), 0);
  assert.equal(secondsLeft(190_000, 10_000), 180);
});
