import { articleSelection, clearSelection, emit, flags, on, pageStore } from "../annotations/context.js";
import { onSelectionGesture } from "../annotations/gesture.js";
import { Controller } from "../lib/controller.js";

const KIND_NAMES = { highlight: "Highlight", note: "Note", quote: "Quote" };

/**
 * Orphans in the Notes panel: passages the article no longer holds recognisably after an edit.
 * Each shows its quote (and note) with "Re-attach" — to the text selected now, or, when nothing
 * is selected, to the next selection (Auto-Quote pauses meanwhile) — and "Delete".
 */
export class OrphansController extends Controller {
  constructor(element) {
    super(element);
    this.store = pageStore();
    this.template = document.getElementById("orphan-item-template");
    this.store.addEventListener("change", () => this.render());
    onSelectionGesture(() => this.onGesture());
    on("show-orphan", ({ id }) => {
      emit("open-notes");
      this.render();
      this.refs.orphanList.querySelector(`[data-id="${CSS.escape(String(id))}"]`)?.scrollIntoView({ block: "nearest" });
    });
    this.render();
  }

  render() {
    const orphans = this.store.orphans();
    this.refs.orphans.hidden = orphans.length === 0;
    const list = this.refs.orphanList;
    list.replaceChildren(...orphans.map((annotation) => this.item(annotation)));
    document.querySelector(".notes-toggle")?.classList.toggle("has-orphans", orphans.length > 0);
  }

  item(annotation) {
    const node = this.template.content.firstElementChild.cloneNode(true);
    node.dataset.id = annotation.id;
    const slot = (name) => node.querySelector(`[data-slot="${name}"]`);
    slot("kind").textContent = KIND_NAMES[annotation.kind];
    slot("kind").dataset.kind = annotation.kind;
    slot("quote").textContent = annotation.quote;
    if (annotation.body_html) slot("note").innerHTML = annotation.body_html; // sanitised on the server
    else slot("note").remove();
    const reattach = slot("reattach");
    const waiting = String(flags.reattaching) === String(annotation.id);
    reattach.textContent = waiting ? "Cancel re-attach" : "Re-attach";
    reattach.setAttribute("aria-pressed", waiting ? "true" : "false");
    reattach.addEventListener("pointerdown", (event) => event.preventDefault()); // keep the selection
    reattach.addEventListener("click", () => this.reattach(annotation.id));
    const remove = slot("delete");
    remove.append(Object.assign(document.createElement("span"), {
      className: "visually-hidden",
      textContent: ` ${KIND_NAMES[annotation.kind].toLowerCase()} “${annotation.quote.slice(0, 40)}”`,
    }));
    remove.addEventListener("click", () => emit("delete", { id: annotation.id }));
    if (waiting) {
      const hint = document.createElement("p");
      hint.className = "orphan-hint";
      hint.setAttribute("role", "status");
      hint.textContent = "Now select the passage in the article.";
      node.append(hint);
    }
    return node;
  }

  reattach(id) {
    const selection = articleSelection();
    if (selection) {
      this.attach(id, selection);
      return;
    }
    flags.reattaching = String(flags.reattaching) === String(id) ? null : id;
    this.render();
    this.refs.orphanList.querySelector(`[data-id="${CSS.escape(String(id))}"] [data-slot="reattach"]`)?.focus();
  }

  onGesture() {
    if (!flags.reattaching) return;
    const selection = articleSelection();
    if (selection) this.attach(flags.reattaching, selection);
  }

  async attach(id, selection) {
    flags.reattaching = null;
    clearSelection();
    try {
      const annotation = await this.store.update(id, {
        section: selection.section,
        selectors: selection.selectors,
      });
      emit("toast", { message: "Re-attached." });
      emit("flash", { id: annotation.id });
    } catch {
      this.render(); // the store reported why
    }
  }
}
