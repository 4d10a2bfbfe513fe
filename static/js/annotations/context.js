/**
 * What the annotation controllers share on one reader page: the store, the page's data, a few
 * flags, the reader's current selection in the article, and `annotations:*` events on
 * `document` (controllers talk through them, not to each other).
 */
import { offsetsToRange, rangeToOffsets } from "../anchoring/text-range.js";
import { readSettings } from "../lib/settings.js";
import { AnnotationStore } from "./store.js";
import { passage, selectorsFor, trimSpan } from "./text-offsets.js";

let store = null;
let data = null;

export const flags = {
  autoQuote: false, // the notes panel is open with Auto-Quote on
  reattaching: null, // id of the orphan waiting for a selection
};

export function pageData() {
  if (data === null) {
    const raw = readSettings("annotations-data", { fields: [], annotations: [], notebook: null });
    data = { ...raw, annotations: fromRows(raw.fields, raw.annotations) };
  }
  return data;
}

/** The page embeds annotations as rows under one list of field names (smaller, faster). */
export function fromRows(fields, rows) {
  return rows.map((row) => {
    const item = {};
    for (let i = 0; i < fields.length; i += 1) item[fields[i]] = row[i];
    return item;
  });
}

export function pageStore() {
  if (store === null) {
    const config = readSettings("reader-config", {});
    store = new AnnotationStore({
      apiBase: config.apiBase || "/api/v1",
      article: config.article,
      annotations: pageData().annotations,
    });
  }
  return store;
}

export function emit(name, detail = {}) {
  document.dispatchEvent(new CustomEvent(`annotations:${name}`, { detail }));
}

export function on(name, handler) {
  document.addEventListener(`annotations:${name}`, (event) => handler(event.detail));
}

export function sectionBody(anchor) {
  return document.querySelector(`[data-section-body="${CSS.escape(anchor)}"]`);
}

const textCache = new WeakMap();

/** A section body's text; marks never change it, so it is read once. */
export function sectionText(body) {
  if (!textCache.has(body)) textCache.set(body, body.textContent);
  return textCache.get(body);
}

/**
 * The reader's selection as something we can save: code point offsets trimmed of white space,
 * W3C selectors, the passage text and where it is on screen, for the section it starts in; and
 * in `parts`, one such piece per section it covers (a selection running into the next sections
 * is saved as one annotation per section, created and deleted together: groups.js). `text` is
 * the whole passage. Null when nothing usable is selected.
 */
export function articleSelection(selection = window.getSelection()) {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const parts = [];
  for (const body of document.querySelectorAll("[data-section-body]")) {
    const part = selectionPart(body, range);
    if (part) parts.push(part);
  }
  if (!parts.length) return null;
  const first = parts[0];
  const last = parts.at(-1);
  return {
    ...first,
    text: parts.map((part) => part.text).join("\n\n"),
    lastRect: last.lastRect,
    parts,
    key: parts.map((part) => part.key).join("|"),
  };
}

function selectionPart(body, range) {
  if (!range.intersectsNode(body)) return null;
  const text = sectionText(body);
  const offsets = rangeToOffsets(body, range, text);
  if (!offsets || offsets.start >= offsets.end) return null;
  const span = trimSpan(text, offsets.start, offsets.end);
  if (!span) return null;
  const saved = offsetsToRange(body, span.start, span.end, text);
  const rects = [...saved.getClientRects()].filter((r) => r.width || r.height);
  const rect = saved.getBoundingClientRect();
  return {
    section: body.dataset.sectionBody,
    body,
    start: span.start,
    end: span.end,
    text: passage(text, span.start, span.end),
    selectors: selectorsFor(text, span.start, span.end),
    rect,
    lastRect: rects.at(-1) ?? rect,
    key: `${body.dataset.sectionBody}:${span.start}:${span.end}`,
  };
}

export function clearSelection() {
  window.getSelection()?.removeAllRanges();
}
