/**
 * DOM side of anchoring: a Range <-> UTF-16 offsets into a root's textContent, and wrapping a
 * range in <mark> elements (split text nodes, one mark per text node, so a selection may cross
 * inline elements, list items and paragraphs; overlapping annotations nest).
 *
 * Thin on purpose: when static/js/anchoring/{text-range,highlighter}.js land, these delegate.
 */

// White-space-only text between these is layout, not text: a <mark> there would be invalid
// HTML (inside <ul>, <tr>...) and shows nothing anyway.
const BLOCK_PARENTS = new Set([
  "UL", "OL", "DL", "TABLE", "THEAD", "TBODY", "TFOOT", "TR", "SECTION", "DIV", "BLOCKQUOTE",
  "FIGURE", "ARTICLE",
]);

/** UTF-16 offset of a boundary point within `root`'s textContent. */
export function boundaryOffset(root, container, offset) {
  const range = document.createRange();
  range.setStart(root, 0);
  range.setEnd(container, offset);
  return range.toString().length;
}

/** {start, end} of `range` in `root`'s text, after clamping the range to `root`. */
export function rangeOffsets(root, range) {
  const clamped = clampRange(root, range);
  if (!clamped) return null;
  return {
    start: boundaryOffset(root, clamped.startContainer, clamped.startOffset),
    end: boundaryOffset(root, clamped.endContainer, clamped.endOffset),
  };
}

/** The part of `range` inside `root`, or null when they do not meet. */
export function clampRange(root, range) {
  const whole = document.createRange();
  whole.selectNodeContents(root);
  if (
    range.compareBoundaryPoints(Range.END_TO_START, whole) >= 0 ||
    range.compareBoundaryPoints(Range.START_TO_END, whole) <= 0
  ) {
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

function textNodes(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  return nodes;
}

/** A Range over UTF-16 [start, end) of `root`'s text; null when out of range. */
export function rangeFromOffsets(root, start, end) {
  let position = 0;
  let startPoint = null;
  let endPoint = null;
  for (const node of textNodes(root)) {
    const next = position + node.data.length;
    if (!startPoint && start < next) startPoint = [node, start - position];
    if (startPoint && end <= next) {
      endPoint = [node, end - position];
      break;
    }
    position = next;
  }
  if (!startPoint || !endPoint) return null;
  const range = document.createRange();
  range.setStart(...startPoint);
  range.setEnd(...endPoint);
  return range;
}

/** Wrap the text of `range` in elements from `makeMark()`; returns them in document order. */
export function wrapRange(range, makeMark) {
  let { startContainer, startOffset, endContainer, endOffset } = range;
  // Split the boundary text nodes so that only whole text nodes lie inside the range.
  if (endContainer.nodeType === Node.TEXT_NODE && endOffset < endContainer.data.length) {
    endContainer.splitText(endOffset);
  }
  if (startContainer.nodeType === Node.TEXT_NODE && startOffset > 0) {
    const rest = startContainer.splitText(startOffset);
    if (endContainer === startContainer) {
      endContainer = rest;
      endOffset -= startOffset;
    }
    startContainer = rest;
    startOffset = 0;
  }
  const inner = document.createRange();
  inner.setStart(startContainer, startOffset);
  inner.setEnd(endContainer, endContainer.nodeType === Node.TEXT_NODE ? endContainer.data.length : endOffset);
  const root = inner.commonAncestorContainer;
  const candidates =
    root.nodeType === Node.TEXT_NODE ? [root] : textNodes(root).filter((n) => inner.intersectsNode(n));
  const marks = [];
  for (const node of candidates) {
    if (!node.data.length) continue;
    if (!node.data.trim() && BLOCK_PARENTS.has(node.parentNode?.nodeName)) continue;
    const mark = makeMark();
    node.parentNode.insertBefore(mark, node);
    mark.appendChild(node);
    marks.push(mark);
  }
  return marks;
}

/** Remove marks, keeping their content where it was. */
export function unwrap(marks) {
  const parents = new Set();
  for (const mark of marks) {
    const parent = mark.parentNode;
    if (!parent) continue;
    while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
    parent.removeChild(mark);
    parents.add(parent);
  }
  for (const parent of parents) parent.normalize();
}
