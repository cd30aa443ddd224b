import type { GroundingPassage } from "../pipeline/index.js";
import { analyse } from "./analysis/index.js";
import { questionAsks } from "./asks.js";
import { sentences } from "./chunker.js";
import { questionTerms, searchedPart } from "./terms.js";

/**
 * The sentences and list items of the best passages that answer a question,
 * for an answer without a language model.
 *
 * A passage is cut into units: sentences of its paragraphs, and list items
 * (kept as items). A short line without a final full stop before a list or
 * a paragraph is a heading inside the passage ("Horaires d'ouverture"): the
 * units under it are read with it, so "les horaires de la mairie" finds the
 * items under "Horaires d'ouverture" even though none says "horaires".
 *
 * A unit scores by the question's words it holds (each weighted by how rare
 * it is among the candidate units, so "mairie" in every line weighs little),
 * its heading's words as its own, its document's title's at half weight,
 * and by what the question asks for (`questionAsks`). The best units are taken across
 * passages; documents keep the order search gave them, and within a
 * document the passage whose sentences answer best comes first.
 */
export interface Excerpt {
  passage: GroundingPassage;
  /** The units quoted, in the passage's order; list items start with "- ". */
  lines: string[];
  score: number;
}

interface Unit {
  passage: number;
  index: number;
  text: string;
  item: boolean;
  heading: string | null;
  terms: Set<string>;
  /** The words of its heading (inside the passage, or its section's): what it is about. */
  headingTerms: Set<string>;
  /** The words of its document's title. */
  titleTerms: Set<string>;
  words: number;
}

const LIST_ITEM = /^\s*(?:[-*•–]|\d{1,2}[.)])\s+/;

/** A unit is quoted when it scores at least this share of the best one. */
const CUT = 0.5;

/** Passages read for the answer, at most. */
const CANDIDATES = 6;

/** Words quoted in all, about. */
const WORDS = 110;

/** A short line without a full stop that introduces what follows. */
const isHeading = (line: string, next: string | undefined) =>
  next !== undefined &&
  !LIST_ITEM.test(line) &&
  line.length <= 80 &&
  !/[.!?:;,]$/.test(line.trim()) &&
  line.trim().split(/\s+/).length <= 10;

function unitsOf(passage: GroundingPassage, position: number): Unit[] {
  const units: Unit[] = [];
  const lines = passage.text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const sectionHeading = passage.section?.split(" > ").at(-1) ?? null;
  let heading: string | null = sectionHeading;
  const titleTerms = new Set(analyse(passage.title ?? ""));
  lines.forEach((line, lineIndex) => {
    if (isHeading(line, lines[lineIndex + 1])) {
      heading = line;
      return;
    }
    const item = LIST_ITEM.test(line);
    const parts = item ? [line.replace(LIST_ITEM, "")] : sentences(line);
    for (const text of parts) {
      units.push({
        passage: position,
        index: units.length,
        text,
        item,
        heading,
        terms: new Set(analyse(text)),
        headingTerms: new Set(heading ? analyse(heading) : []),
        titleTerms,
        words: text.split(/\s+/).length,
      });
    }
  });
  return units;
}

/**
 * The excerpts that answer `question` from `passages` (already ranked), best
 * source first; at most `sources` passages of distinct documents.
 */
