import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { isEngaged, MIN_SECONDS, ReadTracker, requiredSeconds } from "../read-rule.js";

describe("requiredSeconds", () => {
  it("is the reading time at the given pace", () => {
    assert.equal(requiredSeconds(230, { wpm: 230 }), 60);
    assert.equal(requiredSeconds(115, { wpm: 230 }), 30);
  });
  it("never drops below the floor, even for an empty section", () => {
    assert.equal(requiredSeconds(0, { wpm: 230 }), MIN_SECONDS);
    assert.equal(requiredSeconds(5, { wpm: 100000 }), MIN_SECONDS);
  });
  it("grows with the word count", () => {
    assert.ok(requiredSeconds(600, { wpm: 230 }) > requiredSeconds(300, { wpm: 230 }));
  });
});

describe("isEngaged", () => {
  it("counts a section at least half visible", () => {
    assert.equal(isEngaged({ ratio: 0.5, visibleHeight: 100, viewportHeight: 800 }), true);
    assert.equal(isEngaged({ ratio: 0.3, visibleHeight: 100, viewportHeight: 800 }), false);
  });
  it("counts a long section that fills half the screen", () => {
    assert.equal(isEngaged({ ratio: 0.2, visibleHeight: 500, viewportHeight: 800 }), true);
  });
  it("never counts an off-screen section", () => {
    assert.equal(isEngaged({ ratio: 0, visibleHeight: 0, viewportHeight: 800 }), false);
  });
});

describe("ReadTracker", () => {
  const sections = [
    { anchor: "a", words: 230 }, // 60 s at 230 wpm
    { anchor: "b", words: 23 }, // 6 s
  ];

  it("marks a section read once it was on screen for its reading time", () => {
    const tracker = new ReadTracker(sections, { wpm: 230 });
    tracker.setEngaged("a", true, 0);
    assert.deepEqual(tracker.tick(59_999), []);
    assert.deepEqual(tracker.tick(60_000), ["a"]);
    assert.deepEqual(tracker.tick(120_000), [], "reported once only");
  });

  it("adds up separate visits", () => {
    const tracker = new ReadTracker(sections, { wpm: 230 });
    tracker.setEngaged("b", true, 0);
    tracker.setEngaged("b", false, 4_000);
    assert.deepEqual(tracker.tick(50_000), []);
    tracker.setEngaged("b", true, 50_000);
    assert.deepEqual(tracker.tick(51_999), []);
    assert.deepEqual(tracker.tick(52_000), ["b"]);
  });

  it("does not count time while the page is hidden", () => {
    const tracker = new ReadTracker(sections, { wpm: 230 });
    tracker.setEngaged("b", true, 0);
    tracker.setPageVisible(false, 3_000);
    assert.deepEqual(tracker.tick(100_000), []);
    tracker.setPageVisible(true, 100_000);
    assert.deepEqual(tracker.tick(102_999), []);
    assert.deepEqual(tracker.tick(103_000), ["b"]);
  });

  it("scrolling quickly past does not count", () => {
    const tracker = new ReadTracker(sections, { wpm: 230 });
    for (let t = 0; t < 100_000; t += 1_000) {
      tracker.setEngaged("a", true, t);
      tracker.setEngaged("a", false, t + 100);
    }
    assert.deepEqual(tracker.tick(100_000), []);
  });

  it("tracks several visible sections at once and keeps what was already read", () => {
    const tracker = new ReadTracker(sections, { wpm: 230, read: ["a", "gone"] });
    tracker.setEngaged("a", true, 0);
    tracker.setEngaged("b", true, 0);
    assert.deepEqual(tracker.tick(6_000), ["b"]);
    assert.deepEqual([...tracker.read].sort(), ["a", "b"]);
  });

  it("ignores unknown sections", () => {
    const tracker = new ReadTracker(sections, { wpm: 230 });
    tracker.setEngaged("nope", true, 0);
    assert.deepEqual(tracker.tick(1_000_000), []);
  });
});
