import { apiFetch, csrfToken } from "../lib/api.js";
import { Controller } from "../lib/controller.js";
import { readSettings } from "../lib/settings.js";
import { PendingReport } from "../reading/pending.js";
import { movedEnough, positionAt, scrollTargetFor, shouldOffer } from "../reading/position.js";
import { isEngaged, ReadTracker } from "../reading/read-rule.js";

const SAVE_DELAY_MS = 1500;
const RETRY_DELAY_MS = 30_000;
const TICK_MS = 1000;

/**
 * Remembers where a signed-in reader is in the article and which sections they have read
 * (see reading/read-rule.js), marks read sections in the table of contents, and offers to go
 * back to the last position instead of jumping there.
 */
export class ReadingProgressController extends Controller {
  constructor(element) {
    super(element);
    this.config = readSettings("reading-progress-config", null);
    if (!this.config) return;
    this.sections = [...document.querySelectorAll("article section[data-section]")];
    this.order = this.sections.map((section) => section.dataset.section);
    this.tracker = new ReadTracker(this.config.sections, { wpm: this.config.wpm, read: this.config.read });
    this.pending = new PendingReport();
    this.saved = this.config.position;
    this.lastSent = this.config.position;
    this.intersecting = new Set();
    this.timer = null;
    this.inFlight = false;
    this.framePending = false;

    this.observer = new IntersectionObserver((entries) => this.onIntersect(entries), { threshold: [0] });
    for (const section of this.sections) this.observer.observe(section);
    window.addEventListener("scroll", () => this.onScroll(), { passive: true });
    document.addEventListener("visibilitychange", () => this.onVisibility());
    window.addEventListener("pagehide", () => this.flushOnExit());
    this.refs.resume?.addEventListener("click", () => this.resume());
    this.refs.dismiss?.addEventListener("click", () => this.hideOffer());
    window.setInterval(() => this.tick(), TICK_MS);
    requestAnimationFrame(() => this.maybeOffer());
  }

  readingLine() {
    const header = document.querySelector(".site-header");
    return (header ? header.getBoundingClientRect().bottom : 0) + 16;
  }

  currentPosition() {
    const rects = this.sections.map((section) => {
      const rect = section.getBoundingClientRect();
      return { anchor: section.dataset.section, top: rect.top, height: rect.height };
    });
    return positionAt(rects, this.readingLine());
  }

  onIntersect(entries) {
    for (const entry of entries) {
      if (entry.isIntersecting) this.intersecting.add(entry.target);
      else this.intersecting.delete(entry.target);
    }
    this.measureEngagement();
  }

  /** Re-evaluated on every scroll frame: a long section's visible height changes continuously. */
  measureEngagement() {
    const now = performance.now();
    const viewportHeight = window.innerHeight;
    for (const section of this.sections) {
      let engaged = false;
      if (this.intersecting.has(section)) {
        const rect = section.getBoundingClientRect();
        const visibleHeight = Math.max(0, Math.min(rect.bottom, viewportHeight) - Math.max(rect.top, 0));
        const ratio = rect.height > 0 ? visibleHeight / rect.height : 0;
        engaged = isEngaged({ ratio, visibleHeight, viewportHeight });
      }
      this.tracker.setEngaged(section.dataset.section, engaged, now);
    }
  }

  onScroll() {
    if (this.framePending) return;
    this.framePending = true;
    requestAnimationFrame(() => {
      this.framePending = false;
      this.measureEngagement();
      const position = this.currentPosition();
      if (!this.refs.offer?.hidden && !shouldOffer(this.saved, position, this.order)) this.hideOffer();
      if (movedEnough(this.pending.position ?? this.lastSent, position)) {
        this.pending.setPosition(position);
        this.scheduleSave(SAVE_DELAY_MS);
      }
    });
  }

  onVisibility() {
    const visible = document.visibilityState === "visible";
    this.tracker.setPageVisible(visible, performance.now());
    if (!visible) this.flushOnExit();
  }

  tick() {
    const fresh = this.tracker.tick(performance.now());
    if (fresh.length === 0) return;
    for (const anchor of fresh) this.markRead(anchor);
    this.pending.addRead(fresh);
    this.scheduleSave(SAVE_DELAY_MS);
  }

  markRead(anchor) {
    const link = document.querySelector(`.toc a[data-toc-link="${CSS.escape(anchor)}"]`);
    if (!link || link.classList.contains("is-read")) return;
    link.classList.add("is-read");
    const note = document.createElement("span");
    note.className = "visually-hidden";
    note.textContent = " (read)";
    link.append(note);
  }

  scheduleSave(delay) {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.save(), delay);
  }

  async save() {
    if (this.inFlight || this.pending.empty) return;
    const body = this.pending.take(this.lastSent);
    this.inFlight = true;
    try {
      await apiFetch(this.config.url, { method: "PUT", body });
      if (body.anchor) this.lastSent = { anchor: body.anchor, fraction: body.fraction };
      this.showStatus("");
    } catch (error) {
      // A refused report (the article changed) would be refused again; anything else is retried.
      if (error.status !== 400) {
        this.pending.restore(body);
        this.scheduleSave(RETRY_DELAY_MS);
      }
      this.showStatus(`Your reading progress was not saved: ${error.message}`);
    } finally {
      this.inFlight = false;
    }
    if (!this.pending.empty) this.scheduleSave(SAVE_DELAY_MS);
  }

  /** Leaving the page: send what is pending with keepalive, so it outlives the page. */
  flushOnExit() {
    if (this.pending.empty) return;
    window.clearTimeout(this.timer);
    const body = this.pending.take(this.lastSent);
    if (body.anchor) this.lastSent = { anchor: body.anchor, fraction: body.fraction };
    fetch(this.config.url, {
      method: "PUT",
      keepalive: true,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(body),
    }).catch(() => this.pending.restore(body));
  }

  maybeOffer() {
    if (!this.refs.offer || !shouldOffer(this.saved, this.currentPosition(), this.order)) return;
    const section = this.sections[this.order.indexOf(this.saved.anchor)];
    const heading = section.querySelector("h2, h3");
    this.refs.where.textContent = heading ? heading.textContent.trim() : this.saved.anchor;
    this.refs.offer.hidden = false;
  }

  resume() {
    const section = this.sections[this.order.indexOf(this.saved.anchor)];
    this.hideOffer();
    if (!section) return;
    const rect = section.getBoundingClientRect();
    const target = scrollTargetFor(
      { documentTop: rect.top + window.scrollY, height: rect.height },
      this.saved.fraction,
      this.readingLine(),
    );
    window.scrollTo({ top: target, behavior: "instant" });
    const heading = section.querySelector("h2, h3");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  }

  hideOffer() {
    if (this.refs.offer) this.refs.offer.hidden = true;
  }

  showStatus(message) {
    if (!this.refs.status) return;
    this.refs.status.textContent = message;
  }
}
