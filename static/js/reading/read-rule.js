/**
 * When does a section count as read? When it has been on screen, while the page was visible,
 * for at least its reading time (its words at the reader's words-per-minute), and never less
 * than a short floor so a two-line section flashing past does not count.
 *
 * Pure: time is passed in (milliseconds), so the rule is tested without a browser.
 */

export const MIN_SECONDS = 2;

export function requiredSeconds(words, { wpm = 230, factor = 1, minSeconds = MIN_SECONDS } = {}) {
  const seconds = (Math.max(0, words) / Math.max(1, wpm)) * 60 * factor;
  return Math.max(minSeconds, seconds);
}

/**
 * A section is being read when at least half of it is visible, or when it fills at least half
 * of the viewport (a long section can never be half visible on a phone).
 */
export function isEngaged({ ratio, visibleHeight, viewportHeight }) {
  if (visibleHeight <= 0) return false;
  return ratio >= 0.5 || visibleHeight >= 0.5 * viewportHeight;
}

export class ReadTracker {
  /**
   * @param {{anchor: string, words: number}[]} sections
   * @param {{wpm?: number, factor?: number, minSeconds?: number, read?: string[]}} options
   */
  constructor(sections, { read = [], ...rule } = {}) {
    this.required = new Map(sections.map((s) => [s.anchor, requiredSeconds(s.words, rule) * 1000]));
    this.dwell = new Map(sections.map((s) => [s.anchor, 0]));
    this.since = new Map(); // anchor -> ms when it became engaged (while the page is visible)
    this.engaged = new Set();
    this.read = new Set(read.filter((anchor) => this.required.has(anchor)));
    this.visible = true;
  }

  setEngaged(anchor, engaged, now) {
    if (!this.required.has(anchor)) return;
    if (engaged && !this.engaged.has(anchor)) {
      this.engaged.add(anchor);
      if (this.visible) this.since.set(anchor, now);
    } else if (!engaged && this.engaged.has(anchor)) {
      this.#bank(anchor, now);
      this.engaged.delete(anchor);
    }
  }

  /** The tab was hidden or shown again: time in a hidden tab is not reading. */
  setPageVisible(visible, now) {
    if (visible === this.visible) return;
    if (!visible) for (const anchor of this.engaged) this.#bank(anchor, now);
    this.visible = visible;
    if (visible) for (const anchor of this.engaged) this.since.set(anchor, now);
  }

  dwellMs(anchor, now) {
    const started = this.since.get(anchor);
    return (this.dwell.get(anchor) ?? 0) + (started === undefined ? 0 : now - started);
  }

  /** Sections that became read since the last call, in the order given to the constructor. */
  tick(now) {
    const fresh = [];
    for (const [anchor, required] of this.required) {
      if (!this.read.has(anchor) && this.dwellMs(anchor, now) >= required) {
        this.read.add(anchor);
        fresh.push(anchor);
      }
    }
    return fresh;
  }

  #bank(anchor, now) {
    const started = this.since.get(anchor);
    if (started === undefined) return;
    this.dwell.set(anchor, (this.dwell.get(anchor) ?? 0) + Math.max(0, now - started));
    this.since.delete(anchor);
  }
}
