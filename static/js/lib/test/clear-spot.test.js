import assert from "node:assert/strict";
import { test } from "node:test";

import { clearTop } from "../clear-spot.js";

const box = { height: 40, left: 0, right: 300, min: 60, max: 800 };

test("the preferred place when nothing is in the way", () => {
  assert.equal(clearTop({ ...box, preferred: 740, obstacles: [] }), 740);
  assert.equal(clearTop({ ...box, preferred: 900, obstacles: [] }), 760); // kept on screen
});

test("moves off a button to the nearest clear place", () => {
  const save = { left: 10, right: 80, top: 730, bottom: 770 };
  const top = clearTop({ ...box, preferred: 740, obstacles: [save] });
  assert.ok(top + 40 <= 730 || top >= 770, `overlaps at ${top}`);
  assert.equal(top, 684); // 8 px steps up from 740: the first that ends above the button
});

test("a button beside the box, not under it, is no obstacle", () => {
  const aside = { left: 320, right: 400, top: 730, bottom: 770 };
  assert.equal(clearTop({ ...box, preferred: 740, obstacles: [aside] }), 740);
});

test("no clear place at all: the preferred one", () => {
  const wall = { left: 0, right: 300, top: 0, bottom: 1000 };
  assert.equal(clearTop({ ...box, preferred: 500, obstacles: [wall] }), 500);
});
