import { Controller } from "../lib/controller.js";
import { registerPanel, panelOpened, isNarrow } from "../lib/panels.js";
import { readSettings } from "../lib/settings.js";
import {
  createCard,
  deleteCard,
  fetchDeck,
  requestDeck,
  restoreCard,
  updateCard,
} from "../flashcards/client.js";
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
} from "../flashcards/deck.js";
import { evidenceRange, showRange } from "../flashcards/evidence.js";
import { clock, clozeParts, filledText, frontText } from "../flashcards/format.js";
import {
  cooldownLeft,
  initStore,
  on,
  section,
  sectionsWithSets,
  setCooldown,
  updateSection,
} from "../flashcards/store.js";

const POLL_START_MS = 800;
const POLL_MAX_MS = 4000;

/**
 * The Flashcards panel (left): one section's set as a stack, one card at a time. The card is
 * a button: its name is the question, and after a flip the answer. Previous/Next and the
 * arrow keys move; the back offers "Show in text". Generation in progress is polled here and
 * goes on when the panel is closed; a toast says when a set is ready.
 */
export class FlashcardsPanelController extends Controller {
  constructor(element) {
    super(element);
    this.config = initStore(readSettings("flashcards-config", { sections: [], article: "" }));
    this.section = null;
    this.state = deckState([]);
    this.decks = new Map(); // section id -> last payload
    this.polls = new Map(); // section id -> AbortController
    this.opener = null;
    this.editing = null; // null | {mode: "edit"|"add", card}
    this.undo = null;
    this.toast = document.querySelector("[data-flashcards-toast]");
    registerPanel("flashcards", { close: () => this.close(), isOpen: () => !element.hidden });
    this.bind();
    on("open", (detail) => this.open(detail.section, detail));
    on("change", () => this.renderTools());
    this.resume();
  }

