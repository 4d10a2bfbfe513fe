/**
 * Pure text helpers for flashcards: cloze faces and the cooldown clock. No DOM, so they run
 * under `node --test`.
 */

const DELETION = /\{\{c\d+::(.*?)(?:::(.*?))?\}\}/gs;

/** The front of a card: a cloze shows its gaps as "[…]" (or "[hint]"). */
export function frontText(card) {
  if (card.kind !== "cloze") return card.question;
  return card.question.replace(DELETION, (_, text, hint) => (hint ? `[${hint}]` : "[…]"));
}

/** The full sentence of a cloze card, its gaps filled in. */
export function filledText(card) {
  return card.question.replace(DELETION, (_, text) => text);
}

/** Pieces of a cloze sentence, so the filled gaps can be emphasised without innerHTML. */
export function clozeParts(question) {
  const parts = [];
  let last = 0;
  for (const match of question.matchAll(DELETION)) {
    if (match.index > last) parts.push({ text: question.slice(last, match.index), gap: false });
    parts.push({ text: match[1], gap: true });
    last = match.index + match[0].length;
  }
  if (last < question.length) parts.push({ text: question.slice(last), gap: false });
  return parts;
}

/** "2:41" for 161 seconds; "0:00" once it is over. */
export function clock(seconds) {
  const whole = Math.max(0, Math.ceil(seconds));
  const minutes = Math.floor(whole / 60);
  return `${minutes}:${String(whole % 60).padStart(2, "0")}`;
}

/** Seconds left until `endMs` (a Date.now() value), rounded up; 0 when past. */
export function secondsLeft(endMs, nowMs) {
  return Math.max(0, Math.ceil((endMs - nowMs) / 1000));
}
