import { on, pageStore } from "../annotations/context.js";
import { Controller } from "../lib/controller.js";

const SHOW_MS = 6000;

/**
 * One short message at a time at the bottom of the screen, with an optional action such as
 * Undo. It stays while hovered or focused, so there is time to reach the button.
 */
export class ToastController extends Controller {
  constructor(element) {
    super(element);
    this.timer = null;
    this.action = null;
    on("toast", (detail) => this.show(detail));
    pageStore().addEventListener("problem", (event) => this.show({ message: event.detail.message, sticky: true }));
    this.refs.action.addEventListener("click", () => {
      const run = this.action;
      this.hide();
      run?.();
    });
    this.refs.close.addEventListener("click", () => this.hide());
    for (const type of ["mouseenter", "focusin"]) element.addEventListener(type, () => clearTimeout(this.timer));
    for (const type of ["mouseleave", "focusout"]) element.addEventListener(type, () => this.arm(SHOW_MS / 2));
    this.hide();
  }

  show({ message, action = null, sticky = false }) {
    this.refs.message.textContent = message;
    this.action = action?.run ?? null;
    this.refs.action.hidden = !action;
    this.refs.action.textContent = action?.label ?? "";
    this.refs.close.hidden = false;
    this.element.classList.add("is-visible");
    this.sticky = sticky;
    this.arm(sticky ? SHOW_MS * 2 : SHOW_MS);
  }

  arm(ms) {
    clearTimeout(this.timer);
    if (this.element.classList.contains("is-visible")) this.timer = setTimeout(() => this.hide(), ms);
  }

  hide() {
    clearTimeout(this.timer);
    this.element.classList.remove("is-visible");
    this.refs.message.textContent = "";
    this.refs.action.hidden = true;
    this.refs.close.hidden = true;
    this.action = null;
  }
}
