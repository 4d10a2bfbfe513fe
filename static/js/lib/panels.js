/**
 * Side panels (Flashcards on the left, Notes on the right) share the screen by one rule:
 * on wide screens any of them may be open together; below 768 px opening one closes the
 * others, since each takes the whole width.
 *
 * A panel registers how to close itself and tells this module when it opens:
 *
 *   import { registerPanel, panelOpened } from "../lib/panels.js";
 *   registerPanel("notes", { close: () => this.close(), isOpen: () => !this.element.hidden });
 *   panelOpened("notes");   // after showing it
 *
 * A `readmark:panel-opened` event (detail: {name}) is also dispatched on `document`.
 * When the window narrows with several open, the one opened last stays.
 */

export const NARROW_QUERY = "(max-width: 767.98px)";

const panels = new Map();
let order = [];

/** Which of `open` panels to close when `opened` opens (pure). */
export function panelsToClose(open, opened, narrow) {
  return narrow ? open.filter((name) => name !== opened) : [];
}

export function isNarrow() {
  return typeof window !== "undefined" && window.matchMedia(NARROW_QUERY).matches;
}

export function registerPanel(name, { close, isOpen }) {
  panels.set(name, { close, isOpen });
  return () => panels.delete(name);
}

export function panelOpened(name) {
  order = [...order.filter((item) => item !== name), name];
  closeOthers(name);
  document.dispatchEvent(new CustomEvent("readmark:panel-opened", { detail: { name } }));
}

function closeOthers(name) {
  const open = [...panels].filter(([, panel]) => panel.isOpen()).map(([key]) => key);
  for (const other of panelsToClose(open, name, isNarrow())) panels.get(other)?.close();
}

if (typeof window !== "undefined" && window.matchMedia) {
  window.matchMedia(NARROW_QUERY).addEventListener("change", (event) => {
    if (!event.matches) return;
    const open = [...panels].filter(([, panel]) => panel.isOpen()).map(([key]) => key);
    const last = [...order].reverse().find((name) => open.includes(name));
    if (last) closeOthers(last);
  });
}
