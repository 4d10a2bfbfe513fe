/**
 * "The reader has finished selecting": once per selection gesture, not on every
 * selectionchange. Mouse and pen: the pointer is released. Keyboard: a selecting key
 * (Shift+arrows, Shift+Home/End, Ctrl/Cmd+A) was released and no other followed for a moment.
 * Touch: phones move selection handles without pointer events, so the selection must rest.
 */
const KEY_SETTLE_MS = 600;
const TOUCH_SETTLE_MS = 900;
const SELECTING_KEYS = new Set([
  "ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown",
]);

export function isSelectingKey(event) {
  if (event.key === "Shift") return true;
  if (event.shiftKey && SELECTING_KEYS.has(event.key)) return true;
  return Boolean(event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "a";
}

export function onSelectionGesture(callback, { root = document } = {}) {
  let timer = null;
  let touch = false;
  let pressed = false;
  const fire = (delay) => {
    clearTimeout(timer);
    timer = setTimeout(callback, delay);
  };
  root.addEventListener("pointerdown", (event) => {
    touch = event.pointerType === "touch";
    pressed = true;
    clearTimeout(timer);
  });
  root.addEventListener("pointerup", (event) => {
    if (!pressed) return;
    pressed = false;
    fire(event.pointerType === "touch" ? TOUCH_SETTLE_MS : 30);
  });
  root.addEventListener("keyup", (event) => {
    if (isSelectingKey(event)) fire(KEY_SETTLE_MS);
  });
  root.addEventListener("selectionchange", () => {
    if (touch && !pressed) fire(TOUCH_SETTLE_MS);
  });
}
