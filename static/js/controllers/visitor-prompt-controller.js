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
  }

  onClick(event) {
    const tool = event.target.closest("[data-study-tool]");
    if (!tool) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    this.open(tool);
  }

  open(opener) {
    this.opener = opener;
    this.element.hidden = false;
    this.element.querySelector("a")?.focus();
  }

  close() {
    this.element.hidden = true;
    this.opener?.focus();
    this.opener = null;
  }
}
