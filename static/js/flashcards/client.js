/** The flashcards API, as the panel uses it (see study/api.py). */
import { apiFetch } from "../lib/api.js";

function deckUrl(config, section) {
  const slug = encodeURIComponent(config.article);
  return `${config.apiBase}/articles/${slug}/sections/${encodeURIComponent(section)}/flashcards`;
}

/** POST: 200 with the set (cached or made at once), 202 while a task makes it. */
export function requestDeck(config, section, { regenerate = false } = {}) {
  const url = deckUrl(config, section) + (regenerate ? "/regenerate" : "");
  return apiFetch(url, { method: "POST" });
}

/** GET: 200 ready, 202 in progress; an ApiError with status 404 when there is none. */
export function fetchDeck(config, section, { signal } = {}) {
  return apiFetch(deckUrl(config, section), { signal });
}

export function createCard(config, section, fields) {
  return apiFetch(`${deckUrl(config, section)}/cards`, { method: "POST", body: fields });
}

export function updateCard(config, id, fields) {
  return apiFetch(`${config.apiBase}/flashcards/cards/${id}`, { method: "PATCH", body: fields });
}

export function deleteCard(config, id) {
  return apiFetch(`${config.apiBase}/flashcards/cards/${id}`, { method: "DELETE" });
}

export function restoreCard(config, id) {
  return apiFetch(`${config.apiBase}/flashcards/cards/${id}/restore`, { method: "POST" });
}
