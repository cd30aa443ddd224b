import { fr, type MessageKey } from "./fr.js";

export type { MessageKey };
export type MessageParams = Record<string, string | number>;

/** Fills a catalogue message's `{name}` placeholders. Unknown placeholders stay visible. */
export function t(key: MessageKey, params: MessageParams = {}): string {
  return fr[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(fr, key);
}
