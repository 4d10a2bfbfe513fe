import assert from "node:assert/strict";
import { test } from "node:test";

import {
  escapeMarkdown,
  insertBlock,
  modernRefs,
  quoteMarkdown,
  removeQuote,
  renameRef,
} from "../quote-markdown.js";

test("a passage becomes a blockquote with a short reference back", () => {
  assert.equal(quoteMarkdown("Grain production fell sharply.", 12), "> Grain production fell sharply. [^q12]");
});

test("old link-shaped references are read as the short ones; temporary ids are renamed", () => {
  assert.equal(modernRefs("> a [↩](#annotation-3)\n\n> b [↩](#annotation-14)"), "> a [^q3]\n\n> b [^q14]");
  assert.equal(modernRefs("[a link](#elsewhere)"), "[a link](#elsewhere)");
  assert.equal(renameRef("> a [^qtmp-1]\n> b [^q2]", "tmp-1", 7), "> a [^q7]\n> b [^q2]");
});

test("paragraphs become quoted lines with one blank quoted line between", () => {
  assert.equal(
    quoteMarkdown("First line\n\n\n  Second   line \n", 3),
    "> First line\n>\n> Second line [^q3]",
  );
});

test("markdown syntax in the passage is escaped so the quote reads as written", () => {
  assert.equal(escapeMarkdown("# not a heading"), "\\# not a heading");
  assert.equal(escapeMarkdown("- not a list"), "\\- not a list");
  assert.equal(escapeMarkdown("1958. A year"), "1958\\. A year");
  assert.equal(escapeMarkdown("a *b* [c](d) <e>"), "a \\*b\\* \\[c\\](d) \\<e>");
  assert.equal(escapeMarkdown("ordinary prose, 30–45 million"), "ordinary prose, 30–45 million");
});

test("blocks are inserted as their own paragraph at the caret", () => {
  assert.deepEqual(insertBlock("", 0, "> q"), { text: "> q\n", caret: 4 });
  assert.deepEqual(insertBlock("My notes", 8, "> q"), { text: "My notes\n\n> q\n", caret: 14 });
  const middle = insertBlock("one\n\ntwo", 3, "> q");
  assert.equal(middle.text, "one\n\n> q\n\ntwo");
  assert.equal(middle.text.slice(0, middle.caret), "one\n\n> q");
  const next = insertBlock(middle.text, middle.caret, "> r");
  assert.equal(next.text, "one\n\n> q\n\n> r\n\ntwo");
  assert.equal(insertBlock("one\n", 4, "> q").text, "one\n\n> q\n");
  assert.equal(insertBlock("abc", 99, "> q").text, "abc\n\n> q\n");
});

test("a quote block can be removed again by its annotation id", () => {
  const text = "intro\n\n> kept [↩](#annotation-1)\n\n> gone\n> too [↩](#annotation-2)\n\noutro";
  assert.equal(removeQuote(text, 2), "intro\n\n> kept [↩](#annotation-1)\n\noutro");
  assert.equal(removeQuote(text, 9), text);
  assert.equal(removeQuote("> only [↩](#annotation-4)\n", 4), "");
  assert.equal(removeQuote("notes\n\n> q [↩](#annotation-5)\n", 5), "notes\n");
  assert.equal(removeQuote("> q [↩](#annotation-6)\n\nafter", 6), "after");
  assert.equal(removeQuote("a\n\n> q [^q7]\n\n> r [^q8]\n", 7), "a\n\n> r [^q8]\n");
});
