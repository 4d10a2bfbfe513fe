/**
 * The review page's keyboard: Space shows the answer, 1–4 rate (Again, Hard, Good, Easy) once
 * it is shown. Pure, so the rules are tested without a browser.
 */

const INTERACTIVE = new Set(["BUTTON", "A", "INPUT", "TEXTAREA", "SELECT", "SUMMARY"]);

/**
 * @param {{key: string, revealed: boolean, busy: boolean, targetTag?: string,
 *          editable?: boolean, modified?: boolean, repeat?: boolean}} event
 * @returns {{action: "reveal"} | {action: "rate", grade: number} | {action: "swallow"} | null}
 *   "swallow": prevent the default (Space would scroll the page) and do nothing.
 */
export function reviewKey({ key, revealed, busy, targetTag = "", editable = false, modified = false, repeat = false }) {
  if (modified || editable) return null;
  const tag = targetTag.toUpperCase();
  if (key === " " || key === "Spacebar") {
    // On a button or link, Space is that control's own activation: leave it alone.
    if (INTERACTIVE.has(tag)) return null;
    if (repeat || busy) return { action: "swallow" };
    return revealed ? { action: "swallow" } : { action: "reveal" };
  }
  if (/^[1-4]$/.test(key)) {
    if (!revealed || busy || repeat) return null;
    return { action: "rate", grade: Number(key) };
  }
  return null;
}

export const GRADE_KEYS = ["again", "hard", "good", "easy"];

export function dueText(remaining, more = false) {
  return `${remaining}${more ? "+" : ""} card${remaining === 1 && !more ? "" : "s"} due today`;
}
