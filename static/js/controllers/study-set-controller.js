import { apiFetch } from "../lib/api.js";
import { Controller } from "../lib/controller.js";

/**
 * "Study these cards" in the Flashcards panel: puts the section's set, as the reader sees it,
 * into their review. The panel belongs to the flashcards controllers; this one only places its
 * button inside the panel's deck and reads which section the panel shows (its switcher).
 */
export class StudySetController extends Controller {
  constructor(element) {
    super(element);
    this.panel = document.getElementById("flashcards-panel");
    const deck = this.panel?.querySelector('[data-ref="deck"]');
    this.switcher = this.panel?.querySelector('[data-ref="switcher"]');
    if (!deck || !this.switcher) return;
    const nav = deck.querySelector(".flashcards-nav");
    if (nav) nav.after(element);
    else deck.append(element);
    element.hidden = false;
    this.shownFor = this.switcher.value;
    new MutationObserver(() => this.onSectionChange()).observe(this.switcher, {
      childList: true,
      subtree: true,
      attributes: true,
    });
    this.switcher.addEventListener("change", () => this.onSectionChange());
    this.refs.keep.addEventListener("click", () => this.keep());
  }

  onSectionChange() {
    if (this.switcher.value === this.shownFor) return;
    this.shownFor = this.switcher.value;
    this.refs.status.textContent = "";
  }

  async keep() {
    const sectionId = this.switcher.value;
    if (!sectionId) return;
    const slug = this.element.dataset.article;
    const url = `/api/v1/articles/${encodeURIComponent(slug)}/sections/${encodeURIComponent(sectionId)}/flashcards/study`;
    this.refs.keep.disabled = true;
    try {
      const { data } = await apiFetch(url, { method: "POST", body: {} });
      this.shownFor = sectionId;
      const cards = (n) => `${n} card${n === 1 ? "" : "s"}`;
      this.refs.status.textContent =
        data.added > 0
          ? `Added ${cards(data.added)} to your review. ${cards(data.due)} due today.`
          : `These ${cards(data.total)} are already in your review. ${cards(data.due)} due today.`;
    } catch (error) {
      this.refs.status.textContent = `Not added to your review: ${error.message}`;
    } finally {
      this.refs.keep.disabled = false;
    }
  }
}
