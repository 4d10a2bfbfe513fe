import { Autosaver } from "../annotations/autosave.js";
import { on, pageData, pageStore } from "../annotations/context.js";
import { insertBlock, modernRefs, removeQuote, renameRef } from "../annotations/quote-markdown.js";
import { detailMessage } from "../annotations/store.js";
import { apiFetch } from "../lib/api.js";
import { isNarrow, panelOpened, registerPanel } from "../lib/panels.js";
import { readSettings } from "../lib/settings.js";
import { Controller } from "../lib/controller.js";

// The panel's state (closed, open, or open but minimised to its title bar) is kept per browser,
// so that it is the same on the next page and the next article.
const STATE_KEY = "readmark.notesPanel";

export function readPanelState(storage = globalThis.localStorage) {
  try {
    const value = storage?.getItem(STATE_KEY);
    return ["open", "collapsed"].includes(value) ? value : "closed";
  } catch {
    return "closed"; // storage refused (private mode): start closed
  }
}

function writePanelState(value, storage = globalThis.localStorage) {
  try {
    storage?.setItem(STATE_KEY, value);
  } catch {
    // not kept: the panel still works on this page
  }
}

const STATUS_TEXT = {
  saved: "Saved",
  unsaved: "Unsaved changes…",
  saving: "Saving…",
  offline: "Offline: your notes are kept here and will be saved when the connection is back.",
  conflict: "Not saved: changed elsewhere. Choose a version below.",
  error: "Not saved.",
};

/**
 * The Notes panel (the "Notes" button toggles it): a card floating at the bottom right (a sheet
 * on phones) that can be minimised to its title bar, with two views: the article's general
 * notes in Markdown, saved automatically with a visible state, a preview, and, when another
 * tab or device saved first (412), both versions side by side instead of an overwrite; and the
 * list of this article's annotations (annotation-list-controller.js).
 *
 * Opening it never moves focus into the notes box: that would end the reader's selection.
 */
