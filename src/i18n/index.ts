import { en } from "./en.js";
import { fr, type MessageKey } from "./fr.js";

export type { MessageKey };
export type MessageParams = Record<string, string | number>;

const fill = (message: string, params: MessageParams) =>
  message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );

/** Fills a catalogue message's `{name}` placeholders. Unknown placeholders stay visible. */
export function t(key: MessageKey, params: MessageParams = {}): string {
  return fill(fr[key], params);
}

/** The languages the API's errors are written in: French, and English for API clients that ask. */
export type Language = "fr" | "en";

/** A message in `language` when the catalogue has it there (English: the errors), else in French. */
export function tIn(language: Language, key: MessageKey, params: MessageParams = {}): string {
  const english = language === "en" ? (en as Record<string, string>)[key] : undefined;
  return fill(english ?? fr[key], params);
}

/**
 * The language an `Accept-Language` header prefers between French and English
 * (French when it names neither, or ties): `en-GB,en;q=0.9` → en, `fr-FR,en;q=0.8` → fr.
 */
export function preferredLanguage(header: string | undefined): Language {
  let best: { language: Language; quality: number } = { language: "fr", quality: 0 };
  for (const part of (header ?? "").split(",").slice(0, 20)) {
    const [tag = "", ...parameters] = part.trim().toLowerCase().split(";");
    const language = tag.split("-")[0];
    if (language !== "fr" && language !== "en") continue;
    const q = parameters.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    const quality = q === undefined ? 1 : Number(q);
    if (quality > best.quality || (quality === best.quality && language === "fr")) {
      best = { language, quality };
    }
  }
  return best.language;
}

/** A hosting class as sentences name it: local, souverain, extraterritorial. */
export const sovereigntyName = (sovereignty: "local" | "sovereign" | "extraterritorial") =>
  t(`sovereignty.${sovereignty}`);

export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(fr, key);
}
