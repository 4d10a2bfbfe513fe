import assert from "node:assert/strict";
import { test } from "node:test";

import { Autosaver } from "../autosave.js";

function fakeTimers() {
  let now = 0;
  let next = 1;
  const pending = new Map();
  return {
    setTimeout(fn, ms) {
      const id = next++;
      pending.set(id, { fn, at: now + ms });
      return id;
    },
    clearTimeout(id) {
      pending.delete(id);
    },
    async advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...pending].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at);
        if (!due.length) break;
        const [id, timer] = due[0];
        pending.delete(id);
        now = timer.at;
        timer.fn();
        await new Promise((resolve) => setImmediate(resolve));
      }
      now = until;
    },
  };
}

function failure(status) {
  return Object.assign(new Error(`status ${status}`), { status });
}

test("typing is debounced into one save of the newest text", async () => {
  const timers = fakeTimers();
  const saved = [];
  const states = [];
  const saver = new Autosaver({
    save: async (text) => saved.push(text),
    onState: (s) => states.push(s),
    delay: 500,
    timers,
  });
  saver.change("a");
  saver.change("ab");
  await timers.advance(499);
  assert.deepEqual(saved, []);
  assert.equal(saver.status, "unsaved");
  await timers.advance(1);
  assert.deepEqual(saved, ["ab"]);
  assert.equal(saver.status, "saved");
  assert.deepEqual(states.slice(-2), ["saving", "saved"]);
});

test("text typed during a save is saved right after it, never lost", async () => {
  const timers = fakeTimers();
  const saved = [];
  let release;
  const saver = new Autosaver({
    save: (text) =>
      new Promise((resolve) => {
        saved.push(text);
        release = resolve;
      }),
    delay: 100,
    timers,
  });
  saver.change("one");
  await timers.advance(100);
  saver.change("one two");
  release();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(saver.status, "unsaved");
  await timers.advance(100);
  assert.deepEqual(saved, ["one", "one two"]);
  release();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(saver.status, "saved");
  assert.equal(saver.pending, false);
});

test("offline: keeps the text and retries with back-off until it goes through", async () => {
  const timers = fakeTimers();
  let online = false;
  const saved = [];
  const saver = new Autosaver({
    save: async (text) => {
      if (!online) throw failure(0);
      saved.push(text);
    },
    delay: 100,
    timers,
  });
  saver.change("draft");
  await timers.advance(100);
  assert.equal(saver.status, "offline");
  await timers.advance(1000);
  assert.equal(saver.status, "offline");
  online = true;
  await timers.advance(2000);
  assert.deepEqual(saved, ["draft"]);
  assert.equal(saver.status, "saved");
});

test("a conflict stops saving until the reader resolves it", async () => {
  const timers = fakeTimers();
  let conflict = true;
  const saved = [];
  const saver = new Autosaver({
    save: async (text) => {
      if (conflict) throw failure(412);
      saved.push(text);
    },
    delay: 100,
    timers,
  });
  saver.change("mine");
  await timers.advance(100);
  assert.equal(saver.status, "conflict");
  saver.change("mine, more");
  await timers.advance(10_000);
  assert.deepEqual(saved, []);
  conflict = false;
  saver.resolve("merged");
  await timers.advance(100);
  assert.deepEqual(saved, ["merged"]);
  assert.equal(saver.status, "saved");
});

test("a refused save reports an error and waits for the next change", async () => {
  const timers = fakeTimers();
  let calls = 0;
  const saver = new Autosaver({
    save: async () => {
      calls += 1;
      throw failure(413);
    },
    delay: 100,
    timers,
  });
  saver.change("x".repeat(10));
  await timers.advance(100);
  assert.equal(saver.status, "error");
  await timers.advance(60_000);
  assert.equal(calls, 1);
});

test("flush saves at once", async () => {
  const timers = fakeTimers();
  const saved = [];
  const saver = new Autosaver({ save: async (t) => saved.push(t), delay: 5000, timers });
  saver.change("closing the panel");
  await saver.flush();
  assert.deepEqual(saved, ["closing the panel"]);
  assert.equal(saver.status, "saved");
});

test("discard after taking the stored version leaves nothing to save", async () => {
  const timers = fakeTimers();
  const saved = [];
  const saver = new Autosaver({
    save: async (text) => {
      saved.push(text);
      throw failure(412);
    },
    delay: 100,
    timers,
  });
  saver.change("mine");
  await timers.advance(100);
  assert.equal(saver.status, "conflict");
  saver.discard();
  await timers.advance(10_000);
  assert.equal(saver.status, "saved");
  assert.equal(saver.pending, false);
  assert.deepEqual(saved, ["mine"]);
});
