import { admin } from "./fr/admin";
import { aids } from "./fr/aids";
import { chat } from "./fr/chat";
import { common } from "./fr/common";
import { knowledge } from "./fr/knowledge";

/**
 * The page's French catalogue: one object per area of the page, merged here.
 * Another language is another folder beside `fr/` with the same keys
 * (the `Catalogue` type makes a missing key a compile error).
 * A message is a string with `{name}` parameters, or `{ one, other }` when
 * it depends on a count (French plural rules: 0 and 1 are singular).
 */
const catalogue = {
  ...common,
  ...chat,
  ...knowledge,
  ...aids,
  ...admin,
} as const;

export type MessageKey = keyof typeof catalogue;
export type Message = string | { one: string; other: string };
export type Catalogue = Record<MessageKey, Message>;

export const locale = "fr-FR";
const plural = new Intl.PluralRules(locale);
const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });

type Params = Record<string, string | number>;

function fill(text: string, params: Params): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? numbers.format(value) : value;
  });
}

/**
 * A translator for an area's own catalogue, kept out of the one above so
 * that it loads with the area's chunk, not with the first page.
 */
export function areaTranslator<K extends string>(messages: Record<K, Message>) {
  return (key: K, params: Params = {}): string => {
    const message = messages[key];
    if (typeof message === "string") return fill(message, params);
    const count = typeof params.count === "number" ? params.count : 0;
    return fill(plural.select(count) === "one" ? message.one : message.other, params);
  };
}

const translate = areaTranslator<MessageKey>(catalogue as Catalogue);

/** The message for `key`, with its parameters filled in (numbers in French notation). */
export function t(key: MessageKey, params: Params = {}): string {
  return translate(key, params);
}

/** A number in French notation, with at most `digits` decimals. */
export function formatNumber(value: number, digits = 2): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
}

/** A date and time in French ("28 nov. 2026, 14:05"). */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(iso),
  );
}

/** A size in bytes as people read it ("1,2 Mo"). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, 1)} ko`;
  return `${formatNumber(bytes / (1024 * 1024), 1)} Mo`;
}
