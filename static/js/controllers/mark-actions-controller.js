import { emit, on, pageStore } from "../annotations/context.js";
import { placeToolbar } from "../annotations/toolbar-position.js";
import { Controller } from "../lib/controller.js";

/**
 * What a click (or Enter) on a mark offers: the note, "Edit note" (or "Add note" on a
 * highlight or quote) and "Delete". Escape or a click elsewhere closes it and returns focus.
 */
export class MarkActionsController extends Controller {
  constructor(element) {
    super(element);
    this.store = pageStore();
    this.id = null;
    this.mark = null;
    on("mark-activated", (detail) => this.open(detail));
    this.refs.edit.addEventListener("click", () => {
      const { id, mark } = this;
      this.close({ restoreFocus: false });
      emit("open-note-editor", { id, returnFocus: mark });
    });
    this.refs.delete.addEventListener("click", () => {
      const id = this.id;
      this.close({ restoreFocus: false });
      emit("delete", { id });
    });
    element.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        this.close();
      }
    });
    document.addEventListener("pointerdown", (event) => {
      if (!this.element.hidden && !this.element.contains(event.target)) this.close({ restoreFocus: false });
    });
  }

  open({ id, mark, rect }) {
    const annotation = this.store.get(id);
    if (!annotation) return;
    this.id = annotation.id;
    this.mark = mark;
    const isNote = annotation.kind === "note";
    this.refs.edit.textContent = isNote ? "Edit note" : "Add note";
    this.element.setAttribute(
      "aria-label",
      { highlight: "Highlight actions", note: "Note actions", quote: "Quote actions" }[annotation.kind],
    );
    if (isNote && annotation.body_html) {
      this.refs.note.innerHTML = annotation.body_html; // sanitised on the server
    } else {
      this.refs.note.textContent = isNote ? annotation.body : "";
    }
    this.refs.note.hidden = !isNote;
    this.element.hidden = false;
    const box = this.element.getBoundingClientRect();
    const { top, left } = placeToolbar({
      rect,
      size: { width: box.width, height: box.height },
      viewport: { width: window.innerWidth, height: window.innerHeight },
      preferBelow: true,
    });
    this.element.style.top = `${top}px`;
    this.element.style.left = `${left}px`;
    this.refs.edit.focus();
  }

  close({ restoreFocus = true } = {}) {
    if (this.element.hidden) return;
    this.element.hidden = true;
    if (restoreFocus && this.mark?.isConnected) this.mark.focus({ preventScroll: true });
    this.id = null;
    this.mark = null;
  }
}
