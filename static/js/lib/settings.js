/** Read JSON configuration rendered by Django's `json_script` (no inline scripts under CSP). */
export function readSettings(id, fallback = {}) {
  const element = document.getElementById(id);
  if (!element) return fallback;
  try {
    return JSON.parse(element.textContent);
  } catch {
    return fallback;
  }
}
