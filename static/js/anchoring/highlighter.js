/**
 * Wrap a DOM Range in <mark> elements, and unwrap them again.
 *
 * Why wrap text nodes (as Hypothesis does) rather than draw overlays: marks are real text, so
 * they print, reflow, and are announced by assistive technology; a selection can cross inline
 * elements and paragraphs, so each run of text nodes gets its own <mark>, and a highlight that
 * overlaps another simply nests inside or around its marks. White space alone between block
 * elements is layout, not text, and a <mark> there would be invalid (inside <ul>, <tr>...), so
 * it is skipped. `remove()` unwraps and merges the split text back, leaving other marks intact.
 */

const BLOCKS = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "BODY", "DD", "DETAILS", "DIV", "DL", "DT",
  "FIELDSET", "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6",
  "HEADER", "HR", "LI", "MAIN", "NAV", "OL", "P", "PRE", "SECTION", "TABLE", "TBODY", "TD",
  "TFOOT", "TH", "THEAD", "TR", "UL", "CAPTION", "COLGROUP", "SUMMARY",
]);
// Elements whose direct children may not be text at all.
const NO_TEXT_CHILDREN = new Set([
  "UL", "OL", "DL", "TABLE", "TBODY", "THEAD", "TFOOT", "TR", "COLGROUP", "SELECT",
]);

/**
 * Highlight `range` with <mark> elements carrying `attrs` (attribute name -> value).
 * Returns {elements, remove}; `remove()` takes the marks out again (safe to call twice).
 */
export function highlightRange(range, attrs = {}) {
  const nodes = textNodesIn(range).filter((node) => !isLayoutWhitespace(node));
  const elements = groupSiblings(nodes).map((group) => wrap(group, attrs));
  return {
    elements,
    remove() {
      for (const mark of elements) unwrap(mark);
      elements.length = 0;
    },
  };
}

/** Every Text node the range covers, split so that each lies wholly inside it. */
function textNodesIn(range) {
  if (range.collapsed) return [];
  let start = startPoint(range);
  let end = endPoint(range);
  if (!start || !end || !precedesOrIs(start.node, end.node)) return [];
  if (start.node === end.node && start.offset >= end.offset) return [];

  // Split the end first: when both points are in one node, the start offset stays valid.
  if (end.offset < end.node.data.length) end.node.splitText(end.offset);
  if (start.offset > 0) {
    const tail = start.node.splitText(start.offset);
    if (end.node === start.node) end = { node: tail, offset: end.offset - start.offset };
    start = { node: tail, offset: 0 };
  }

  const doc = start.node.ownerDocument;
  const walker = doc.createTreeWalker(doc, NodeFilter.SHOW_TEXT);
  walker.currentNode = start.node;
  const nodes = [];
  let node = start.node;
  while (node) {
    if (node.data.length > 0) nodes.push(node);
    if (node === end.node) break;
    node = walker.nextNode();
  }
  return nodes;
}

/** The range's start as a point in a Text node: its own, or the first text after it. */
function startPoint(range) {
  const { startContainer: container, startOffset: offset } = range;
  if (container.nodeType === Node.TEXT_NODE) {
    if (offset < container.data.length) return { node: container, offset };
    const next = textAfter(container);
    return next ? { node: next, offset: 0 } : null;
  }
  const before = container.childNodes[offset] || null;
  const first = before ? firstTextFrom(before) : textAfter(container);
  return first ? { node: first, offset: 0 } : null;
}

/** The range's end as a point in a Text node: its own, or the last text before it. */
function endPoint(range) {
  const { endContainer: container, endOffset: offset } = range;
  if (container.nodeType === Node.TEXT_NODE) {
    if (offset > 0) return { node: container, offset };
    const previous = textBefore(container);
    return previous ? { node: previous, offset: previous.data.length } : null;
  }
  const after = offset > 0 ? container.childNodes[offset - 1] : null;
  const last = after ? lastTextIn(after) || textBefore(after) : textBefore(container);
  return last ? { node: last, offset: last.data.length } : null;
}

function firstTextFrom(node) {
  if (node.nodeType === Node.TEXT_NODE) return node;
  const walker = node.ownerDocument.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  return walker.nextNode() || textAfter(node);
}

function lastTextIn(node) {
  if (node.nodeType === Node.TEXT_NODE) return node;
  const walker = node.ownerDocument.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  let last = null;
  while (walker.nextNode()) last = walker.currentNode;
  return last;
}

/** The first Text node after `node` and its descendants, in document order. */
function textAfter(node) {
  let current = node;
  while (current) {
    if (current.nextSibling) {
      const found = firstTextIn(current.nextSibling);
      if (found) return found;
      current = current.nextSibling;
    } else {
      current = current.parentNode;
    }
  }
  return null;
}

function firstTextIn(node) {
  if (node.nodeType === Node.TEXT_NODE) return node;
  const walker = node.ownerDocument.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  return walker.nextNode();
}

/** The last Text node before `node`, in document order. */
function textBefore(node) {
  let current = node;
  while (current) {
    if (current.previousSibling) {
      const found = lastTextIn(current.previousSibling);
      if (found) return found;
      current = current.previousSibling;
    } else {
      current = current.parentNode;
    }
  }
  return null;
}

function precedesOrIs(a, b) {
  return a === b || Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
}

/** White space alone, next to block elements or where text may not go: layout, not text. */
function isLayoutWhitespace(node) {
  if (/\S/.test(node.data)) return false;
  const parent = node.parentNode;
  if (!parent || NO_TEXT_CHILDREN.has(parent.nodeName)) return true;
  const isBlock = (sibling) => sibling && sibling.nodeType === Node.ELEMENT_NODE && BLOCKS.has(sibling.nodeName);
  return isBlock(node.previousSibling) || isBlock(node.nextSibling);
}

/** Runs of adjacent sibling Text nodes: each run goes into one <mark>. */
function groupSiblings(nodes) {
  const groups = [];
  for (const node of nodes) {
    const group = groups[groups.length - 1];
    if (group && group[group.length - 1].nextSibling === node) group.push(node);
    else groups.push([node]);
  }
  return groups;
}

function wrap(group, attrs) {
  const mark = group[0].ownerDocument.createElement("mark");
  for (const [name, value] of Object.entries(attrs)) mark.setAttribute(name, String(value));
  group[0].parentNode.insertBefore(mark, group[0]);
  for (const node of group) mark.appendChild(node);
  return mark;
}

function unwrap(mark) {
  const parent = mark.parentNode;
  if (!parent) return;
  while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
  parent.removeChild(mark);
  parent.normalize(); // merge the split text; other marks are elements and stay as they are
}
