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
    // A passage selected across sections is one annotation per section: all go together.
    const members = await this.store.group(id);
    const ids = members.length ? members.map((member) => member.id) : [id];
    const results = await Promise.allSettled(ids.map((one) => this.store.remove(one)));
    const removed = results.filter((r) => r.status === "fulfilled" && r.value).map((r) => r.value);
    if (!removed.length) return; // nothing there, or the store reported why
    emit("toast", {
      message: `${NAMES[removed[0].kind] ?? "Annotation"} deleted.`,
      action: { label: "Undo", run: () => this.undo(removed) },
    });
  }

  async undo(annotations) {
    try {
      const restored = await Promise.all(annotations.map((annotation) => this.store.restore(annotation)));
      if (restored.some(Boolean)) emit("toast", { message: "Restored." });
    } catch {
      // reported by the store
    }
  }
}
