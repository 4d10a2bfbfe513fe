import { articleSelection, clearSelection, emit, flags, pageStore } from "../annotations/context.js";
import { onSelectionGesture } from "../annotations/gesture.js";
import { quoteMarkdown } from "../annotations/quote-markdown.js";
import { Controller } from "../lib/controller.js";

const STORAGE_KEY = "readmark.autoQuote";

/**
 * Auto-Quote: while the Notes panel is open (and the switch is on), each text selection in the
 * article becomes a quote at once: marked blue in the article and inserted into the general
 * notes as a blockquote linking back to it. One quote per selection gesture.
 */
export class AutoQuoteController extends Controller {
  constructor(element) {
    super(element);
    this.store = pageStore();
    this.lastKey = null;
    const toggle = this.refs.autoQuote;
    toggle.checked = localStorage.getItem(STORAGE_KEY) !== "off";
    toggle.addEventListener("change", () => {
      localStorage.setItem(STORAGE_KEY, toggle.checked ? "on" : "off");
      this.sync();
    });
    element.addEventListener("panel:toggle", () => this.sync());
    onSelectionGesture(() => this.capture());
    this.sync();
  }

  sync() {
    flags.autoQuote = !this.element.hidden && this.refs.autoQuote.checked;
    this.lastKey = null;
  }

  capture() {
    if (!flags.autoQuote || flags.reattaching) return;
    const selection = articleSelection();
    if (!selection || selection.key === this.lastKey) return;
    this.lastKey = selection.key;
    // Across sections: one quote mark per section, one block in the notes (referring to the
    // first), undone together.
    const { ids } = this.store.createGroup(selection.parts, { kind: "quote" });
    emit("insert-quote", { id: ids[0], markdown: quoteMarkdown(selection.text, ids[0]) });
    clearSelection();
    emit("toast", {
      message: "Quoted in your notes.",
      action: { label: "Undo", run: () => this.undo(ids) },
    });
  }

  async undo(ids) {
    const saved = await this.store.settled(ids[0]);
    emit("remove-quote", { id: saved?.id ?? ids[0] });
    await Promise.all(ids.map((id) => this.store.remove(id)));
  }
}
