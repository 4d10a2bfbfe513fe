import { clearSelection, emit, on, pageStore } from "../annotations/context.js";
import { placeToolbar, prefersBelow } from "../annotations/toolbar-position.js";
import { Controller } from "../lib/controller.js";

const DRAFT = "annotation-draft";

/**
 * The small editor for a note on a passage: a text box labelled "Note", Save (or Ctrl+Enter),
 * Cancel (or Escape), and Delete when editing. Opened from the toolbar's "Add Note" (a new
 * note) or from a mark's actions (edit); the passage stays tinted while the editor is open.
 */
export class NoteEditorController extends Controller {
  constructor(element) {
    super(element);
    this.store = pageStore();
    this.target = null; // {selection} for a new note, {id} to edit
    this.returnFocus = null;
    on("open-note-editor", (detail) => this.open(detail));
    this.refs.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.save();
    });
    this.refs.cancel.addEventListener("click", () => this.close());
    this.refs.delete.addEventListener("click", () => this.remove());
    element.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        this.close();
      } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.save();
      }
    });
    this.refs.body.addEventListener("input", () => this.showError(""));
  }

  open({ selection = null, id = null, returnFocus = null }) {
    const annotation = id ? this.store.get(id) : null;
    this.target = annotation ? { id: annotation.id } : { selection };
    this.returnFocus = returnFocus ?? document.activeElement;
    const quote = (annotation ? annotation.quote : selection.text) ?? "";
    this.refs.quote.textContent = quote.length > 90 ? `${quote.slice(0, 90)}…` : quote;
    this.refs.body.value = annotation?.kind === "note" ? annotation.body : "";
    this.refs.delete.hidden = !annotation;
    this.refs.save.textContent = "Save";
    this.showError("");
    this.element.hidden = false;
    if (selection) this.tint(selection);
    this.place(annotation ? this.rectOf(annotation.id) : selection.rect);
    clearSelection();
    this.refs.body.focus();
  }

  rectOf(id) {
    const mark = document.querySelector(`mark[data-annotation-id="${CSS.escape(String(id))}"]`);
    return mark?.getBoundingClientRect() ?? { top: 100, bottom: 120, left: 100, width: 0 };
  }

  place(rect) {
    const box = this.element.getBoundingClientRect();
    const narrow = window.innerWidth < 768;
    if (narrow) {
      // Phones: a sheet at the bottom, above the on-screen keyboard's usual place.
      this.element.style.left = "";
      this.element.style.top = "";
      this.element.dataset.sheet = "true";
      return;
    }
    delete this.element.dataset.sheet;
    const { top, left } = placeToolbar({
      rect,
      size: { width: box.width, height: box.height },
      viewport: { width: window.innerWidth, height: window.innerHeight },
      preferBelow: prefersBelow({ coarsePointer: false, viewportWidth: window.innerWidth }) || true,
    });
    this.element.style.top = `${top}px`;
    this.element.style.left = `${left}px`;
  }

  tint(selection) {
    if (!globalThis.CSS?.highlights || typeof Highlight === "undefined") return;
    const range = window.getSelection()?.rangeCount ? window.getSelection().getRangeAt(0).cloneRange() : null;
    if (range) CSS.highlights.set(DRAFT, new Highlight(range));
  }

  untint() {
    globalThis.CSS?.highlights?.delete(DRAFT);
  }

  showError(message) {
    this.refs.error.textContent = message;
  }

  async save() {
    const body = this.refs.body.value;
    if (!body.trim()) {
      this.showError("Type a note first, or choose Cancel.");
      this.refs.body.focus();
      return;
    }
    if (body.length > 20000) {
      this.showError(`A note can be at most 20,000 characters; this one has ${body.length.toLocaleString()}.`);
      return;
    }
    const target = this.target;
    if (target?.selection) {
      const { selection } = target;
      this.store.createGroup(selection.parts ?? [selection], { kind: "note", body });
      this.close({ restoreFocus: false });
      emit("toast", { message: "Note saved." });
      return;
    }
    if (target?.id) {
      this.refs.save.disabled = true;
      try {
        // A note across sections is one note: every part of it gets the text.
        const members = await this.store.group(target.id);
        const ids = members.length ? members.map((member) => member.id) : [target.id];
        await Promise.all(ids.map((id) => this.store.update(id, { kind: "note", body })));
        const id = target.id;
        this.close({ restoreFocus: false });
        document.getElementById(`annotation-${this.store.get(id)?.id}`)?.focus({ preventScroll: true });
        emit("toast", { message: "Note saved." });
      } catch (error) {
        this.showError(error.message || "Not saved. Try again.");
      } finally {
        this.refs.save.disabled = false;
      }
    }
  }

  remove() {
    const id = this.target?.id;
    this.close({ restoreFocus: false });
    if (id) emit("delete", { id });
  }

  close({ restoreFocus = true } = {}) {
    this.element.hidden = true;
    this.untint();
    this.target = null;
    if (restoreFocus && this.returnFocus?.isConnected) this.returnFocus.focus({ preventScroll: true });
    this.returnFocus = null;
  }
}
