import assert from "node:assert/strict";
import { test } from "node:test";

import { isClick, isSelectingKey } from "../gesture.js";

test("keys that extend a selection count as selecting", () => {
  assert.equal(isSelectingKey({ key: "ArrowRight", shiftKey: true }), true);
  assert.equal(isSelectingKey({ key: "End", shiftKey: true }), true);
  assert.equal(isSelectingKey({ key: "Shift", shiftKey: false }), true);
  assert.equal(isSelectingKey({ key: "a", ctrlKey: true }), true);
});

test("plain navigation and typing do not", () => {
  assert.equal(isSelectingKey({ key: "ArrowRight", shiftKey: false }), false);
  assert.equal(isSelectingKey({ key: "h", shiftKey: false }), false);
  assert.equal(isSelectingKey({ key: "Tab", shiftKey: true }), false);
});

test("a press and release in place is a click; moving further is a drag", () => {
  assert.equal(isClick([100, 100], { clientX: 102, clientY: 101 }), true);
  assert.equal(isClick([100, 100], { clientX: 140, clientY: 100 }), false);
  assert.equal(isClick(null, { clientX: 0, clientY: 0 }), false);
});
