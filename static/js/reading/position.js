/**
 * Reading position as "which section is at the reading line, and how far through it", so a
 * position saved on a phone restores sensibly on a desktop. Pure: rectangles are passed in.
 */

/**
 * @param {{anchor: string, top: number, height: number}[]} sections  tops relative to the viewport
 * @param {number} line  the reading line's distance from the viewport's top
 */
export function positionAt(sections, line) {
  if (sections.length === 0) return { anchor: "", fraction: 0 };
  for (const section of sections) {
    if (line < section.top) return { anchor: section.anchor, fraction: 0 };
    if (line < section.top + section.height) {
      const fraction = section.height > 0 ? (line - section.top) / section.height : 0;
      return { anchor: section.anchor, fraction: round(fraction) };
    }
  }
  return { anchor: sections.at(-1).anchor, fraction: 1 };
}

/** The window scroll offset that puts `fraction` of a section at the reading line. */
export function scrollTargetFor({ documentTop, height }, fraction, line) {
  return Math.max(0, Math.round(documentTop + fraction * height - line));
}

/** Offer to go back only when the reader is not already there (the browser may restore it). */
export function shouldOffer(saved, current, order) {
  if (!saved || !saved.anchor) return false;
  const savedIndex = order.indexOf(saved.anchor);
  if (savedIndex < 0) return false;
  if (savedIndex === 0 && saved.fraction < 0.02) return false;
  if (current && current.anchor === saved.anchor) return Math.abs(current.fraction - saved.fraction) > 0.25;
  return true;
}

/** Whether a new position is worth sending (avoid a request for every pixel of scrolling). */
export function movedEnough(previous, next) {
  if (!previous) return true;
  return previous.anchor !== next.anchor || Math.abs(previous.fraction - next.fraction) >= 0.05;
}

function round(value) {
  return Math.min(1, Math.max(0, Math.round(value * 1000) / 1000));
}
