/**
 * Keyboard shortcuts with a text selection in the article: H highlights, N adds a note.
 * Plain letters like Hypothesis's, active only while article text is selected and focus is not
 * in a text field, so typing is never hijacked.
 */
export const SHORTCUTS = { h: "highlight", n: "note" };

export function shortcutAction(event, { editable, hasSelection }) {
  if (!hasSelection || editable) return null;
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return null;
  return SHORTCUTS[String(event.key).toLowerCase()] ?? null;
}

export function isEditable(element) {
  if (!element || element.nodeType !== 1) return false;
  if (element.isContentEditable) return true;
  const tag = element.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  const type = (element.getAttribute("type") || "text").toLowerCase();
  return !["button", "checkbox", "radio", "submit", "reset", "range", "color", "file"].includes(type);
}
