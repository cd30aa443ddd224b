import { JARGON, type JargonEntry } from "./jargon.fr.js";
import { assertMeasurable, fold } from "./text.js";

/** An expression of the jargon list found in a text. */
export interface JargonFinding {
  start: number;
  end: number;
  /** The expression as written in the text. */
  expression: string;
  /** The list's entry it matched, and the plain words suggested. */
  term: string;
  plain: string;
  acronym: boolean;
}

interface Compiled {
  entry: JargonEntry;
  tokens: string[];
}

const TOKEN = /[\p{L}\p{N}]+/gu;
/** What may stand between two words of one expression: spaces, an apostrophe, a hyphen. */
const JOINER = /^[\s'-]+$/u;

/**
 * The list, indexed by its entries' first word (folded), the longest entries
 * first, so that « nonobstant toute disposition contraire » wins over « nonobstant ».
 */
function compile(entries: readonly JargonEntry[]): Map<string, Compiled[]> {
  const index = new Map<string, Compiled[]>();
  for (const entry of entries) {
    const tokens = fold(entry.term).match(TOKEN) ?? [];
    const first = tokens[0];
    if (first === undefined) continue;
    const list = index.get(first) ?? [];
    list.push({ entry, tokens });
    index.set(first, list);
  }
  for (const list of index.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return index;
}

const SHIPPED = compile(JARGON);

/**
 * The jargon in a text: whole words only (« inopérant » is not found in
 * « inopérante »), accents and case aside, the longest expression first and
 * matches never overlapping; an acronym only as written in the list
 * (« RSA », not « rsa »). One pass over the words, each trying the few
 * entries that start with it: linear in the text.
 */
export function findJargon(text: string, entries?: readonly JargonEntry[]): JargonFinding[] {
  assertMeasurable(text);
  const index = entries === undefined ? SHIPPED : compile(entries);
  const folded = fold(text);
  const tokens = [...folded.matchAll(TOKEN)].map((match) => ({
    text: match[0],
    start: match.index,
    end: match.index + match[0].length,
  }));
  const findings: JargonFinding[] = [];
  for (let i = 0; i < tokens.length; ) {
    const candidates = index.get(tokens[i]?.text ?? "") ?? [];
    const matched = candidates.find((candidate) => matchesAt(text, folded, tokens, i, candidate));
    if (matched === undefined) {
      i++;
      continue;
    }
    const start = tokens[i]?.start ?? 0;
    const end = tokens[i + matched.tokens.length - 1]?.end ?? start;
    findings.push({
      start,
      end,
      expression: text.slice(start, end),
      term: matched.entry.term,
      plain: matched.entry.plain,
      acronym: matched.entry.acronym === true,
    });
    i += matched.tokens.length;
  }
  return findings;
}

function matchesAt(
  text: string,
  folded: string,
  tokens: { text: string; start: number; end: number }[],
  at: number,
  candidate: Compiled,
): boolean {
  for (let k = 0; k < candidate.tokens.length; k++) {
    const token = tokens[at + k];
    if (token === undefined || token.text !== candidate.tokens[k]) return false;
    const previous = tokens[at + k - 1];
    if (k > 0 && previous !== undefined && !JOINER.test(folded.slice(previous.end, token.start))) {
      return false;
    }
  }
  if (candidate.entry.acronym !== true) return true;
  const start = tokens[at]?.start ?? 0;
  const end = tokens[at + candidate.tokens.length - 1]?.end ?? 0;
  return text.slice(start, end) === candidate.entry.term;
}
