import { emit, on, pageStore } from "../annotations/context.js";
import { groupKey } from "../annotations/groups.js";
import { isNarrow } from "../lib/panels.js";
import { Controller } from "../lib/controller.js";

const KIND_NAMES = { highlight: "Highlight", note: "Note", quote: "Quote" };
const QUOTE_CHARS = 160;

/**
 * The Notes panel's "Annotations" view: this article's highlights, notes and quotes in reading
 * order, each with its note, each a button that jumps to its passage. A passage selected across
 * sections (one annotation per section, see groups.js) is listed once.
 *
 * Also the margin markers: a small button beside the first line of every note, which opens the
 * note's actions (its text, Edit, Delete) as a click on the mark does.
 */
export class AnnotationListController extends Controller {
  constructor(element) {
    super(element);
    this.store = pageStore();
    this.markers = new Map(); // annotation id -> marker button
    this.frame = 0;
    this.store.addEventListener("change", () => this.schedule());
    window.addEventListener("resize", () => this.schedule());
    on("marks-drawn", () => this.schedule());
    // Fonts and late layout move lines: place the markers again once everything has loaded.
    window.addEventListener("load", () => this.schedule());
    // Anything that reflows the article (a wrapped button, a late font) moves the lines.
    const article = document.querySelector("article.article");
    if (article && typeof ResizeObserver !== "undefined") new ResizeObserver(() => this.schedule()).observe(article);
    this.schedule();
    // Parts of one passage across sections are listed once: that needs their groups, which
    // the page does not embed. Only worth a request when annotations span sections.
    if (new Set(this.store.anchored().map((a) => a.section)).size > 1) this.store.loadClientIds();
  }

  schedule() {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => {
      this.render();
      this.placeMarkers();
    });
  }

  /** Anchored annotations in reading order: by section as the page shows them, then offset. */
  ordered() {
    const sections = [...document.querySelectorAll("[data-section-body]")].map((b) => b.dataset.sectionBody);
    const rank = new Map(sections.map((anchor, index) => [anchor, index]));
    return this.store
      .anchored()
      .filter((a) => rank.has(a.section))
      .sort((a, b) => rank.get(a.section) - rank.get(b.section) || a.start - b.start || a.end - b.end);
  }

  render() {
    const seen = new Set();
    const items = [];
    for (const annotation of this.ordered()) {
      const group = groupKey(annotation);
      if (group) {
        if (seen.has(group)) continue;
        seen.add(group);
      }
      items.push(annotation);
    }
    this.refs.list.replaceChildren(...items.map((annotation) => this.item(annotation)));
    this.refs.listEmpty.hidden = items.length > 0;
    this.refs.count.textContent = items.length ? String(items.length) : "";
  }

  item(annotation) {
    const li = document.createElement("li");
    li.className = "annotation-item";
    li.dataset.kind = annotation.kind;
    const jump = document.createElement("button");
    jump.type = "button";
    jump.className = "annotation-jump";
    const badge = document.createElement("span");
    badge.className = "kind-badge";
    badge.dataset.kind = annotation.kind;
    badge.textContent = KIND_NAMES[annotation.kind] ?? "Annotation";
    const quote = document.createElement("span");
    quote.className = "annotation-quote";
    const text = this.quoteOf(annotation);
    quote.textContent = `“${text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}…` : text}”`;
    jump.append(badge, " ", quote);
    jump.addEventListener("click", () => this.jump(annotation.id));
    li.append(jump);
    if (annotation.kind === "note" && (annotation.body_html || annotation.body)) {
      const note = document.createElement("div");
      note.className = "annotation-note";
      if (annotation.body_html) note.innerHTML = annotation.body_html; // sanitised on the server
      else note.textContent = annotation.body;
      li.append(note);
    }
    return li;
  }

  quoteOf(annotation) {
    const group = groupKey(annotation);
    if (!group) return annotation.quote ?? "";
    return this.ordered()
      .filter((other) => groupKey(other) === group)
      .map((other) => other.quote ?? "")
      .join(" … ");
  }

  jump(id) {
    const annotation = this.store.get(id);
    if (!annotation) return;
    // On a phone the sheet covers the article: make it a bar so the passage can be seen.
    if (isNarrow()) emit("collapse-notes");
    emit("flash", { id: annotation.id, focus: true });
  }

  placeMarkers() {
    const notes = new Map();
    for (const annotation of this.store.anchored()) {
      if (annotation.kind !== "note") continue;
      const group = groupKey(annotation);
      const key = group ?? String(annotation.id);
      // A note across sections: one marker, by its first part.
      const first = notes.get(key);
      if (!first || this.isBefore(annotation, first)) notes.set(key, annotation);
    }
    const wanted = new Set([...notes.values()].map((a) => String(a.id)));
    for (const [id, marker] of this.markers) {
      if (!wanted.has(id)) {
        marker.remove();
        this.markers.delete(id);
      }
    }
    for (const annotation of notes.values()) this.placeMarker(annotation);
  }

  isBefore(a, b) {
    if (a.section !== b.section) {
      const bodyA = document.querySelector(`[data-section-body="${CSS.escape(a.section)}"]`);
      const bodyB = document.querySelector(`[data-section-body="${CSS.escape(b.section)}"]`);
      if (!bodyA || !bodyB) return false;
      return Boolean(bodyA.compareDocumentPosition(bodyB) & Node.DOCUMENT_POSITION_FOLLOWING);
    }
    return a.start < b.start;
  }

  placeMarker(annotation) {
    const id = String(annotation.id);
    const mark = document.querySelector(`mark[data-annotation-id="${CSS.escape(id)}"]`);
    const section = mark?.closest(".article-section");
    let marker = this.markers.get(id);
    if (!mark || !section) {
      marker?.remove();
      this.markers.delete(id);
      return;
    }
    if (!marker) {
      marker = document.createElement("button");
      marker.type = "button";
      marker.className = "note-marker";
      marker.addEventListener("click", () => {
        const current = document.querySelector(`mark[data-annotation-id="${CSS.escape(marker.dataset.annotationId)}"]`);
        if (!current) return;
        emit("mark-activated", {
          id: marker.dataset.annotationId,
          mark: current,
          rect: current.getBoundingClientRect(),
        });
      });
      this.markers.set(id, marker);
    }
    marker.dataset.annotationId = id;
    const quote = (annotation.quote ?? "").slice(0, 60);
    marker.setAttribute("aria-label", `Note on “${quote}${(annotation.quote ?? "").length > 60 ? "…" : ""}”`);
    marker.title = "Show this note";
    if (marker.parentElement !== section) section.append(marker);
    const top = mark.getBoundingClientRect().top - section.getBoundingClientRect().top;
    marker.style.top = `${Math.round(top)}px`;
  }
}
