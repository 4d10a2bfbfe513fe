/**
 * DOM Range <-> code point offsets over `root.textContent`, the text the server anchors in.
 *
 * Why textContent and code points: the server stores TextPositionSelectors over the section's
 * plain text as rendered, counted in code points (see offsets.js for why the DOM's UTF-16
 * offsets must be converted). A boundary point is measured by the text of a Range from the
 * root's start to it, which counts exactly the Text nodes textContent concatenates, whatever
 * elements lie between; the reverse walks the Text nodes.
 */
import { codepointsToUtf16, snapUtf16, utf16ToCodepoints } from "./offsets.js";

export { CONTEXT_LENGTH, describe, quoteSelectorFor, toW3C } from "./selectors.js";

/** {start, end} in code points of `range` within `root`, or null when they do not meet.
 * The part of the range outside `root` is ignored. */
export function rangeToOffsets(root, range, text = root.textContent) {
  const clamped = clampToRoot(root, range);
  if (!clamped) return null;
  const start = snapUtf16(text, utf16Before(root, clamped.startContainer, clamped.startOffset));
  const end = snapUtf16(text, utf16Before(root, clamped.endContainer, clamped.endOffset), "up");
  return { start: utf16ToCodepoints(text, start), end: utf16ToCodepoints(text, end) };
}

/** A Range over code points [start, end) of `root.textContent`. Throws RangeError when the
 * offsets are out of range. Each boundary lands inside a Text node: the start at the
 * beginning of the next node rather than the end of the previous one, the end the reverse,
 * so the range does not reach into neighbouring elements. */
export function offsetsToRange(root, start, end, text = root.textContent) {
  if (start > end) throw new RangeError(`start ${start} is after end ${end}`);
  const from = codepointsToUtf16(text, start);
  const to = codepointsToUtf16(text, end);
  const range = root.ownerDocument.createRange();
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let position = 0;
  let startSet = false;
  let last = null;
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const next = position + node.data.length;
    if (!startSet && from < next) {
      range.setStart(node, from - position);
      startSet = true;
    }
    if (startSet && to <= next) {
      range.setEnd(node, to - position);
      return range;
    }
    position = next;
    last = node;
  }
  // Offsets at the very end of the text (or an empty root).
  if (last) {
    if (!startSet) range.setStart(last, last.data.length);
    range.setEnd(last, last.data.length);
  } else {
    range.setStart(root, 0);
    range.setEnd(root, 0);
  }
  return range;
}

/** UTF-16 length of the text between the start of `root` and a boundary point. */
function utf16Before(root, container, offset) {
  const range = root.ownerDocument.createRange();
  range.setStart(root, 0);
  range.setEnd(container, offset);
  return range.toString().length;
}

/** The part of `range` inside `root`, or null when they do not overlap. */
function clampToRoot(root, range) {
  const whole = root.ownerDocument.createRange();
  whole.selectNodeContents(root);
  const startsAfter = range.compareBoundaryPoints(Range.END_TO_START, whole) >= 0;
  const endsBefore = range.compareBoundaryPoints(Range.START_TO_END, whole) <= 0;
  if ((startsAfter || endsBefore) && !(range.collapsed && root.contains(range.startContainer))) {
    return null;
  }
  const clamped = range.cloneRange();
  if (range.compareBoundaryPoints(Range.START_TO_START, whole) < 0) {
    clamped.setStart(whole.startContainer, whole.startOffset);
  }
  if (range.compareBoundaryPoints(Range.END_TO_END, whole) > 0) {
    clamped.setEnd(whole.endContainer, whole.endOffset);
  }
  return clamped;
}
