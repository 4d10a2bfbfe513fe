import { highlightRange } from "../anchoring/highlighter.js";
import { emit, on, pageStore, sectionBody, sectionText } from "../annotations/context.js";
import { passage } from "../annotations/text-offsets.js";
import { pointsAt } from "../annotations/text-points.js";
import { Controller } from "../lib/controller.js";

const FLASH_MS = 2800;

/**
 * Draws the reader's annotations as <mark> elements and keeps them in step with the store.
 * Each annotation is one Tab stop (its first mark); hovering or focusing a note shows it in a
 * tooltip; clicking a mark, or Enter on it, asks for its actions. `#annotation-ID` in the URL
 * scrolls to that passage and flashes it.
 */
export class HighlightsController extends Controller {
  constructor(element) {
    super(element);
    this.store = pageStore();
    this.marks = new Map();
    this.tooltipFor = null;
    this.renderAll();
    this.store.addEventListener("change", (event) => this.onChange(event.detail));
    const article = document.querySelector("article.article");
    article?.addEventListener("mouseover", (event) => this.onPointerOver(event));
    article?.addEventListener("mouseout", (event) => this.onPointerOut(event));
    article?.addEventListener("focusin", (event) => this.onFocus(event));
    article?.addEventListener("focusout", () => this.hideTooltip());
    article?.addEventListener("click", (event) => this.onClick(event));
    article?.addEventListener("keydown", (event) => this.onKey(event));
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.hideTooltip();
    });
    window.addEventListener("hashchange", () => this.followHash());
    on("flash", ({ id, focus = false }) => this.flash(id, { focus }));
    this.followHash();
  }

  renderAll() {
    const begun = performance.now();
    // Longer spans first, so that shorter ones nest inside them rather than splitting them.
    const items = this.store.anchored().sort((a, b) => a.start - b.start || b.end - a.end);
    for (const annotation of items) this.render(annotation);
    // Read by bench/reader (how long drawing a reader's marks takes).
    performance.measure("annotations:render", { start: begun });
  }

  render(annotation) {
    if (annotation.state === "orphaned") return;
    const body = sectionBody(annotation.section);
    if (!body) return;
    const text = sectionText(body);
    let range;
    try {
      const quote = passage(text, annotation.start, annotation.end);
      // The page embeds no quote for anchored annotations: the page's text is the quote. One
      // that came with a quote (the API) must match, or we would draw on the wrong words.
      if (annotation.quote == null) annotation.quote = quote;
      else if (quote !== annotation.quote) return;
      range = pointsAt(body, annotation.start, annotation.end, text);
    } catch {
      return; // offsets past the end of this text
    }
    if (!range) return;
    const attrs = { "data-kind": annotation.kind, "data-annotation-id": annotation.id };
    if (annotation.colour) attrs["data-colour"] = annotation.colour;
    if (annotation.pending) attrs.class = "is-pending";
    const drawn = highlightRange(range, attrs);
    const marks = drawn.elements;
    if (!marks.length) return;
    marks[0].tabIndex = 0;
    marks[0].id = `annotation-${annotation.id}`;
    marks[0].setAttribute("aria-describedby", `mark-help-${annotation.kind}`);
    this.marks.set(String(annotation.id), { marks: [...marks], remove: drawn.remove });
  }

  marksOf(id) {
    return this.marks.get(String(id))?.marks ?? null;
  }

  remove(id) {
    const drawn = this.marks.get(String(id));
    if (!drawn) return;
    const { marks } = drawn;
    const hadFocus = marks.includes(document.activeElement);
    if (this.tooltipFor && marks.includes(this.tooltipFor)) this.hideTooltip();
    drawn.remove();
    this.marks.delete(String(id));
    if (hadFocus) document.getElementById("main")?.focus({ preventScroll: true });
  }

  onChange({ type, annotation, id, oldId, previous }) {
    if (type === "add") {
      this.render(annotation);
    } else if (type === "remove") {
      this.remove(id);
    } else if (type === "replace") {
      const drawn = this.marks.get(String(oldId));
      this.marks.delete(String(oldId));
      if (!drawn) {
        this.render(annotation);
        return;
      }
      for (const mark of drawn.marks) {
        mark.dataset.annotationId = annotation.id;
        mark.classList.remove("is-pending");
        if (!mark.classList.length) mark.removeAttribute("class");
      }
      drawn.marks[0].id = `annotation-${annotation.id}`;
      this.marks.set(String(annotation.id), drawn);
    } else if (type === "update") {
      const marks = this.marksOf(annotation.id);
      const moved =
        !marks ||
        !previous ||
        previous.section !== annotation.section ||
        previous.start !== annotation.start ||
        previous.end !== annotation.end ||
        previous.state !== annotation.state;
      if (moved) {
        this.remove(annotation.id);
        this.render(annotation);
        return;
      }
      for (const mark of marks) {
        mark.dataset.kind = annotation.kind;
        if (annotation.colour) mark.dataset.colour = annotation.colour;
        else delete mark.dataset.colour;
      }
      marks[0].setAttribute("aria-describedby", `mark-help-${annotation.kind}`);
    }
  }

  markOf(target) {
    return target?.closest?.("mark[data-annotation-id]") ?? null;
  }

  onPointerOver(event) {
    const mark = this.markOf(event.target);
    if (mark) this.showTooltip(mark);
  }

  onPointerOut(event) {
    const mark = this.markOf(event.target);
    if (mark && !mark.contains(event.relatedTarget) && document.activeElement !== mark) {
      this.hideTooltip();
    }
  }

  onFocus(event) {
    const mark = this.markOf(event.target);
    if (mark) this.showTooltip(mark);
  }

  onClick(event) {
    const mark = this.markOf(event.target);
    if (!mark) return;
    // A click that ends a text selection is a selection, not a request for actions.
    if (!window.getSelection()?.isCollapsed) return;
    this.activate(mark);
  }

  onKey(event) {
    const mark = this.markOf(event.target);
    if (!mark || event.target !== mark) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      this.activate(mark);
    } else if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      emit("delete", { id: mark.dataset.annotationId, returnFocus: null });
    }
  }

  activate(mark) {
    const id = mark.dataset.annotationId;
    const first = this.marksOf(id)?.[0] ?? mark;
    this.hideTooltip();
    emit("mark-activated", { id, mark: first, rect: mark.getBoundingClientRect() });
  }

  showTooltip(mark) {
    const annotation = this.store.get(mark.dataset.annotationId);
    if (!annotation || annotation.kind !== "note") return;
    const body = this.refs.body;
    if (annotation.body_html) {
      body.innerHTML = annotation.body_html; // sanitised on the server (markdown-it + nh3)
    } else {
      body.textContent = annotation.body;
    }
    this.element.hidden = false;
    const rect = mark.getBoundingClientRect();
    const tip = this.element.getBoundingClientRect();
    const below = rect.bottom + 8 + tip.height < window.innerHeight;
    const top = below ? rect.bottom + 8 : Math.max(8, rect.top - 8 - tip.height);
    const left = Math.max(8, Math.min(rect.left, window.innerWidth - tip.width - 8));
    this.element.style.top = `${Math.round(top)}px`;
    this.element.style.left = `${Math.round(left)}px`;
    if (this.tooltipFor && this.tooltipFor !== mark) this.restoreDescription(this.tooltipFor);
    if (mark.tabIndex === 0) mark.setAttribute("aria-describedby", `${this.element.id} mark-help-note`);
    this.tooltipFor = mark;
  }

  hideTooltip() {
    this.element.hidden = true;
    if (this.tooltipFor) this.restoreDescription(this.tooltipFor);
    this.tooltipFor = null;
  }

  restoreDescription(mark) {
    if (mark.tabIndex === 0) mark.setAttribute("aria-describedby", `mark-help-${mark.dataset.kind}`);
  }

  followHash() {
    const match = /^#annotation-(\d+)$/.exec(window.location.hash);
    if (match) this.flash(match[1], { focus: true });
  }

  flash(id, { focus = false } = {}) {
    const marks = this.marksOf(id);
    if (!marks?.length) {
      if (this.store.get(id)?.state === "orphaned") emit("show-orphan", { id });
      return;
    }
    const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    marks[0].scrollIntoView({ block: "center", behavior: reduce ? "auto" : "smooth" });
    if (focus) marks[0].focus({ preventScroll: true });
    for (const mark of marks) {
      mark.classList.remove("is-flashing");
      void mark.offsetWidth; // restart the animation when flashed twice
      mark.classList.add("is-flashing");
    }
    setTimeout(() => marks.forEach((mark) => mark.classList.remove("is-flashing")), FLASH_MS);
  }
}
