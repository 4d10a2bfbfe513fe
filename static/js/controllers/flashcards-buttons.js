import { Controller } from "../lib/controller.js";
import { readSettings } from "../lib/settings.js";
import { clock } from "../flashcards/format.js";
import { cooldownLeft, emit, initStore, on, section } from "../flashcards/store.js";

/**
 * The "Generate Flashcards" button of every section: opens the panel on that section, and
 * while the reader's cooldown runs disables the buttons of sections without a set, showing
 * the time left ("2:41"). Sections that have a set stay available.
 */
export class FlashcardsButtonsController extends Controller {
  constructor(element) {
    super(element);
    initStore(readSettings("flashcards-config", { sections: [], article: "" }));
    this.buttons = [...document.querySelectorAll('[data-study-tool="flashcards"][data-section]')];
    this.timer = 0;
    document.addEventListener("click", (event) => {
      const button = event.target.closest('[data-study-tool="flashcards"][data-section]');
      if (!button || button.disabled) return;
      event.preventDefault();
      emit("open", { section: button.dataset.section, generate: true, opener: button });
    });
    on("change", () => this.render());
    this.render();
  }

  render() {
    const left = cooldownLeft();
    for (const button of this.buttons) this.renderButton(button, left);
    window.clearTimeout(this.timer);
    if (left > 0) {
      // Tick on the second boundary, so every button's clock changes together.
      const delay = 1000 - (Date.now() % 1000) + 5;
      this.timer = window.setTimeout(() => this.render(), delay);
    }
  }

  renderButton(button, left) {
    const info = section(button.dataset.section);
    const ready = info.cached;
    const waiting = left > 0 && !ready && !info.generating;
    button.disabled = waiting;
    button.toggleAttribute("data-flashcards-ready", ready);
    let timer = button.querySelector("[data-flashcards-timer]");
    if (!waiting) {
      timer?.remove();
      return;
    }
    if (!timer) {
      timer = document.createElement("span");
      timer.className = "generate-timer";
      timer.dataset.flashcardsTimer = "";
      const words = document.createElement("span");
      words.className = "visually-hidden";
      words.textContent = " — available in ";
      const time = document.createElement("span");
      time.dataset.time = "";
      timer.append(words, time);
      button.append(timer);
    }
    // Read as "Generate Flashcards for Lessons — available in 2:41"; seen as "… 2:41".
    timer.querySelector("[data-time]").textContent = clock(left);
  }
}
