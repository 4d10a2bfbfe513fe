/**
 * Where a floating message may sit without covering a control: the vertical position nearest
 * to the preferred one at which a box of `height` overlaps none of `obstacles` (rectangles of
 * the visible buttons and fields). Pure, so it can be tested without a browser.
 *
 *   clearTop({preferred, height, left, right, min, max, obstacles, step})
 *
 * Tries `preferred` first, then positions `step` px further away on either side, within
 * [min, max - height]. Returns the first clear one, or `preferred` when none is clear.
 */
export function clearTop({ preferred, height, left, right, min, max, obstacles, step = 8 }) {
  const lowest = max - height;
  const clear = (top) =>
    !obstacles.some((r) => r.left < right && r.right > left && r.top < top + height && r.bottom > top);
  const start = Math.min(Math.max(preferred, min), lowest);
  for (let distance = 0; distance <= max - min; distance += step) {
    for (const top of [start - distance, start + distance]) {
      if (top >= min && top <= lowest && clear(top)) return top;
    }
  }
  return start;
}