export class NotesPanelController extends Controller {
  constructor(element) {
    super(element);
    const config = readSettings("reader-config", {});
    this.url = `${config.apiBase || "/api/v1"}/articles/${config.article}/notebook`;
    const notebook = pageData().notebook ?? { body: "", body_html: "", version: 0 };
    this.version = notebook.version;
    this.savedHtml = notebook.body_html;
    this.caret = null;
    this.toggle = document.querySelector(".notes-toggle[aria-controls='notes-panel']");
    this.saver = new Autosaver({
      save: (text) => this.put(text),
      onState: (status, error) => this.showState(status, error),
    });
    registerPanel("notes", { close: () => this.close({ restoreFocus: false }), isOpen: () => !this.element.hidden });

    this.toggle?.addEventListener("click", () => (this.element.hidden ? this.open() : this.close()));
    this.refs.close.addEventListener("click", () => this.close());
    this.refs.collapse.addEventListener("click", () => this.setCollapsed(!this.collapsed));
    this.setupTabs();
    element.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !event.defaultPrevented) {
        event.preventDefault();
        this.close();
      }
    });
    const notes = this.refs.notes;
    // Older notes linked quotes as `[↩](#annotation-3)`: show the short form. It is saved with
    // the reader's next change (the server reads both).
    notes.value = modernRefs(notebook.body);
    notes.addEventListener("input", () => this.saver.change(notes.value));
    for (const type of ["keyup", "click", "select", "blur"]) {
      notes.addEventListener(type, () => {
        this.caret = notes.selectionEnd;
      });
    }
    this.refs.previewToggle.addEventListener("click", () => this.togglePreview());
    // On a phone the sheet covers the article: a link back to a passage makes it a bar.
    this.refs.preview.addEventListener("click", (event) => {
      if (event.target.closest?.('a[href^="#annotation-"]') && isNarrow()) this.setCollapsed(true);
    });
    this.refs.keepMine.addEventListener("click", () => this.resolve(this.refs.mine.textContent));
    this.refs.keepTheirs.addEventListener("click", () => this.useTheirs());
    this.refs.keepBoth.addEventListener("click", () =>
      this.resolve(`${this.refs.theirs.textContent}\n\n${this.refs.mine.textContent}`),
    );
    on("insert-quote", ({ markdown }) => this.insert(markdown));
    on("remove-quote", ({ id }) => this.removeQuoteBlock(id));
    on("open-notes", () => this.open({ focus: false }));
    on("collapse-notes", () => this.setCollapsed(true));
    pageStore().addEventListener("change", (event) => this.onStoreChange(event.detail));
    window.addEventListener("pagehide", () => this.saver.flush());
    window.addEventListener("online", () => this.saver.flush());
    window.addEventListener("beforeunload", (event) => {
      if (this.saver.pending && this.saver.status !== "conflict") {
        this.saver.flush();
        event.preventDefault();
      }
    });
    on("show-annotations", () => {
      this.open({ focus: false });
      this.setCollapsed(false);
      this.selectTab("annotations");
    });
    this.collapsed = false;
    const saved = readPanelState();
    if (window.location.hash === "#notes-panel") this.open({ focus: false });
    else if (saved !== "closed") this.open({ focus: false, collapsed: saved === "collapsed" });
  }

  /** Open (expanded unless asked otherwise). `focus`: put focus on the panel's first tab. */
  open({ focus = true, collapsed = false } = {}) {
    this.element.hidden = false;
    this.toggle?.setAttribute("aria-expanded", "true");
    document.body.classList.add("notes-open");
    this.setCollapsed(collapsed, { save: false });
    writePanelState(collapsed ? "collapsed" : "open");
    panelOpened("notes");
    // A button, not the notes box: focusing a text field would clear the article selection.
    if (focus) this.element.querySelector('[role="tab"][aria-selected="true"]')?.focus({ preventScroll: true });
    this.element.dispatchEvent(new CustomEvent("panel:toggle", { detail: { open: true } }));
  }

  close({ restoreFocus = true } = {}) {
    if (this.element.hidden) return;
    this.saver.flush();
    const hadFocus = this.element.contains(document.activeElement);
    this.element.hidden = true;
    this.toggle?.setAttribute("aria-expanded", "false");
    document.body.classList.remove("notes-open", "notes-collapsed");
    writePanelState("closed");
    if (restoreFocus && hadFocus) this.toggle?.focus();
    this.element.dispatchEvent(new CustomEvent("panel:toggle", { detail: { open: false } }));
  }

  /** Minimised: only the title bar shows, and the article is free to read and select. */
  setCollapsed(collapsed, { save = true } = {}) {
    const hadFocus = collapsed && this.refs.body.contains(document.activeElement);
    this.collapsed = collapsed;
    this.refs.body.hidden = collapsed;
    this.element.classList.toggle("is-collapsed", collapsed);
    document.body.classList.toggle("notes-collapsed", collapsed && !this.element.hidden);
    this.refs.collapse.setAttribute("aria-expanded", String(!collapsed));
    this.refs.collapse.textContent = collapsed ? "Expand" : "Minimise";
    if (hadFocus) this.refs.collapse.focus({ preventScroll: true });
    if (save && !this.element.hidden) writePanelState(collapsed ? "collapsed" : "open");
  }

  setupTabs() {
    this.tabs = [...this.element.querySelectorAll('[role="tab"]')];
    for (const tab of this.tabs) {
      tab.addEventListener("click", () => this.selectTab(tab.dataset.tab));
      tab.addEventListener("keydown", (event) => {
        const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
        if (!step) return;
        event.preventDefault();
        const next = this.tabs[(this.tabs.indexOf(tab) + step + this.tabs.length) % this.tabs.length];
        this.selectTab(next.dataset.tab);
        next.focus();
      });
    }
  }

  selectTab(name) {
    for (const tab of this.tabs) {
      const selected = tab.dataset.tab === name;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      this.element.querySelector(`[data-view="${tab.dataset.tab}"]`).hidden = !selected;
    }
  }

  async put(text) {
    const { data, headers } = await apiFetch(this.url, {
      method: "PUT",
      body: { body: text },
      headers: { "If-Match": `"v${this.version}"` },
    });
    this.version = data.version;
    this.savedHtml = data.body_html;
    if (!this.refs.preview.hidden) this.renderPreview();
    return headers;
  }

  showState(status, error) {
    const el = this.refs.status;
    el.dataset.state = status;
    let text = STATUS_TEXT[status];
    if (status === "error") text = `Not saved: ${detailMessage(error)}`;
    el.textContent = text;
    if (status === "conflict") this.showConflict(error?.body?.current);
  }

  showConflict(current) {
    if (!current) return;
    this.theirs = current;
    this.refs.mine.textContent = this.refs.notes.value;
    this.refs.theirs.textContent = modernRefs(current.body);
    this.refs.conflict.hidden = false;
    this.refs.conflict.querySelector("[role=alert]")?.focus?.();
  }

  resolve(text) {
    // Saving on top of the stored version: its number becomes our If-Match.
    this.version = this.theirs?.version ?? this.version;
    this.refs.notes.value = text;
    this.refs.conflict.hidden = true;
    this.saver.resolve(text);
    this.refs.notes.focus();
  }

  useTheirs() {
    this.version = this.theirs.version;
    this.savedHtml = this.theirs.body_html;
    this.refs.notes.value = modernRefs(this.theirs.body);
    this.refs.conflict.hidden = true;
    this.saver.discard();
    this.refs.notes.focus();
  }

  async togglePreview() {
    const showing = this.refs.previewToggle.getAttribute("aria-pressed") === "true";
    if (showing) {
      this.refs.preview.hidden = true;
      this.refs.notes.hidden = false;
      this.refs.previewToggle.setAttribute("aria-pressed", "false");
      this.refs.notes.focus();
      return;
    }
    await this.saver.flush();
    this.refs.previewToggle.setAttribute("aria-pressed", "true");
    this.refs.notes.hidden = true;
    this.refs.preview.hidden = false;
    this.renderPreview();
  }

  renderPreview() {
    if (this.saver.pending || this.saver.status === "offline") {
      this.refs.preview.textContent = "The preview shows saved notes; these are not saved yet (see below).";
      return;
    }
    // body_html was rendered and sanitised on the server (markdown-it + nh3).
    this.refs.preview.innerHTML = this.savedHtml || "<p class='helptext'>Nothing written yet.</p>";
  }

  insert(markdown) {
    const notes = this.refs.notes;
    const { text, caret } = insertBlock(notes.value, this.caret ?? notes.value.length, markdown);
    notes.value = text;
    this.caret = caret;
    notes.setSelectionRange(caret, caret);
    notes.scrollTop = notes.scrollHeight * (caret / Math.max(1, text.length)) - notes.clientHeight / 2;
    this.saver.change(text);
  }

  removeQuoteBlock(id) {
    const notes = this.refs.notes;
    const text = removeQuote(notes.value, id);
    if (text === notes.value) return;
    notes.value = text;
    this.caret = Math.min(this.caret ?? text.length, text.length);
    this.saver.change(text);
  }

  onStoreChange({ type, oldId, annotation }) {
    // A quote inserted while offline links to its temporary id until the server gives one.
    if (type !== "replace") return;
    const notes = this.refs.notes;
    const renamed = renameRef(notes.value, oldId, annotation.id);
    if (renamed === notes.value) return;
    notes.value = renamed;
    this.saver.change(notes.value);
  }
}
