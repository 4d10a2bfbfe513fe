import { Controller } from "../lib/controller.js";

const NARROW = "(max-width: 900px)";

/**
 * Table of contents: collapsed on narrow screens (it would push the article below the fold),
 * open beside the article on wide ones; the section being read is marked aria-current.
 */
export class TocController extends Controller {
  constructor(element) {
    super(element);
    const query = window.matchMedia(NARROW);
    this.refs.details.open = !query.matches;
    query.addEventListener("change", (event) => {
      this.refs.details.open = !event.matches;
    });
    this.links = new Map(
      [...element.querySelectorAll("[data-toc-link]")].map((link) => [link.dataset.tocLink, link]),
    );
    element.addEventListener("click", (event) => {
      if (event.target.closest("[data-toc-link]") && query.matches) this.refs.details.open = false;
    });
    this.observe();
  }

  observe() {
    const visible = new Set();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) visible.add(entry.target.id);
          else visible.delete(entry.target.id);
        }
        const current = [...this.links.keys()].find((id) => visible.has(id));
        for (const [id, link] of this.links) {
          if (id === current) link.setAttribute("aria-current", "true");
          else link.removeAttribute("aria-current");
        }
      },
      { rootMargin: "-64px 0px -55% 0px" },
    );
    for (const id of this.links.keys()) {
      const section = document.getElementById(id);
      if (section) observer.observe(section);
    }
  }
}
