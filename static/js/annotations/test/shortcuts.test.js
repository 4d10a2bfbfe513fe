import assert from "node:assert/strict";
import { test } from "node:test";

import { isEditable, shortcutAction } from "../shortcuts.js";

const key = (k, extra = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...extra });

test("H and N act on a selection", () => {
  const ctx = { editable: false, hasSelection: true };
  assert.equal(shortcutAction(key("h"), ctx), "highlight");
  assert.equal(shortcutAction(key("H"), ctx), "highlight");
  assert.equal(shortcutAction(key("n"), ctx), "note");
  assert.equal(shortcutAction(key("x"), ctx), null);
});

test("never while typing, without a selection, or with modifiers", () => {
  assert.equal(shortcutAction(key("h"), { editable: true, hasSelection: true }), null);
  assert.equal(shortcutAction(key("h"), { editable: false, hasSelection: false }), null);
  assert.equal(shortcutAction(key("h", { ctrlKey: true }), { editable: false, hasSelection: true }), null);
  assert.equal(shortcutAction(key("h", { isComposing: true }), { editable: false, hasSelection: true }), null);
});

test("text fields are editable, buttons and checkboxes are not", () => {
  const el = (tagName, attrs = {}) => ({
    nodeType: 1,
    tagName,
    isContentEditable: false,
    getAttribute: (name) => attrs[name] ?? null,
  });
  assert.equal(isEditable(el("TEXTAREA")), true);
  assert.equal(isEditable(el("INPUT")), true);
  assert.equal(isEditable(el("INPUT", { type: "search" })), true);
  assert.equal(isEditable(el("INPUT", { type: "checkbox" })), false);
  assert.equal(isEditable(el("BUTTON")), false);
  assert.equal(isEditable({ ...el("DIV"), isContentEditable: true }), true);
  assert.equal(isEditable(null), false);
});

test("Shift+Right and Shift+Left step a word; other keys are left alone", async () => {
  const { wordStep } = await import("../keyboard-selection.js");
  const key = (key, extra = {}) => ({ key, shiftKey: true, ctrlKey: false, metaKey: false, altKey: false, ...extra });
  assert.equal(wordStep(key("ArrowRight")), "forward");
  assert.equal(wordStep(key("ArrowLeft")), "backward");
  assert.equal(wordStep(key("ArrowRight", { shiftKey: false })), null);
  assert.equal(wordStep(key("ArrowRight", { ctrlKey: true })), null);
  assert.equal(wordStep(key("ArrowDown")), null);
});
