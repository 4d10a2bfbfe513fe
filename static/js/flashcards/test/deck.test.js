import assert from "node:assert/strict";
import { test } from "node:test";

import {
  behind,
  canMove,
  current,
  deckState,
  flip,
  insertCard,
  move,
  positionLabel,
  removeCard,
  replaceCard,
} from "../deck.js";

const cards = [1, 2, 3, 4].map((id) => ({ id, question: `Q${id}?`, answer: `A${id}` }));

test("a new deck shows the first card, question side up", () => {
  const state = deckState(cards);
  assert.equal(current(state).id, 1);
  assert.equal(state.flipped, false);
  assert.equal(positionLabel(state), "1 / 4");
});

test("moving stops at the ends and turns the card back over", () => {
  let state = flip(deckState(cards));
  assert.equal(state.flipped, true);
  state = move(state, 1);
  assert.equal(positionLabel(state), "2 / 4");
  assert.equal(state.flipped, false);
  state = move(move(move(state, 1), 1), 1);
  assert.equal(positionLabel(state), "4 / 4");
  assert.equal(canMove(state, 1), false);
  assert.equal(canMove(state, -1), true);
  assert.equal(move(deckState(cards), -1).index, 0);
});

test("an empty deck says 0 / 0 and cannot flip or move", () => {
  const state = deckState([]);
  assert.equal(positionLabel(state), "0 / 0");
  assert.equal(current(state), null);
  assert.equal(flip(state).flipped, false);
  assert.equal(canMove(state, 1), false);
});

test("removing a card keeps the reader on the card that took its place", () => {
  const state = move(deckState(cards), 1); // on card 2
  assert.equal(current(removeCard(state, 2)).id, 3);
  assert.equal(current(removeCard(state, 1)).id, 2);
  assert.equal(positionLabel(removeCard(state, 1)), "1 / 3");
  const last = move(move(move(deckState(cards), 1), 1), 1);
  assert.equal(current(removeCard(last, 4)).id, 3);
});

test("an undone delete puts the card back where it was", () => {
  const removed = removeCard(move(deckState(cards), 1), 2);
  const back = insertCard(removed, cards[1], 1);
  assert.deepEqual(back.cards.map((c) => c.id), [1, 2, 3, 4]);
  assert.equal(current(back).id, 2);
});

test("an edit replaces the card in place and keeps the side shown", () => {
  const state = flip(move(deckState(cards), 2));
  const edited = replaceCard(state, { id: 3, question: "New?", answer: "New" });
  assert.equal(current(edited).question, "New?");
  assert.equal(edited.flipped, true);
});

test("at most two cards show behind the current one", () => {
  assert.equal(behind(deckState(cards)), 2);
  assert.equal(behind(move(move(deckState(cards), 1), 1)), 1);
  assert.equal(behind(deckState(cards, 3)), 0);
});
