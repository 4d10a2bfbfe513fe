import { test } from "node:test";
import assert from "node:assert/strict";

import { describe, quoteSelectorFor, toW3C } from "../selectors.js";
import { quoteSelectorFor as reExported } from "../text-range.js";

const TEXT = "The provincial committee announced a record harvest in the spring of 1958.";

test("it describes a span like the server does", () => {
  const start = TEXT.indexOf("record harvest");
  assert.deepEqual(describe(TEXT, start, start + 14), {
    quote: {
      type: "TextQuoteSelector",
      exact: "record harvest",
      prefix: "rovincial committee announced a ",
      suffix: " in the spring of 1958.",
    },
    position: { type: "TextPositionSelector", start, end: start + 14 },
  });
});

test("it counts context and offsets in code points", () => {
  const text = "🌾🌾 harvest 📉";
  assert.deepEqual(quoteSelectorFor(text, 3, 10, 2), {
    type: "TextQuoteSelector",
    exact: "harvest",
    prefix: "🌾 ",
    suffix: " 📉",
  });
});

test("it gives the W3C list form", () => {
  const listed = toW3C(describe(TEXT, 4, 14));
  assert.deepEqual(
    listed.map((s) => s.type),
    ["TextQuoteSelector", "TextPositionSelector"],
  );
});

test("it refuses spans out of range", () => {
  assert.throws(() => quoteSelectorFor(TEXT, -1, 3), RangeError);
  assert.throws(() => quoteSelectorFor(TEXT, 5, 4), RangeError);
  assert.throws(() => quoteSelectorFor("🌾", 0, 2), RangeError);
});

test("text-range.js offers the same quoteSelectorFor", () => {
  assert.equal(reExported, quoteSelectorFor);
});

test("it agrees with the server's describe on every golden fixture", async () => {
  // The fixtures' selectors were written by the Python describe(): same text, same answer.
  const { readFile } = await import("node:fs/promises");
  const url = new URL("../../../../tests/anchoring/fixtures/edit_scenarios.json", import.meta.url);
  const { scenarios } = JSON.parse(await readFile(url, "utf-8"));
  assert.ok(scenarios.length > 0);
  for (const scenario of scenarios) {
    const [quote, position] = scenario.selectors;
    assert.deepEqual(
      quoteSelectorFor(scenario.old, position.start, position.end),
      quote,
      scenario.name,
    );
  }
});
