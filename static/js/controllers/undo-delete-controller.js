import { emit, on, pageStore } from "../annotations/context.js";
import { Controller } from "../lib/controller.js";

const NAMES = { highlight: "Highlight", note: "Note", quote: "Quote" };

/**
 * Deleting asks no question: it happens at once and offers Undo for a few seconds (the server
 * keeps deleted annotations for a day, so Undo brings back the same one, id and all).
 */
export class UndoDeleteController extends Controller {
  constructor(element) {
    super(element);
    this.store = pageStore();
    on("delete", ({ id }) => this.remove(id));
  }

  async remove(id) {
    let removed;
    try {
      removed = await this.store.remove(id);
    } catch {
      return; // the store reported it
    }
    if (!removed) return;
    emit("toast", {
      message: `${NAMES[removed.kind] ?? "Annotation"} deleted.`,
      action: { label: "Undo", run: () => this.undo(removed) },
    });
  }

  async undo(annotation) {
    try {
      const restored = await this.store.restore(annotation);
      if (restored) emit("toast", { message: "Restored." });
    } catch {
      // reported by the store
    }
  }
}
