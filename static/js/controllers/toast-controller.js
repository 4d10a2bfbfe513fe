import { on, pageStore } from "../annotations/context.js";
import { clearTop } from "../lib/clear-spot.js";
import { Controller } from "../lib/controller.js";

// What a toast must never sit over (the "nothing covers a control").
// The small floating dialogs count whole: a toast inside the note editor, even clear of its
// buttons, would sit over its help text.
const CONTROLS =
  "button, a.button, input:not([type=hidden]), textarea, select, .note-editor, .mark-actions, .selection-toolbar";

const SHOW_MS = 6000;
const RECHECK_MS = 200;

/**
 * One short message at a time, with an optional action such as Undo. It stays while hovered
 * or focused, so there is time to reach the button. CSS puts it in its usual place (bottom
 * left on wide screens, under the header on phones); while it shows, it moves up or down to
 * the nearest place where it covers no visible button or field (the note editor's Save, a
 * section's Generate button scrolling past...).
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
    this.frame = 0;
    const replace = () => {
      if (!this.element.classList.contains("is-visible")) return;
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => this.place());
    };
    window.addEventListener("scroll", replace, { passive: true });
    window.addEventListener("resize", replace);
    // Clicks and keys open panels, tabs and editors: what is under the toast may have changed.
    document.addEventListener("click", replace);
    document.addEventListener("keyup", replace);
    document.addEventListener("readmark:panel-opened", replace);
    // Panels fill in and animate later (a flashcards set arriving): look again now and then
    // while the toast shows (a dozen rectangles: cheap).
    this.replace = replace;
    this.ticker = 0;
    this.hide();
  }

  place() {
    const element = this.element;
    element.style.top = "";
    element.style.bottom = "";
    // Offsets, not getBoundingClientRect: they ignore the slide-in transform.
    const box = {
      top: element.offsetTop,
      left: element.offsetLeft,
      right: element.offsetLeft + element.offsetWidth,
      height: element.offsetHeight,
    };
    const header = document.querySelector(".site-header")?.getBoundingClientRect();
    const obstacles = [];
    for (const control of document.querySelectorAll(CONTROLS)) {
      if (element.contains(control) || control.closest("[hidden]")) continue;
      const rect = control.getBoundingClientRect();
      if (rect.width && rect.height) obstacles.push(rect);
    }
    const top = clearTop({
      preferred: box.top,
      height: box.height,
      left: box.left,
      right: box.right,
      min: (header?.bottom ?? 0) + 4,
      max: window.innerHeight - 4,
      obstacles,
    });
    if (Math.abs(top - box.top) > 0.5) {
      element.style.top = `${Math.round(top)}px`;
      element.style.bottom = "auto";
    }
  }

  show({ message, action = null, sticky = false }) {
    this.refs.message.textContent = message;
    this.action = action?.run ?? null;
    this.refs.action.hidden = !action;
    this.refs.action.textContent = action?.label ?? "";
    this.refs.close.hidden = false;
    this.element.classList.add("is-visible");
    this.place();
    clearInterval(this.ticker);
    this.ticker = setInterval(this.replace, RECHECK_MS);
    this.sticky = sticky;
    this.arm(sticky ? SHOW_MS * 2 : SHOW_MS);
  }

  arm(ms) {
    clearTimeout(this.timer);
    if (this.element.classList.contains("is-visible")) this.timer = setTimeout(() => this.hide(), ms);
  }

  hide() {
    clearTimeout(this.timer);
    clearInterval(this.ticker);
    this.element.classList.remove("is-visible");
    this.refs.message.textContent = "";
    this.refs.action.hidden = true;
    this.refs.close.hidden = true;
    this.action = null;
  }
}
