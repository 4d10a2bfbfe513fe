/**
 * A passage selected across sections is saved as one annotation per section (the server
 * anchors an annotation to one section's text). The parts share a group, written into each
 * part's client_id as `<group>~<index>` (client_id is the client's own label, stored and
 * returned as sent), so that they are deleted, restored and listed together, on this page and
 * after a reload.
 */
const SEPARATOR = "~";

export function groupClientId(group, index) {
  return `${group}${SEPARATOR}${index}`;
}

/** The group an annotation belongs to, or null when it stands alone. */
export function groupKey(annotation) {
  const clientId = annotation?.client_id;
  if (!clientId) return null;
  const at = clientId.lastIndexOf(SEPARATOR);
  return at > 0 ? clientId.slice(0, at) : null;
}

/** The members of `annotation`'s group among `all` (itself alone when it has none). */
export function groupMembers(annotation, all) {
  const key = groupKey(annotation);
  if (!key) return [annotation];
  return all.filter((other) => groupKey(other) === key);
}
