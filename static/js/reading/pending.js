/**
 * What has not reached the server yet: the latest position and the sections read since the
 * last successful save. A failed save puts its report back, so nothing read is lost.
 */
export class PendingReport {
  constructor() {
    this.position = null;
    this.read = new Set();
  }

  setPosition(position) {
    this.position = position;
  }

  addRead(anchors) {
    for (const anchor of anchors) this.read.add(anchor);
  }

  get empty() {
    return this.position === null && this.read.size === 0;
  }

  /** Take everything for one request body; `restore(body)` after a failure. */
  take(lastPosition) {
    const position = this.position ?? lastPosition ?? { anchor: "", fraction: 0 };
    const body = { anchor: position.anchor, fraction: position.fraction, read: [...this.read] };
    this.position = null;
    this.read = new Set();
    return body;
  }

  restore(body) {
    if (this.position === null) this.position = { anchor: body.anchor, fraction: body.fraction };
    this.addRead(body.read);
  }
}
