import { apiFetch } from "../lib/api.js";
import { Controller } from "../lib/controller.js";
import { readSettings } from "../lib/settings.js";
import { dueText, GRADE_KEYS, reviewKey } from "../review/keys.js";

/**
 * The review page: one card at a time. Space (or "Show answer") reveals the answer and the
 * "Show in text" link; 1–4 (or the buttons) rate it, and the server answers with the next card.
 */
export class ReviewController extends Controller {
  constructor(element) {
    super(element);
    this.config = readSettings("review-config", {});
    this.card = this.config.card;
    this.remaining = this.config.remaining ?? 0;
    this.revealed = false;
    this.busy = false;
    this.shownAt = performance.now();
    this.buttons = [...element.querySelectorAll("[data-grade]")];

    this.refs.reveal.addEventListener("click", () => this.reveal());
    for (const button of this.buttons) {
      button.addEventListener("click", () => this.rate(Number(button.dataset.grade)));
    }
    document.addEventListener("keydown", (event) => this.onKey(event));
  }

  onKey(event) {
    if (!this.card) return;
    const target = event.target;
    const decision = reviewKey({
      key: event.key,
      revealed: this.revealed,
      busy: this.busy,
      targetTag: target?.tagName ?? "",
      editable: Boolean(target?.isContentEditable),
      modified: event.altKey || event.ctrlKey || event.metaKey,
      repeat: event.repeat,
    });
    if (!decision) return;
    event.preventDefault();
    if (decision.action === "reveal") this.reveal();
    if (decision.action === "rate") this.rate(decision.grade);
  }

  reveal() {
    if (!this.card || this.revealed) return;
    this.revealed = true;
    this.refs.back.hidden = false;
    this.refs.ratings.hidden = false;
    this.refs.reveal.hidden = true;
    this.refs.back.focus();
  }

  async rate(grade) {
    if (!this.card || !this.revealed || this.busy) return;
    this.busy = true;
    for (const button of this.buttons) button.disabled = true;
    this.showError("");
    const scope = this.config.article ? `?article=${encodeURIComponent(this.config.article)}` : "";
    const url = `${this.config.apiBase}/review/cards/${this.card.card_id}/rating${scope}`;
    const body = {
      grade,
      reps: this.card.reps,
      duration_ms: Math.min(86_400_000, Math.round(performance.now() - this.shownAt)),
    };
    try {
      const { data } = await apiFetch(url, { method: "POST", body });
      this.show(data.card, data.remaining, data.more);
    } catch (error) {
      if (error.status === 409 && error.body) {
        // Rated elsewhere already: carry on with the card the server says is next.
        this.show(error.body.card, error.body.remaining, error.body.more);
        this.showError(error.message);
      } else {
        this.showError(`Your rating was not saved: ${error.message}`);
      }
    } finally {
      this.busy = false;
      for (const button of this.buttons) button.disabled = false;
    }
  }

  show(card, remaining, more = false) {
    this.card = card;
    this.remaining = remaining;
    this.revealed = false;
    this.refs.count.textContent = dueText(remaining, more);
    if (!card) {
      this.refs.card.hidden = true;
      this.refs.done.hidden = false;
      this.refs.doneTitle.focus();
      return;
    }
    this.refs.source.textContent = card.section ? `${card.article.title} · ${card.section}` : card.article.title;
    this.refs.front.textContent = card.front;
    this.refs.answer.textContent = card.back;
    this.refs.link.href = card.source_url || "#";
    this.refs.link.hidden = !card.source_url;
    for (const button of this.buttons) {
      const grade = Number(button.dataset.grade);
      button.querySelector("[data-interval]").textContent = `in ${card.intervals[GRADE_KEYS[grade - 1]]}`;
    }
    this.refs.back.hidden = true;
    this.refs.ratings.hidden = true;
    this.refs.reveal.hidden = false;
    this.refs.card.hidden = false;
    this.refs.done.hidden = true;
    this.shownAt = performance.now();
    this.refs.front.focus();
  }

  showError(message) {
    this.refs.error.textContent = message;
  }
}
