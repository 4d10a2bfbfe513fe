import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { movedEnough, positionAt, scrollTargetFor, shouldOffer } from "../position.js";

const sections = [
  { anchor: "one", top: 100, height: 400 },
  { anchor: "two", top: 540, height: 200 },
  { anchor: "three", top: 780, height: 1000 },
];

describe("positionAt", () => {
  it("finds the section under the reading line and how far through it", () => {
    assert.deepEqual(positionAt(sections, 300), { anchor: "one", fraction: 0.5 });
    assert.deepEqual(positionAt(sections, 640), { anchor: "two", fraction: 0.5 });
  });
  it("before the first section is its start", () => {
    assert.deepEqual(positionAt(sections, 10), { anchor: "one", fraction: 0 });
  });
  it("in the gap between sections is the start of the next", () => {
    assert.deepEqual(positionAt(sections, 520), { anchor: "two", fraction: 0 });
  });
  it("past the end is the end of the last", () => {
    assert.deepEqual(positionAt(sections, 5000), { anchor: "three", fraction: 1 });
  });
  it("an article without sections has no position", () => {
    assert.deepEqual(positionAt([], 10), { anchor: "", fraction: 0 });
  });
});

describe("scrollTargetFor", () => {
  it("puts the saved point at the reading line", () => {
    assert.equal(scrollTargetFor({ documentTop: 2000, height: 1000 }, 0.25, 80), 2170);
  });
  it("never scrolls above the page", () => {
    assert.equal(scrollTargetFor({ documentTop: 10, height: 100 }, 0, 80), 0);
  });
  it("round-trips with positionAt", () => {
    const scrollY = scrollTargetFor({ documentTop: 3000, height: 800 }, 0.4, 80);
    const top = 3000 - scrollY;
    assert.deepEqual(positionAt([{ anchor: "x", top, height: 800 }], 80), { anchor: "x", fraction: 0.4 });
  });
});

describe("shouldOffer", () => {
  const order = ["one", "two", "three"];
  it("offers a saved position further in", () => {
    assert.equal(shouldOffer({ anchor: "three", fraction: 0.3 }, { anchor: "one", fraction: 0 }, order), true);
  });
  it("not for the very start of the article", () => {
    assert.equal(shouldOffer({ anchor: "one", fraction: 0 }, { anchor: "one", fraction: 0 }, order), false);
  });
  it("not when the reader is already there (the browser restored the scroll)", () => {
    assert.equal(shouldOffer({ anchor: "two", fraction: 0.5 }, { anchor: "two", fraction: 0.45 }, order), false);
  });
  it("not for a section the article no longer has", () => {
    assert.equal(shouldOffer({ anchor: "gone", fraction: 0.5 }, { anchor: "one", fraction: 0 }, order), false);
  });
  it("not without a saved position", () => {
    assert.equal(shouldOffer(null, { anchor: "one", fraction: 0 }, order), false);
  });
});

describe("movedEnough", () => {
  it("saves a new section or a real move, not every pixel", () => {
    assert.equal(movedEnough(null, { anchor: "one", fraction: 0 }), true);
    assert.equal(movedEnough({ anchor: "one", fraction: 0.1 }, { anchor: "two", fraction: 0.1 }), true);
    assert.equal(movedEnough({ anchor: "one", fraction: 0.1 }, { anchor: "one", fraction: 0.12 }), false);
    assert.equal(movedEnough({ anchor: "one", fraction: 0.1 }, { anchor: "one", fraction: 0.2 }), true);
  });
});
