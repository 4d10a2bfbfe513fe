import assert from "node:assert/strict";
import { test } from "node:test";

import { panelsToClose } from "../panels.js";

test("on wide screens opening a panel closes none", () => {
  assert.deepEqual(panelsToClose(["notes", "flashcards"], "flashcards", false), []);
});

test("on narrow screens opening a panel closes every other open one", () => {
  assert.deepEqual(panelsToClose(["notes", "flashcards"], "flashcards", true), ["notes"]);
  assert.deepEqual(panelsToClose(["flashcards"], "flashcards", true), []);
});
