/**
 * Autosave for the general notes: debounce typing, save one request at a time, keep the
 * newest text, retry with back-off while offline, and stop on a conflict so nothing is
 * overwritten. The caller owns versions (ETags); this only sequences saves and reports state.
 *
 * States: "saved", "unsaved" (typed, waiting), "saving", "offline" (will retry),
 * "conflict" (412: stopped until resolve()), "error" (refused: stopped until the next change).
 */
export const RETRY_DELAYS = [1000, 2000, 5000, 10000, 30000];

export class Autosaver {
  constructor({ save, onState = () => {}, delay = 700, timers = globalThis } = {}) {
    this.save = save;
    this.onState = onState;
    this.delay = delay;
    this.timers = timers;
    this.text = null; // newest text not yet confirmed saved
    this.saving = false;
    this.timer = null;
    this.retries = 0;
    this.status = "saved";
  }

  /** Typing: remember the text and save after a pause. */
  change(text) {
    this.text = text;
    if (this.status === "conflict") return;
    if (this.status === "error") this.retries = 0;
    this.setStatus(this.saving ? "saving" : "unsaved");
    this.schedule(this.delay);
  }

  /** Save now (panel closing, page hiding, preview). Resolves when idle. */
  async flush() {
    this.cancelTimer();
    if (this.status === "conflict") return;
    while (this.text !== null && !this.saving && this.status !== "conflict") {
      await this.run();
      if (this.status === "offline" || this.status === "error") return;
    }
  }

  /** After the reader settled a conflict: `text` is what to save on top of the stored version. */
  resolve(text) {
    this.status = "unsaved";
    this.retries = 0;
    this.change(text);
  }

  /** After the reader took the stored version: nothing left to save. */
  discard() {
    this.cancelTimer();
    this.text = null;
    this.retries = 0;
    this.setStatus("saved");
  }

  get pending() {
    return this.text !== null || this.saving;
  }

  schedule(ms) {
    this.cancelTimer();
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.run();
    }, ms);
  }

  cancelTimer() {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  async run() {
    if (this.saving || this.text === null) return;
    const text = this.text;
    this.saving = true;
    this.setStatus("saving");
    try {
      await this.save(text);
      this.retries = 0;
      if (this.text === text) this.text = null;
      this.saving = false;
      if (this.text !== null) {
        this.setStatus("unsaved");
        this.schedule(this.delay);
      } else {
        this.setStatus("saved");
      }
    } catch (error) {
      this.saving = false;
      const status = error?.status ?? 0;
      if (status === 412) {
        this.setStatus("conflict", error);
      } else if (status === 0 || status >= 500 || status === 429) {
        const wait = RETRY_DELAYS[Math.min(this.retries, RETRY_DELAYS.length - 1)];
        this.retries += 1;
        this.setStatus("offline", error);
        this.schedule(wait);
      } else {
        this.setStatus("error", error);
      }
    }
  }

  setStatus(status, error = null) {
    this.status = status;
    this.onState(status, error);
  }
}
