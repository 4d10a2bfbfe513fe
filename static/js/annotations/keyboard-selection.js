/**
 * The keyboard path to a highlight: Tab reaches each paragraph of the article (and list item,
 * quotation, table cell); on a focused paragraph Shift+Right and Shift+Left select word by
 * word from its start, and then H and N act on the selection as the toolbar's buttons do
 * (shortcuts.js). Browsers move a selection with Shift+Arrow only where there is a caret,
 * which a plain paragraph has not: we extend it ourselves, a word at a time.
 */
export const READABLE_BLOCKS = "p, li:not(:has(p)), blockquote:not(:has(p)), pre, dd, dt, td, th";

/** What Shift+Arrow does on a focused paragraph (pure): "forward", "backward" or null. */
export function wordStep(event) {
  if (!event.shiftKey || event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === "ArrowRight") return "forward";
  if (event.key === "ArrowLeft") return "backward";
  return null;
}

export function makeBlocksFocusable(root) {
  for (const block of root.querySelectorAll(READABLE_BLOCKS)) {
    if (!block.hasAttribute("tabindex")) block.tabIndex = 0;
  }
}

// Where our own word-by-word selection started, so that a selection made with the mouse keeps
// the browser's own Shift+Arrow (a character at a time).
let started = null;

/** Extend the selection by one word inside `block`, starting at its beginning when nothing
 * is selected there. Returns true when it handled the key, false to leave it to the browser. */
export function extendByWord(block, direction, selection = window.getSelection()) {
  if (!selection || typeof selection.modify !== "function") return false;
  const inside = selection.rangeCount > 0 && !selection.isCollapsed && block.contains(selection.anchorNode);
  const ours = inside && started?.node === selection.anchorNode && started?.offset === selection.anchorOffset;
  if (inside && !ours) return false;
  if (!inside) {
    if (direction === "backward") return true; // nothing selected yet: nothing to take back
    const walker = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let first = walker.nextNode();
    while (first && !first.data.trim()) first = walker.nextNode();
    if (!first) return false;
    const offset = first.data.length - first.data.trimStart().length;
    selection.collapse(first, offset);
    started = { node: first, offset };
  }
  selection.modify("extend", direction, "word");
  // Never past the paragraph's end: one paragraph at a time, as a reader reads it.
  if (!block.contains(selection.focusNode)) {
    const range = block.ownerDocument.createRange();
    range.selectNodeContents(block);
    selection.extend(range.endContainer, range.endOffset);
  }
  return true;
}
