import { Controller } from "../lib/controller.js";

/**
 * Visitors may read but not study: any study tool (`data-study-tool`) or a text selection in
 * the article opens a prompt that explains why and links to log in.
 */
export class VisitorPromptController extends Controller {
  constructor(element) {
    super(element);
    this.opener = null;
    document.addEventListener("click", (event) => this.onClick(event), true);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !this.element.hidden) this.close();
    });
    this.refs.close?.addEventListener("click", () => this.close());
    // Selecting article text is how highlights and notes start: say so, once per page, without
    // taking focus (the visitor may just be copying).
    this.promptedOnSelection = false;
    document.addEventListener("pointerup", () => setTimeout(() => this.onSelection(), 30));
    document.addEventListener("keyup", (event) => {
      if (event.shiftKey) setTimeout(() => this.onSelection(), 30);
    });
  }

  onSelection() {
    if (this.promptedOnSelection || !this.element.hidden) return;
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.toString().trim()) return;
    const article = document.querySelector("article");
    if (!article?.contains(selection.getRangeAt(0).commonAncestorContainer)) return;
    this.promptedOnSelection = true;
    this.open(null, { focus: false });
  }

  onClick(event) {
    const tool = event.target.closest("[data-study-tool]");
    if (!tool) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    this.open(tool);
  }

  open(opener, { focus = true } = {}) {
    this.opener = opener;
    this.element.hidden = false;
    if (focus) this.element.querySelector("a")?.focus();
  }

  close() {
    this.element.hidden = true;
    this.opener?.focus();
    this.opener = null;
  }
}