export function answerExcerpts(
  question: string,
  passages: readonly GroundingPassage[],
  sources = 3,
): Excerpt[] {
  // The answer may lie in a document's second passage ("Bon à savoir" first, the hours next).
  const top = Math.max(0, ...passages.map((passage) => passage.score));
  const candidates = passages.filter((passage) => passage.score >= top * 0.5).slice(0, CANDIDATES);
  const read = searchedPart(question);
  const terms = questionTerms(read);
  const wanted = new Map<string, string[]>(
    terms.words.map((word) => [word, [word, ...(terms.alternatives.get(word) ?? [])]]),
  );
  const asks = questionAsks(read);
  const units = candidates.flatMap((passage, position) => unitsOf(passage, position));
  // A word in every unit says little: weigh each by its rarity among the candidates' units.
  const weight = new Map<string, number>();
  for (const [word, forms] of wanted) {
    const holding = units.filter((unit) =>
      forms.some(
        (form) => unit.terms.has(form) || unit.headingTerms.has(form) || unit.titleTerms.has(form),
      ),
    ).length;
    weight.set(word, Math.log(1 + (units.length + 1) / (holding + 0.5)));
  }
  const best = Math.max(0, ...weight.values());
  const scoreOf = (unit: Unit) => {
    let own = 0;
    let about = 0;
    for (const [word, forms] of wanted) {
      const w = weight.get(word) ?? 0;
      // Its own text or heading says it; its document's title only says what it is about.
      if (forms.some((form) => unit.terms.has(form) || unit.headingTerms.has(form))) own += w;
      else if (forms.some((form) => unit.titleTerms.has(form))) about += w / 2;
    }
    const answered = asks.filter((ask) => ask.unit.test(unit.text)).length;
    // A unit of the right document that says nothing asked is not quoted.
    if (own === 0 && answered === 0) return 0;
    // What the question asks for counts as much as its best word, and decides between equals.
    return own + about + answered * best - (answered > 0 ? 0 : 0.01 * unit.words);
  };
  const scored = units
    .map((unit) => ({ unit, score: scoreOf(unit) }))
    .filter((entry) => entry.score > 0);
  // The best units, across passages, up to the words allowed.
  const chosen: typeof scored = [];
  let words = 0;
  const byPassage = new Map<number, number>();
  for (const entry of [...scored].sort(
    (a, b) => b.score - a.score || a.unit.passage - b.unit.passage || a.unit.index - b.unit.index,
  )) {
    const first = chosen[0]?.score ?? entry.score;
    if (entry.score < first * CUT) break;
    if (!byPassage.has(entry.unit.passage) && byPassage.size >= sources) continue;
    if (words > 0 && words + entry.unit.words > WORDS) continue;
    chosen.push(entry);
    words += entry.unit.words;
    byPassage.set(
      entry.unit.passage,
      Math.max(byPassage.get(entry.unit.passage) ?? 0, entry.score),
    );
  }
  const excerpts: Excerpt[] = [];
  for (const [position, score] of byPassage) {
    const picked = chosen
      .filter((entry) => entry.unit.passage === position)
      .map((entry) => entry.unit)
      .sort((a, b) => a.index - b.index);
    const lines: string[] = [];
    let heading: string | null = null;
    let last = -1;
    for (const unit of picked) {
      if (last >= 0 && unit.index !== last + 1 && !(unit.item && unit.heading === heading)) {
        lines.push("[…]");
      }
      // A list keeps its heading, so that its items say what they list.
      if (unit.item && unit.heading && unit.heading !== heading) lines.push(`${unit.heading} :`);
      heading = unit.heading;
      lines.push(unit.item ? `- ${unit.text}` : unit.text);
      last = unit.index;
    }
    excerpts.push({ passage: candidates[position] as GroundingPassage, lines, score });
  }
  // Search ranks documents better than their sentences do (it reads the whole passage, its title
  // and the words' rarity in the base): documents keep its order; within a document, the passage
  // whose sentences answer comes first ("Horaires d'ouverture" before "Bon à savoir").
  const documentRank = (excerpt: Excerpt) =>
    candidates.findIndex((passage) => passage.documentId === excerpt.passage.documentId);
  return excerpts.sort((a, b) => documentRank(a) - documentRank(b) || b.score - a.score);
}

/** An excerpt as quoted text: sentences run on, a list's heading and items one per line. */
export function quoteText(lines: readonly string[]): string {
  let text = "";
  for (const line of lines) {
    const own = line.startsWith("- ") || line.endsWith(" :");
    if (text === "") text = line;
    else text += own || text.endsWith(" :") || /\n- [^\n]*$/.test(text) ? `\n${line}` : ` ${line}`;
  }
  return text;
}
