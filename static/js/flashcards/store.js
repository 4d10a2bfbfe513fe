/**
 * State the Generate buttons and the panel share on one page: which sections have sets or
 * are being generated, and when the reader's cooldown ends. Changes are announced with a
 * "change" event; requests to open the panel with an "open" event.
 */
import { secondsLeft } from "./format.js";

const events = new EventTarget();
const sections = new Map();
let article = "";
let cooldownEnd = 0;
let config = null;

export function initStore(settings) {
  if (config) return config;
  config = settings;
  article = settings.article;
  for (const section of settings.sections || []) sections.set(section.id, { ...section });
  setCooldown(settings.cooldownSeconds || 0);
  return config;
}

export function getConfig() {
  return config;
}

export function section(id) {
  return sections.get(id) || { id, title: id, cached: false, generating: false };
}

export function sectionsWithSets() {
  return [...sections.values()].filter((item) => item.cached);
}

export function updateSection(id, patch) {
  sections.set(id, { ...section(id), ...patch });
  emit("change", { section: id });
}

export function setCooldown(seconds) {
  cooldownEnd = seconds > 0 ? Date.now() + seconds * 1000 : 0;
  emit("change", {});
}

export function cooldownLeft() {
  return secondsLeft(cooldownEnd, Date.now());
}

export function articleSlug() {
  return article;
}

export function on(type, handler) {
  const listener = (event) => handler(event.detail);
  events.addEventListener(type, listener);
  return () => events.removeEventListener(type, listener);
}

export function emit(type, detail) {
  events.dispatchEvent(new CustomEvent(type, { detail }));
}
