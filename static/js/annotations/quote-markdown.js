/**
 * Auto-Quote's Markdown: a passage becomes a blockquote ending in a short reference to its
 * mark, `[^q12]` (footnote syntax: it reads as a footnote in the notes box), inserted into the
 * general notes as its own block. The server turns the reference into a link back to the
 * passage in the preview, a footnote in the Markdown export, and the section's name in the PDF
 * (annotations/quote_refs.py). Notes written before used `[↩](#annotation-12)`; both are read.
 */

// Only what would change the quote's meaning when rendered: inline emphasis, code and link
// syntax, and block markers at a line's start. Escaping more would clutter the notes people read
// and edit as plain text.
const INLINE = /([\\`*_[\]<])/g;
const BLOCK_START = /^(\s*)([#>+-]|\d+[.)])(?=\s|$)/;

export function escapeMarkdown(line) {
  return line.replace(INLINE, "\\$1").replace(BLOCK_START, (_, space, marker) => {
    const escaped = /^\d/.test(marker) ? marker.replace(/([.)])$/, "\\$1") : `\\${marker}`;
    return space + escaped;
  });
}

export function quoteRef(annotationId) {
  return `[^q${annotationId}]`;
}

const LEGACY_REF = /\[↩\]\(#annotation-([\w-]+)\)/g;

/** Notes with the old link-shaped references, written with the short ones instead. */
export function modernRefs(text) {
  return text.replace(LEGACY_REF, (_, id) => quoteRef(id));
}

/** `text` with the references to one annotation id pointing at another (a temporary id saved). */
export function renameRef(text, fromId, toId) {
  return text.split(quoteRef(fromId)).join(quoteRef(toId));
}

/** `> passage… [^qID]` with one `>` line per line of the passage. */
export function quoteMarkdown(passage, annotationId) {
  const lines = passage
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t\u00a0]+/g, " ")
    .split("\n")
    .map((line) => line.trim());
  while (lines.length && !lines[0]) lines.shift();
  while (lines.length && !lines.at(-1)) lines.pop();
  const collapsed = [];
  for (const line of lines) {
    if (!line && !collapsed.at(-1)) continue; // one blank line between paragraphs at most
    collapsed.push(line);
  }
  const link = quoteRef(annotationId);
  if (!collapsed.length) return `> ${link}`;
  const body = collapsed.map((line) => (line ? `> ${escapeMarkdown(line)}` : ">"));
  body[body.length - 1] += ` ${link}`;
  return body.join("\n");
}

/**
 * Insert `block` into `text` at `caret` as a paragraph of its own (blank lines around it).
 * Returns the new text and the caret just after the block.
 */
export function insertBlock(text, caret, block) {
  const at = Math.max(0, Math.min(caret ?? text.length, text.length));
  const before = text.slice(0, at);
  const after = text.slice(at);
  const lead = before === "" ? "" : before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
  const trail = after === "" ? "\n" : after.startsWith("\n\n") ? "" : after.startsWith("\n") ? "\n" : "\n\n";
  const inserted = lead + block + trail;
  return { text: before + inserted + after, caret: before.length + inserted.length };
}

/** Remove the block that links to `annotationId` (a quote undone), with one blank line. */
export function removeQuote(text, annotationId) {
  const links = [quoteRef(annotationId), `[↩](#annotation-${annotationId})`];
  const parts = text.split(/(\n{2,})/); // blocks at even indexes, separators at odd ones
  const index = parts.findIndex(
    (part, i) => i % 2 === 0 && part.startsWith(">") && links.some((link) => part.includes(link)),
  );
  if (index < 0) return text;
  if (index > 0) parts.splice(index - 1, 2);
  else parts.splice(index, parts.length > 1 ? 2 : 1);
  let result = parts.join("");
  if (text.endsWith("\n") && result && !result.endsWith("\n")) result += "\n";
  return result;
}