  bind() {
    const { refs } = this;
    refs.close.addEventListener("click", () => this.close({ restoreFocus: true }));
    refs.card.addEventListener("click", () => this.flipCard());
    refs.prev.addEventListener("click", () => this.go(-1));
    refs.next.addEventListener("click", () => this.go(1));
    refs.show.addEventListener("click", () => this.showInText());
    refs.switcher.addEventListener("change", () => this.open(refs.switcher.value, {}));
    refs.retry.addEventListener("click", () => this.open(this.section, { generate: true }));
    refs.edit.addEventListener("click", () => this.startEdit("edit"));
    refs.add.addEventListener("click", () => this.startEdit("add"));
    refs.addEmpty.addEventListener("click", () => this.startEdit("add"));
    refs.reset.addEventListener("click", () => this.resetCard());
    refs.delete.addEventListener("click", () => this.deleteCurrent());
    refs.cancel.addEventListener("click", () => this.stopEdit());
    refs.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.saveForm();
    });
    refs.regenerate.addEventListener("click", () => {
      refs.confirm.hidden = false;
      refs.confirmRegenerate.focus();
    });
    refs.cancelRegenerate.addEventListener("click", () => {
      refs.confirm.hidden = true;
      refs.regenerate.focus();
    });
    refs.confirmRegenerate.addEventListener("click", () => {
      refs.confirm.hidden = true;
      this.open(this.section, { generate: true, regenerate: true });
    });
    refs.notice.addEventListener("click", (event) => {
      if (event.target.closest("[data-undo]")) this.undoDelete();
    });
    this.element.addEventListener("keydown", (event) => this.onKey(event));
    this.toast?.querySelector("[data-flashcards-toast-open]")?.addEventListener("click", () => {
      const id = this.toast.dataset.section;
      this.hideToast();
      this.open(id, {});
    });
    this.toast?.querySelector("[data-flashcards-toast-close]")?.addEventListener("click", () =>
      this.hideToast(),
    );
  }

  /** Generations this reader started before the page loaded: follow them to the end. */
  resume() {
    for (const item of this.config.sections || []) {
      if (item.mine) this.poll(item.id);
    }
  }

  // --- Opening, generating, polling ----------------------------------------------------

  async open(id, { generate = false, regenerate = false, opener = null } = {}) {
    if (!id) return;
    if (opener) this.opener = opener;
    // Keyboard and screen reader users land in the panel, and on the card once it is there;
    // a set that arrives later (a slow generation) does not pull focus away from reading.
    this.focusCard = true;
    this.section = id;
    this.undo = null;
    this.stopEdit({ focus: false });
    this.show();
    if (!this.element.contains(document.activeElement)) this.element.focus({ preventScroll: true });
    this.renderSwitcher();
    const known = this.decks.get(id);
    if (this.polls.has(id)) {
      this.renderProgress(known);
      return;
    }
    if (known?.status === "ready" && !regenerate) this.renderDeck(known, { keepPlace: true });
    else this.renderProgress(null, regenerate ? "" : "Loading flashcards…");
    try {
      const response = generate
        ? await requestDeck(this.config, id, { regenerate })
        : await fetchDeck(this.config, id);
      this.accept(id, response.data, { fresh: true });
      // "Nothing new left": the set stays as it was and the cooldown was not used; say so.
      if (regenerate && response.data.detail && this.section === id) {
        this.say(response.data.detail, { notice: true });
      }
    } catch (error) {
      const seconds = error.body?.cooldown_seconds;
      if (typeof seconds === "number") setCooldown(seconds);
      if (regenerate && known?.status === "ready" && this.section === id) {
        // The old set is still good: keep it on screen and say why nothing changed.
        this.renderDeck(known, { keepPlace: true });
        this.say(error.message, { notice: true });
        return;
      }
      this.failed(id, error);
    }
  }

  accept(id, deck, { fresh = false } = {}) {
    if (typeof deck.cooldown_seconds === "number") setCooldown(deck.cooldown_seconds);
    const generation = deck.generation;
    const inFlight = generation && ["queued", "running"].includes(generation.status);
    if (deck.status === "ready") {
      const previous = this.decks.get(id);
      this.decks.set(id, deck);
      updateSection(id, { cached: true, generating: Boolean(inFlight), title: deck.section.title });
      if (this.section === id && !this.element.hidden) {
        const same = previous && previous.cards.length && !fresh;
        this.renderDeck(deck, { keepPlace: same });
        if (this.focusCard && !this.refs.card.closest("[hidden]")) this.refs.card.focus();
      }
      this.focusCard = false;
      if (inFlight) this.poll(id);
      return;
    }
    this.focusCard = false;
    if (deck.status === "queued" || deck.status === "running") {
      updateSection(id, { generating: true });
      if (this.section === id) this.renderProgress(deck);
      this.poll(id);
      return;
    }
    this.problem(deck.detail || "Generating flashcards failed. Try again.", { retry: true });
  }

  failed(id, error) {
    this.focusCard = false;
    if (error.name === "AbortError") return;
    const body = error.body || {};
    if (typeof body.cooldown_seconds === "number") setCooldown(body.cooldown_seconds);
    if (error.status === 429) {
      if (this.section === id) this.problem(error.message, { retry: false });
      return;
    }
    if (error.status === 404 && body.status === "none") {
      updateSection(id, { cached: false, generating: false });
      if (this.section === id) this.problem(error.message, { retry: true, retryLabel: "Generate" });
      return;
    }
    updateSection(id, { generating: false });
    // A section without facts (a reading list) refuses for good: no Try again that cannot work.
    const retry = error.status !== 403 && body.retryable !== false;
    if (this.section === id) this.problem(error.message, { retry });
  }

  poll(id) {
    if (this.polls.has(id)) return;
    const abort = new AbortController();
    this.polls.set(id, abort);
    let delay = POLL_START_MS;
    const tick = async () => {
      if (abort.signal.aborted) return;
      try {
        const response = await fetchDeck(this.config, id, { signal: abort.signal });
        const deck = response.data;
        const generation = deck.generation;
        const stillGoing = generation && ["queued", "running"].includes(generation.status);
        if (stillGoing) {
          if (this.section === id && deck.status !== "ready") this.renderProgress(deck);
          delay = Math.min(POLL_MAX_MS, delay * 1.5);
          window.setTimeout(tick, delay);
          return;
        }
        this.polls.delete(id);
        updateSection(id, { generating: false });
        this.finished(id, deck);
      } catch (error) {
        this.polls.delete(id);
        updateSection(id, { generating: false });
        this.failed(id, error);
      }
    };
    window.setTimeout(tick, delay);
  }

  finished(id, deck) {
    const wasShowing = this.section === id && !this.element.hidden;
    const failedRegeneration = deck.generation?.status === "failed";
    this.accept(id, deck, { fresh: true });
    if (wasShowing && failedRegeneration && deck.status === "ready") {
      this.say(`Regenerating failed: ${deck.generation.error}`, { notice: true });
    }
    if (!wasShowing && deck.status === "ready") this.showToast(id);
  }

  // --- Rendering -------------------------------------------------------------------------

  show() {
    const { element } = this;
    const wasHidden = element.hidden;
    element.hidden = false;
    document.body.classList.add("flashcards-open");
    if (wasHidden) panelOpened("flashcards");
    this.hideToast();
  }

  close({ restoreFocus = false } = {}) {
    if (this.element.hidden) return;
    this.element.hidden = true;
    document.body.classList.remove("flashcards-open");
    if (restoreFocus && this.opener?.isConnected) this.opener.focus();
  }

  only(name) {
    const { refs } = this;
    refs.progress.hidden = name !== "progress";
    refs.problem.hidden = name !== "problem";
    refs.deck.hidden = name !== "deck";
    refs.empty.hidden = name !== "empty";
    refs.form.hidden = name !== "form";
  }

  renderSwitcher() {
    const { switcher } = this.refs;
    const choices = sectionsWithSets();
    if (!choices.some((item) => item.id === this.section)) choices.push(section(this.section));
    const order = (this.config.sections || []).map((item) => item.id);
    choices.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    switcher.replaceChildren(
      ...choices.map((item) => {
        const option = document.createElement("option");
        option.value = item.id;
        option.textContent = item.title;
        option.selected = item.id === this.section;
        return option;
      }),
    );
  }

  renderProgress(deck, text) {
    const { refs } = this;
    const title = section(this.section).title;
    const queued = deck?.generation?.status === "queued";
    refs.progressText.textContent =
      text ||
      (queued
        ? `Waiting to generate flashcards for “${title}”…`
        : `Generating flashcards for “${title}”…`);
    this.only("progress");
  }

  problem(message, { retry = false, retryLabel = "Try again" } = {}) {
    const { refs } = this;
    refs.problemText.textContent = message;
    refs.retry.hidden = !retry;
    refs.retry.textContent = retryLabel;
    this.only("problem");
  }

  renderDeck(deck, { keepPlace = false } = {}) {
    const index = keepPlace ? this.state.index : 0;
    const keepId = keepPlace ? current(this.state)?.id : null;
    this.state = deckState(deck.cards, index);
    if (keepId != null) {
      const at = deck.cards.findIndex((card) => card.id === keepId);
      if (at >= 0) this.state = deckState(deck.cards, at);
    }
    this.renderSwitcher();
    if (!this.undo) this.refs.notice.replaceChildren();
    this.renderCard();
  }

  renderCard() {
    const { refs, state } = this;
    const card = current(state);
    if (!card) {
      this.only("empty");
      return;
    }
    this.only("deck");
    const kindName = card.kind === "cloze" ? "Fill in the gap" : "Question";
    refs.front.replaceChildren(caption(kindName), text(frontText(card)));
    refs.back.replaceChildren(caption("Answer"), ...backContent(card));
    refs.front.setAttribute("aria-hidden", String(state.flipped));
    refs.back.setAttribute("aria-hidden", String(!state.flipped));
    refs.card.classList.toggle("is-flipped", state.flipped);
    refs.card.dataset.kind = card.kind;
    refs.position.textContent = positionLabel(state);
    refs.prev.disabled = !canMove(state, -1);
    refs.next.disabled = !canMove(state, 1);
    const depth = behind(state);
    refs.ghost1.hidden = depth < 1;
    refs.ghost2.hidden = depth < 2;
    // A gap card's back already shows its sentence: quote the passage only when it says more.
    const quoted = card.evidence && !(card.kind === "cloze" && sameText(card.evidence.exact, filledText(card)));
    const evidence = state.flipped && card.evidence;
    refs.evidenceBox.hidden = !evidence;
    refs.evidence.hidden = !quoted;
    if (evidence) refs.evidence.textContent = card.evidence.exact;
    refs.reset.hidden = !card.edited;
    this.renderTools();
  }

  renderTools() {
    const { refs } = this;
    if (!this.section) return;
    const left = cooldownLeft();
    refs.regenerate.disabled = left > 0;
    refs.regenerate.textContent = left > 0 ? `Regenerate (${clock(left)})` : "Regenerate";
    window.clearTimeout(this.toolsTimer);
    if (left > 0) this.toolsTimer = window.setTimeout(() => this.renderTools(), 1000);
    if (left > 0) refs.confirm.hidden = true;
  }

  // --- Reading the deck ---------------------------------------------------------------------

  flipCard() {
    this.state = flip(this.state);
    this.renderCard();
    const card = current(this.state);
    if (card) this.say(this.state.flipped ? `Answer: ${card.answer}` : `Question: ${frontText(card)}`);
  }

  go(step) {
    const next = move(this.state, step);
    if (next === this.state) return;
    this.state = next;
    this.renderCard();
    const card = current(this.state);
    this.say(`Card ${positionLabel(this.state).replace(" / ", " of ")}: ${frontText(card)}`);
    // Keep keyboard focus on a control that still works at either end of the deck.
    if (document.activeElement?.disabled) this.refs.card.focus();
  }

  onKey(event) {
    if (event.key === "Escape") {
      if (!this.refs.form.hidden) this.stopEdit();
      else this.close({ restoreFocus: true });
      event.preventDefault();
      return;
    }
    if (event.target.closest("textarea, input, select")) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (this.refs.deck.hidden) return;
    if (event.key === "ArrowLeft") this.go(-1);
    else if (event.key === "ArrowRight") this.go(1);
    else return;
    event.preventDefault();
  }

  showInText() {
    const card = current(this.state);
    const body = document.querySelector(`[data-section-body="${CSS.escape(this.section)}"]`);
    const range = card?.evidence && body ? evidenceRange(body, card.evidence) : null;
    if (!range) {
      this.say("That passage is no longer in the text.", { notice: true });
      return;
    }
    const narrow = isNarrow();
    if (narrow) this.close();
    const block = showRange(range);
    if (narrow) {
      // The panel is gone: put keyboard focus where the eyes go, without a second scroll.
      const focusable = block.closest("p, li, blockquote, td, section") || block;
      if (!focusable.hasAttribute("tabindex")) focusable.setAttribute("tabindex", "-1");
      focusable.focus({ preventScroll: true });
    }
  }

  // --- Changing cards ---------------------------------------------------------------------

  startEdit(mode) {
    const { refs } = this;
    const card = mode === "edit" ? current(this.state) : null;
    if (mode === "edit" && !card) return;
    this.editing = { mode, card };
    refs.formTitle.textContent = mode === "edit" ? "Edit card" : "Add a card";
    refs.question.value = card ? card.question : "";
    refs.answer.value = card ? card.answer : "";
    refs.answerField.hidden = card?.kind === "cloze";
    refs.formError.hidden = true;
    this.only("form");
    refs.question.focus();
  }

  stopEdit({ focus = true } = {}) {
    if (!this.editing) return;
    const mode = this.editing.mode;
    this.editing = null;
    this.renderCard();
    if (focus) (mode === "edit" ? this.refs.edit : this.refs.card).focus();
  }

  async saveForm() {
    const { refs, editing } = this;
    if (!editing) return;
    const question = refs.question.value.trim();
    const answer = refs.answer.value.trim();
    if (!question) return this.formError("Write a question first.");
    const cloze = question.includes("{{c");
    if (!answer && !cloze && !(editing.card?.kind === "cloze")) {
      return this.formError("Write an answer, so the card has a back.");
    }
    try {
      if (editing.mode === "edit") {
        const { data } = await updateCard(this.config, editing.card.id, { question, answer });
        this.state = replaceCard(this.state, data);
        this.say("Card saved.", { notice: true });
      } else {
        const { data } = await createCard(this.config, this.section, { question, answer });
        this.state = insertCard(this.state, data);
        updateSection(this.section, { cached: true });
        this.say("Card added.", { notice: true });
      }
    } catch (error) {
      return this.formError(error.message);
    }
    this.syncDeck();
    this.editing = null;
    this.renderCard();
    this.refs.card.focus();
  }

  formError(message) {
    this.refs.formError.textContent = message;
    this.refs.formError.hidden = false;
  }

  async resetCard() {
    const card = current(this.state);
    if (!card) return;
    try {
      const { data } = await updateCard(this.config, card.id, { reset: true });
      this.state = replaceCard(this.state, data);
      this.syncDeck();
      this.renderCard();
      this.say("Back to the generated card.", { notice: true });
      this.refs.card.focus();
    } catch (error) {
      this.say(error.message, { notice: true });
    }
  }

  async deleteCurrent() {
    const card = current(this.state);
    if (!card) return;
    const at = this.state.index;
    try {
      await deleteCard(this.config, card.id);
    } catch (error) {
      this.say(error.message, { notice: true });
      return;
    }
    this.state = removeCard(this.state, card.id);
    this.syncDeck();
    this.undo = { card, at };
    this.renderCard();
    const notice = this.refs.deck.hidden ? this.refs.emptyText : this.refs.notice;
    const undo = document.createElement("button");
    undo.type = "button";
    undo.className = "link-button";
    undo.dataset.undo = "";
    undo.textContent = "Undo";
    notice.replaceChildren(text("Card deleted. "), undo);
    if (this.refs.deck.hidden) {
      undo.addEventListener("click", () => this.undoDelete());
    }
    undo.focus();
  }

  async undoDelete() {
    const undo = this.undo;
    if (!undo) return;
    this.undo = null;
    try {
      const { card } = undo;
      const { data } = card.own
        ? await createCard(this.config, this.section, { question: card.question, answer: card.answer })
        : await restoreCard(this.config, card.id);
      this.state = insertCard(this.state, data, undo.at);
      this.syncDeck();
      this.refs.emptyText.textContent = "No cards left in this section.";
      this.renderCard();
      this.say("Card restored.", { notice: true });
      this.refs.card.focus();
    } catch (error) {
      this.say(error.message, { notice: true });
    }
  }

  syncDeck() {
    const deck = this.decks.get(this.section);
    if (deck) this.decks.set(this.section, { ...deck, cards: this.state.cards });
  }

  // --- Messages -------------------------------------------------------------------------------

  say(message, { notice = false } = {}) {
    this.refs.live.textContent = message;
    if (notice) this.refs.notice.textContent = message;
  }

  showToast(id) {
    if (!this.toast) return;
    this.toast.dataset.section = id;
    this.toast.querySelector("[data-flashcards-toast-text]").textContent =
      `Flashcards for “${section(id).title}” are ready.`;
    this.toast.hidden = false;
  }

  hideToast() {
    if (this.toast) this.toast.hidden = true;
  }
}

function text(value) {
  return document.createTextNode(value);
}

function hidden(value) {
  const span = document.createElement("span");
  span.className = "visually-hidden";
  span.textContent = value;
  return span;
}

/** "Question", "Fill in the gap" or "Answer" above the text. */
function caption(value) {
  const span = document.createElement("span");
  span.className = "flashcard-caption";
  span.textContent = value;
  return span;
}

function sameText(a, b) {
  const plain = (value) => value.replace(/\s+/g, " ").trim();
  return plain(a) === plain(b);
}

function backContent(card) {
  const answer = document.createElement("span");
  answer.className = "flashcard-answer";
  answer.textContent = card.answer;
  if (card.kind !== "cloze") return [answer];
  const sentence = document.createElement("span");
  sentence.className = "flashcard-sentence";
  for (const part of clozeParts(card.question)) {
    if (part.gap) {
      const strong = document.createElement("strong");
      strong.textContent = part.text;
      sentence.append(strong);
    } else {
      sentence.append(text(part.text));
    }
  }
  return [answer, hidden(". "), sentence];
}
