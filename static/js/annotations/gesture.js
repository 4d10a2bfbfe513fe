/**
 * "The reader has finished selecting": once per selection gesture, not on every
 * selectionchange. Mouse and pen: the pointer is released. Keyboard: a selecting key
 * (Shift+arrows, Shift+Home/End, Ctrl/Cmd+A) was released and no other followed for a moment.
 * Touch: phones move selection handles without pointer events, so the selection must rest.
 * A click that selects (double-click: a word, triple-click: a paragraph) may be followed by
 * another click that grows the selection, so clicks wait out the multi-click interval: a
 * triple-click is one quote, of the paragraph, not a word and then a paragraph.
 */
const KEY_SETTLE_MS = 600;
const CLICK_SETTLE_MS = 450;
const DRAG_SETTLE_MS = 30;
const CLICK_SLOP_PX = 4;
const TOUCH_SETTLE_MS = 900;
const SELECTING_KEYS = new Set([
  "ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown",
]);

export function isSelectingKey(event) {
  if (event.key === "Shift") return true;
  if (event.shiftKey && SELECTING_KEYS.has(event.key)) return true;
  return Boolean(event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "a";
}

/** Pressed and released in about the same place: a click, not a drag. */
export function isClick(downAt, up) {
  if (!downAt) return false;
  return Math.hypot(up.clientX - downAt[0], up.clientY - downAt[1]) <= CLICK_SLOP_PX;
}

export function onSelectionGesture(callback, { root = document } = {}) {
  let timer = null;
  let touch = false;
  let pressed = false;
  let downAt = null;
  const fire = (delay) => {
    clearTimeout(timer);
    timer = setTimeout(callback, delay);
  };
  root.addEventListener("pointerdown", (event) => {
    touch = event.pointerType === "touch";
    pressed = true;
    downAt = [event.clientX, event.clientY];
    clearTimeout(timer);
  });
  root.addEventListener("pointerup", (event) => {
    if (!pressed) return;
    pressed = false;
    if (event.pointerType === "touch") fire(TOUCH_SETTLE_MS);
    else fire(isClick(downAt, event) ? CLICK_SETTLE_MS : DRAG_SETTLE_MS);
  });
  root.addEventListener("keyup", (event) => {
    if (isSelectingKey(event)) fire(KEY_SETTLE_MS);
  });
  root.addEventListener("selectionchange", () => {
    if (touch && !pressed) fire(TOUCH_SETTLE_MS);
  });
}
