import assert from "node:assert/strict";
import { test } from "node:test";

import { placeToolbar, prefersBelow } from "../toolbar-position.js";

const viewport = { width: 1280, height: 900 };
const size = { width: 200, height: 40 };

test("desktop: centred above the selection", () => {
  const rect = { top: 400, bottom: 420, left: 500, width: 100 };
  assert.deepEqual(placeToolbar({ rect, size, viewport, preferBelow: false }), {
    top: 352,
    left: 450,
    placement: "above",
  });
});

test("touch: below the selection, clear of the phone's own menu", () => {
  const rect = { top: 400, bottom: 420, left: 100, width: 100 };
  const place = placeToolbar({ rect, size, viewport: { width: 375, height: 740 }, preferBelow: true });
  assert.equal(place.placement, "below");
  assert.equal(place.top, 428);
});

test("flips when there is no room, and stays inside the viewport", () => {
  const nearTop = { top: 10, bottom: 30, left: 1250, width: 20 };
  const place = placeToolbar({ rect: nearTop, size, viewport, preferBelow: false });
  assert.equal(place.placement, "below");
  assert.equal(place.left, 1280 - 200 - 8);
  const nearBottom = { top: 860, bottom: 880, left: 0, width: 10 };
  const low = placeToolbar({ rect: nearBottom, size, viewport, preferBelow: true });
  assert.equal(low.placement, "above");
  assert.equal(low.left, 8);
});

test("a selection taller than the screen keeps the toolbar on screen", () => {
  const rect = { top: -500, bottom: 2000, left: 100, width: 600 };
  const place = placeToolbar({ rect, size, viewport, preferBelow: true });
  assert.ok(place.top >= 8 && place.top + size.height <= viewport.height - 8);
});

test("phones and narrow windows prefer below", () => {
  assert.equal(prefersBelow({ coarsePointer: true, viewportWidth: 1200 }), true);
  assert.equal(prefersBelow({ coarsePointer: false, viewportWidth: 500 }), true);
  assert.equal(prefersBelow({ coarsePointer: false, viewportWidth: 1200 }), false);
});
