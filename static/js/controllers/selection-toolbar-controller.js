import { articleSelection, clearSelection, emit, flags, pageStore } from "../annotations/context.js";
import { extendByWord, makeBlocksFocusable, READABLE_BLOCKS, wordStep } from "../annotations/keyboard-selection.js";
import { isEditable, shortcutAction } from "../annotations/shortcuts.js";
import { placeToolbar, prefersBelow } from "../annotations/toolbar-position.js";
import { Controller } from "../lib/controller.js";

const SETTLE_MS = 250;

/**
 * The toolbar by a text selection in the article: "Highlight" and "Add Note" (also H and N).
 * Shown once the selection settles, above it with a mouse, below it on touch screens and narrow
 * windows, where the phone's own selection menu sits above. Hidden while Auto-Quote takes
 * selections, and while an orphan waits to be re-attached.
 */
export class SelectionToolbarController extends Controller {
  constructor(element) {
    super(element);
    this.store = pageStore();
    this.current = null;
    this.timer = null;
    this.coarse = window.matchMedia("(pointer: coarse)");
    document.addEventListener("selectionchange", () => this.schedule());
    document.addEventListener("pointerup", () => this.schedule(10));
    window.addEventListener("resize", () => this.place());
    window.addEventListener("scroll", () => this.place(), { passive: true });
    document.addEventListener("keydown", (event) => this.onKey(event));
    // Keep the selection when the toolbar is pressed (a mouse-down would otherwise clear it).
    element.addEventListener("pointerdown", (event) => event.preventDefault());
    element.addEventListener("mousedown", (event) => event.preventDefault());
    this.refs.highlight.addEventListener("click", () => this.highlight());
    this.refs.note.addEventListener("click", () => this.addNote());
    for (const body of document.querySelectorAll("[data-section-body]")) makeBlocksFocusable(body);
  }

  schedule(delay = SETTLE_MS) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), delay);
  }

  refresh() {
    const selection = flags.autoQuote || flags.reattaching ? null : articleSelection();
    this.current = selection;
    if (!selection) {
      this.hide();
      return;
    }
    this.element.hidden = false;
    this.place();
  }

  place() {
    if (this.element.hidden || !this.current) return;
    const below = prefersBelow({
      coarsePointer: this.coarse.matches,
      viewportWidth: window.innerWidth,
    });
    const selection = articleSelection();
    if (selection) this.current = selection;
    const rect = below ? this.current.lastRect : this.current.rect;
    const box = this.element.getBoundingClientRect();
    const { top, left, placement } = placeToolbar({
      rect,
      size: { width: box.width, height: box.height },
      viewport: { width: window.innerWidth, height: window.innerHeight },
      preferBelow: below,
    });
    this.element.style.top = `${top}px`;
    this.element.style.left = `${left}px`;
    this.element.dataset.placement = placement;
  }

  hide() {
    this.element.hidden = true;
  }

  onKey(event) {
    if (event.key === "Escape" && !this.element.hidden) {
      this.hide();
      return;
    }
    const step = wordStep(event);
    const block = event.target?.closest?.("[data-section-body]") ? event.target : null;
    if (step && block?.matches?.(READABLE_BLOCKS) && extendByWord(block, step)) {
      event.preventDefault();
      this.schedule(50);
      return;
    }
    if (flags.autoQuote || flags.reattaching) return;
    const action = shortcutAction(event, {
      editable: isEditable(document.activeElement),
      hasSelection: true, // checked below, only for our keys: reading the selection costs
    });
    if (!action || !articleSelection()) return;
    event.preventDefault();
    if (action === "highlight") this.highlight();
    else this.addNote();
  }

  highlight() {
    const selection = articleSelection() ?? this.current;
    if (!selection) return;
    // Across sections: one highlight per section, made, counted and undone as one.
    const { ids } = this.store.createGroup(selection.parts, { kind: "highlight" });
    clearSelection();
    this.hide();
    emit("toast", {
      message: "Highlighted.",
      action: { label: "Undo", run: () => Promise.all(ids.map((id) => this.store.remove(id))) },
    });
  }

  addNote() {
    const selection = articleSelection() ?? this.current;
    if (!selection) return;
    this.hide();
    emit("open-note-editor", { selection });
  }
}
