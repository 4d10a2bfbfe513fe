import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { dueText, reviewKey } from "../keys.js";

describe("reviewKey", () => {
  it("Space reveals the answer", () => {
    assert.deepEqual(reviewKey({ key: " ", revealed: false, busy: false, targetTag: "BODY" }), { action: "reveal" });
  });
  it("Space after the reveal does nothing but does not scroll", () => {
    assert.deepEqual(reviewKey({ key: " ", revealed: true, busy: false, targetTag: "P" }), { action: "swallow" });
  });
  it("Space on a focused button is the button's own", () => {
    assert.equal(reviewKey({ key: " ", revealed: true, busy: false, targetTag: "button" }), null);
  });
  it("1–4 rate once the answer is shown", () => {
    for (const grade of [1, 2, 3, 4]) {
      assert.deepEqual(reviewKey({ key: String(grade), revealed: true, busy: false, targetTag: "BODY" }), {
        action: "rate",
        grade,
      });
    }
  });
  it("digits work with focus on a rating button too", () => {
    assert.deepEqual(reviewKey({ key: "3", revealed: true, busy: false, targetTag: "BUTTON" }), { action: "rate", grade: 3 });
  });
  it("no rating before the answer is shown, while a rating is being saved, or on key repeat", () => {
    assert.equal(reviewKey({ key: "3", revealed: false, busy: false }), null);
    assert.equal(reviewKey({ key: "3", revealed: true, busy: true }), null);
    assert.equal(reviewKey({ key: "3", revealed: true, busy: false, repeat: true }), null);
  });
  it("ignores other keys, modifiers and text fields", () => {
    assert.equal(reviewKey({ key: "5", revealed: true, busy: false }), null);
    assert.equal(reviewKey({ key: "a", revealed: true, busy: false }), null);
    assert.equal(reviewKey({ key: "1", revealed: true, busy: false, modified: true }), null);
    assert.equal(reviewKey({ key: " ", revealed: false, busy: false, editable: true }), null);
  });
});

describe("labels", () => {
  it("counts cards", () => {
    assert.equal(dueText(1), "1 card due today");
    assert.equal(dueText(0), "0 cards due today");
    assert.equal(dueText(200, true), "200+ cards due today");
  });
});
