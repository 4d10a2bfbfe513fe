import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { PendingReport } from "../pending.js";

describe("PendingReport", () => {
  it("takes the latest position and every section read since the last save", () => {
    const pending = new PendingReport();
    pending.setPosition({ anchor: "one", fraction: 0.1 });
    pending.addRead(["one"]);
    pending.setPosition({ anchor: "two", fraction: 0.4 });
    pending.addRead(["two", "one"]);
    assert.deepEqual(pending.take(), { anchor: "two", fraction: 0.4, read: ["one", "two"] });
    assert.equal(pending.empty, true);
  });

  it("a failed save is put back without overwriting a newer position", () => {
    const pending = new PendingReport();
    pending.setPosition({ anchor: "one", fraction: 0.1 });
    pending.addRead(["one"]);
    const body = pending.take();
    pending.setPosition({ anchor: "three", fraction: 0.2 });
    pending.restore(body);
    assert.deepEqual(pending.take(), { anchor: "three", fraction: 0.2, read: ["one"] });
  });

  it("sends the last known position when only reads are pending", () => {
    const pending = new PendingReport();
    pending.addRead(["two"]);
    assert.deepEqual(pending.take({ anchor: "two", fraction: 0.5 }), {
      anchor: "two",
      fraction: 0.5,
      read: ["two"],
    });
  });
});
