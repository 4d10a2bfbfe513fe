/**
 * The reader's annotations on this page, and the API calls that change them.
 *
 * Changes show at once (optimistic) and are confirmed by the server: a new annotation carries
 * a temporary id ("tmp-…") until its POST answers. POSTs send an Idempotency-Key, so when the
 * network drops they are retried with back-off (and on the `online` event) without ever
 * creating a duplicate. Listeners get `change` events: {type: add|replace|update|remove, ...}
 * and `problem` events: {message} for failures the reader must know about.
 */
import { apiFetch } from "../lib/api.js";
import { RETRY_DELAYS } from "./autosave.js";
import { groupClientId, groupMembers } from "./groups.js";

export function newKey() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  return `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export function detailMessage(error) {
  const detail = error?.body?.detail;
  if (Array.isArray(detail)) {
    return detail.map((item) => item.msg).filter(Boolean).join("; ") || error.message;
  }
  return error?.message || "Something went wrong. Try again.";
}

export class AnnotationStore extends EventTarget {
  constructor({ apiBase, article, annotations = [] }) {
    super();
    this.apiBase = apiBase;
    this.article = article;
    this.items = new Map(annotations.map((a) => [String(a.id), a]));
    this.waiting = new Map(); // tmp id -> Promise of the saved annotation
    this.retryTimers = new Map();
    this.aliases = new Map(); // tmp id -> saved id, so callers may keep using either
    window.addEventListener("online", () => this.retryAll());
  }

  all() {
    return [...this.items.values()];
  }

  anchored() {
    return this.all().filter((a) => a.state !== "orphaned");
  }

  orphans() {
    return this.all().filter((a) => a.state === "orphaned");
  }

  key(id) {
    return this.aliases.get(String(id)) ?? String(id);
  }

  get(id) {
    return this.items.get(this.key(id)) ?? null;
  }

  /** The saved annotation for an id, waiting for the server when it is still temporary. */
  async settled(id) {
    const key = this.key(id);
    if (this.waiting.has(key)) return this.waiting.get(key);
    return this.get(key);
  }

  emit(detail) {
    this.dispatchEvent(new CustomEvent("change", { detail }));
  }

  problem(message) {
    this.dispatchEvent(new CustomEvent("problem", { detail: { message } }));
  }

  /** Create: shown at once, saved in the background. Resolves with the saved annotation. */
  create({ section, kind, selectors, body = "", colour = "", clientId = newKey() }) {
    const tmpId = `tmp-${newKey()}`;
    const position = selectors.find((s) => s.type === "TextPositionSelector");
    const quote = selectors.find((s) => s.type === "TextQuoteSelector");
    const draft = {
      id: tmpId,
      section,
      kind,
      colour,
      start: position.start,
      end: position.end,
      quote: quote.exact,
      body,
      body_html: "",
      state: "anchored",
      version: 0,
      selectors,
      client_id: clientId,
      pending: true,
    };
    this.items.set(tmpId, draft);
    this.emit({ type: "add", annotation: draft });
    const request = {
      article: this.article,
      section,
      kind,
      colour,
      selectors,
      body,
      client_id: clientId,
    };
    // The Idempotency-Key is new for every create: a part restored after an Undo keeps its
    // client_id (its group) but is a new request.
    const promise = this.postUntilDone(tmpId, request, newKey());
    this.waiting.set(tmpId, promise);
    return { id: tmpId, saved: promise };
  }

  /**
   * Create one annotation per part of a selection (one per section it covers), as one group.
   * Returns {ids, saved}: the temporary ids, and a promise of the saved annotations.
   */
  createGroup(parts, { kind, body = "", colour = "" }) {
    if (parts.length === 1) {
      const { id, saved } = this.create({ section: parts[0].section, kind, selectors: parts[0].selectors, body, colour });
      return { ids: [id], saved: saved.then((one) => [one]) };
    }
    const group = newKey();
    const made = parts.map((part, index) =>
      this.create({ section: part.section, kind, selectors: part.selectors, body, colour, clientId: groupClientId(group, index) }),
    );
    return { ids: made.map((one) => one.id), saved: Promise.all(made.map((one) => one.saved)) };
  }

  /** `id`'s annotation and the others of its group, in reading order of creation. */
  async group(id) {
    const annotation = this.get(id);
    if (!annotation) return [];
    if (annotation.client_id === undefined) await this.loadClientIds();
    return groupMembers(this.get(id) ?? annotation, this.all());
  }

  /**
   * The page embeds annotations without their client_id (it only matters for groups): read
   * them once from the API when first needed. Failing is harmless: each part stands alone.
   */
  loadClientIds() {
    if (!this.clientIdsLoaded) {
      const url = `${this.apiBase}/annotations?article=${encodeURIComponent(this.article)}&limit=2000`;
      this.clientIdsLoaded = apiFetch(url)
        .then(({ data }) => {
          let changed = false;
          for (const item of data.items ?? []) {
            const mine = this.items.get(String(item.id));
            if (mine && mine.client_id === undefined) {
              mine.client_id = item.client_id;
              changed = changed || Boolean(item.client_id);
            }
          }
          if (changed) this.emit({ type: "groups" });
        })
        .catch(() => {});
    }
    return this.clientIdsLoaded;
  }

  postUntilDone(tmpId, request, key) {
    // Resolves with the saved annotation, or null when it was refused or deleted meanwhile.
    return new Promise((resolve) => {
      let attempt = 0;
      const tryOnce = async () => {
        this.retryTimers.delete(tmpId);
        if (!this.items.has(tmpId)) return resolve(null); // deleted before it was saved
        try {
          const { data } = await apiFetch(`${this.apiBase}/annotations`, {
            method: "POST",
            body: request,
            headers: { "Idempotency-Key": key },
          });
          this.waiting.delete(tmpId);
          const draft = this.items.get(tmpId);
          this.items.delete(tmpId);
          this.aliases.set(tmpId, String(data.id));
          if (!draft) {
            // Deleted while the POST was in flight: delete what it saved too.
            apiFetch(`${this.apiBase}/annotations/${data.id}`, { method: "DELETE" }).catch(() => {});
            return resolve(null);
          }
          this.items.set(String(data.id), data);
          this.emit({ type: "replace", oldId: tmpId, annotation: data });
          resolve(data);
        } catch (error) {
          if (error.status === 0 || error.status >= 500 || error.status === 429) {
            const wait = RETRY_DELAYS[Math.min(attempt, RETRY_DELAYS.length - 1)];
            attempt += 1;
            if (attempt === 1) {
              this.problem("You seem to be offline. Your highlight is kept here and will be saved when the connection is back.");
            }
            this.retryTimers.set(tmpId, { timer: setTimeout(tryOnce, wait), run: tryOnce });
            return;
          }
          this.waiting.delete(tmpId);
          this.items.delete(tmpId);
          this.emit({ type: "remove", id: tmpId });
          this.problem(`Not saved: ${detailMessage(error)}`);
          resolve(null);
        }
      };
      tryOnce();
    });
  }

  retryAll() {
    for (const [id, { timer, run }] of this.retryTimers) {
      clearTimeout(timer);
      this.retryTimers.delete(id);
      run();
    }
  }

  /** PATCH kind/colour/body, or selectors+section to re-attach. */
  async update(id, changes) {
    const saved = await this.settled(id);
    if (!saved) throw new Error("That annotation no longer exists.");
    try {
      const { data } = await apiFetch(`${this.apiBase}/annotations/${saved.id}`, {
        method: "PATCH",
        body: changes,
      });
      this.items.set(String(data.id), data);
      this.emit({ type: "update", annotation: data, previous: saved });
      return data;
    } catch (error) {
      this.problem(`Not saved: ${detailMessage(error)}`);
      throw error;
    }
  }

  /** Delete at once; resolves with the removed annotation (for Undo). */
  async remove(id) {
    const key = this.key(id);
    const annotation = this.items.get(key);
    if (!annotation) return null;
    this.items.delete(key);
    this.emit({ type: "remove", id: key, annotation });
    if (key.startsWith("tmp-")) return annotation; // its POST will delete what it saves
    try {
      await apiFetch(`${this.apiBase}/annotations/${key}`, { method: "DELETE" });
    } catch (error) {
      if (error.status !== 404) {
        this.items.set(key, annotation);
        this.emit({ type: "add", annotation });
        this.problem(`Not deleted: ${detailMessage(error)}`);
        throw error;
      }
    }
    return annotation;
  }

  /** Undo a delete. */
  async restore(annotation) {
    if (String(annotation.id).startsWith("tmp-")) {
      return this.create({
        section: annotation.section,
        kind: annotation.kind,
        colour: annotation.colour,
        body: annotation.body,
        selectors: annotation.selectors,
        clientId: annotation.client_id || newKey(),
      }).saved;
    }
    try {
      const { data } = await apiFetch(`${this.apiBase}/annotations/${annotation.id}/restore`, {
        method: "POST",
      });
      this.items.set(String(data.id), data);
      this.emit({ type: "add", annotation: data });
      return data;
    } catch (error) {
      this.problem(`Could not undo: ${detailMessage(error)}`);
      throw error;
    }
  }
}
