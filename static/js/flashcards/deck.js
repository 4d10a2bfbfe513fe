/**
 * The position in a deck and which side shows: a tiny immutable state, so the panel's
 * behaviour (wrap or stop at the ends, what a delete does to the position) is unit-tested.
 */

export function deckState(cards = [], index = 0) {
  const count = cards.length;
  return { cards, index: count ? Math.min(Math.max(index, 0), count - 1) : 0, flipped: false };
}

export function flip(state) {
  return state.cards.length ? { ...state, flipped: !state.flipped } : state;
}

/** Move by `step`; stops at the ends (a deck is read front to back, not round and round). */
export function move(state, step) {
  const index = Math.min(Math.max(state.index + step, 0), Math.max(state.cards.length - 1, 0));
  return index === state.index ? state : { ...state, index, flipped: false };
}

export function current(state) {
  return state.cards[state.index] ?? null;
}

/** "3 / 8", or "0 / 0" for an empty deck. */
export function positionLabel(state) {
  const count = state.cards.length;
  return `${count ? state.index + 1 : 0} / ${count}`;
}

export function canMove(state, step) {
  const target = state.index + step;
  return target >= 0 && target < state.cards.length;
}

/** Replace one card (after an edit), keeping position and side. */
export function replaceCard(state, card) {
  const cards = state.cards.map((item) => (item.id === card.id ? card : item));
  return { ...state, cards };
}

/** Remove a card; the position stays on the card that took its place (or the new last). */
export function removeCard(state, id) {
  const at = state.cards.findIndex((card) => card.id === id);
  if (at < 0) return state;
  const cards = state.cards.filter((card) => card.id !== id);
  const index = at < state.index ? state.index - 1 : state.index;
  return { ...deckState(cards, index) };
}

/** Insert a card at `at` (an undo puts a card back where it was) and show it. */
export function insertCard(state, card, at = state.cards.length) {
  const where = Math.min(Math.max(at, 0), state.cards.length);
  const cards = [...state.cards.slice(0, where), card, ...state.cards.slice(where)];
  return deckState(cards, where);
}

/** How many cards to draw behind the current one (the stack). */
export function behind(state, most = 2) {
  return Math.max(0, Math.min(most, state.cards.length - state.index - 1));
}
