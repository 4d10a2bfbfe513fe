/**
 * Where the selection toolbar goes (pure; coordinates relative to the viewport, for
 * `position: fixed`).
 *
 * Desktop: centred above the selection, like most editors. Touch and narrow screens: below it,
 * because phones draw their own copy/paste menu above the selection and would hide ours.
 * Either way it flips when there is no room and never leaves the viewport.
 */
export function placeToolbar({ rect, size, viewport, preferBelow, gap = 8, margin = 8 }) {
  const fitsAbove = rect.top - gap - size.height >= margin;
  const fitsBelow = rect.bottom + gap + size.height <= viewport.height - margin;
  let placement = preferBelow ? "below" : "above";
  if (placement === "above" && !fitsAbove && fitsBelow) placement = "below";
  if (placement === "below" && !fitsBelow && fitsAbove) placement = "above";
  let top = placement === "above" ? rect.top - gap - size.height : rect.bottom + gap;
  top = clamp(top, margin, viewport.height - size.height - margin);
  const centre = rect.left + rect.width / 2;
  const left = clamp(centre - size.width / 2, margin, viewport.width - size.width - margin);
  return { top: Math.round(top), left: Math.round(left), placement };
}

function clamp(value, low, high) {
  return Math.max(low, Math.min(value, Math.max(low, high)));
}

/** Phones and tablets: a coarse pointer or a narrow window. */
export function prefersBelow({ coarsePointer, viewportWidth }) {
  return Boolean(coarsePointer) || viewportWidth < 768;
}
