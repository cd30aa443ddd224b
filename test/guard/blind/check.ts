/**
 * Checks a blind corpus file as its writer saves it: the markup, unique ids,
 * and the check digits of labelled identifiers (NIR key, IBAN mod 97, Luhn,
 * fiscal number mod 511), with checks written from the definitions alone.
 *
 * node --import tsx test/guard/blind/check.ts FILE [FILE…]
 */
import { readFileSync } from "node:fs";
import { basename, dirname } from "node:path";
import { type BlindPart, type BlindText, parseBlindFile } from "./load.js";

const digitsOf = (value: string) => value.replace(/[^0-9a-z]/gi, "").toUpperCase();

/** Words for digits, and the letter O for zero, as people write them to hide a number. */
const WORDS: [RegExp, string][] = [
  [/\bz[ée]ro\b/gi, "0"],
  [/\bun\b/gi, "1"],
  [/\bdeux\b/gi, "2"],
  [/\btrois\b/gi, "3"],
  [/\bquatre\b/gi, "4"],
  [/\bcinq\b/gi, "5"],
  [/\bsix\b/gi, "6"],
  [/\bsept\b/gi, "7"],
  [/\bhuit\b/gi, "8"],
  [/\bneuf\b/gi, "9"],
];

export function nirValid(value: string): boolean {
  const nir = digitsOf(value);
  const match = /^([1278]\d{4}(?:\d{2}|2A|2B)\d{6})(\d{2})$/.exec(nir);
  if (!match) return false;
  const body = (match[1] as string).replace(/^(\d{5})2A/, "$119").replace(/^(\d{5})2B/, "$118");
  return 97n - (BigInt(body) % 97n) === BigInt(match[2] as string);
}

export function ibanValid(value: string): boolean {
  const iban = digitsOf(value);
  if (!/^[A-Z]{2}\d{2}[0-9A-Z]{10,30}$/.test(iban)) return false;
  const rearranged = `${iban.slice(4)}${iban.slice(0, 4)}`.replace(/[A-Z]/g, (letter) =>
    String(letter.charCodeAt(0) - 55),
  );
  return BigInt(rearranged) % 97n === 1n;
}

export function luhnValid(value: string): boolean {
  const digits = value.replace(/\D/g, "");
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  [...digits].reverse().forEach((char, index) => {
    let digit = Number(char);
    if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  });
  return sum % 10 === 0;
}

export function fiscalValid(value: string): boolean {
  const digits = value.replace(/\D/g, "");
  if (!/^[0-3]\d{12}$/.test(digits)) return false;
  return Number(digits.slice(0, 10)) % 511 === Number(digits.slice(10));
}

/** A value spelled with words or O for zero is checked once turned back into digits. */
const spelled = (value: string) =>
  WORDS.reduce((text, [word, digit]) => text.replace(word, digit), value).replace(
    /[oO](?=[\d\s.-]|$)/g,
    "0",
  );

const CHECKS: Record<string, (value: string) => boolean> = {
  NIR: (value) => nirValid(value) || nirValid(spelled(value)),
  IBAN: ibanValid,
  CARD: (value) => luhnValid(value) || luhnValid(spelled(value)),
  FISCAL_ID: fiscalValid,
};

export function problems(texts: readonly BlindText[]): string[] {
  const found: string[] = [];
  const ids = new Set<string>();
  for (const text of texts) {
    if (ids.has(text.id)) found.push(`${text.id}: id used twice`);
    ids.add(text.id);
    for (const label of text.entities) {
      const value = text.text.slice(label.start, label.end);
      const check = CHECKS[label.type];
      if (check && !check(value))
        found.push(`${text.id}: ${label.type} «${value}» fails its check digits`);
    }
  }
  return found;
}

if (process.argv[1] && basename(process.argv[1]).startsWith("check")) {
  let failed = false;
  for (const file of process.argv.slice(2)) {
    const part = (basename(dirname(file)) === "holdout" ? "holdout" : "dev") as BlindPart;
    let texts: BlindText[];
    try {
      texts = parseBlindFile(readFileSync(file, "utf8"), part, basename(file));
    } catch (error) {
      console.log(`${file}: ${(error as Error).message}`);
      failed = true;
      continue;
    }
    const counts: Record<string, number> = {};
    for (const text of texts) {
      counts[`kind:${text.kind}`] = (counts[`kind:${text.kind}`] ?? 0) + 1;
      for (const label of text.entities) counts[label.type] = (counts[label.type] ?? 0) + 1;
      if (text.organisations.length) counts.ORG = (counts.ORG ?? 0) + text.organisations.length;
    }
    const found = problems(texts);
    console.log(`${file}: ${texts.length} texts ${JSON.stringify(counts)}`);
    for (const problem of found) console.log(`  ${problem}`);
    if (found.length) failed = true;
  }
  process.exitCode = failed ? 1 : 0;
}
