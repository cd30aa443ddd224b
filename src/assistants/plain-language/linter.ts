import { findJargon, type JargonFinding } from "./jargon.js";
import { measure, type ReadabilityMeasures } from "./readability.js";
import { MAX_TEXT_LENGTH } from "./text.js";

export interface FlaggedSentence {
  start: number;
  end: number;
  words: number;
}

export interface PassiveSentence extends FlaggedSentence {
  /** Offsets of the form of « être » and of the participle. */
  auxiliary: { start: number; end: number };
  participle: { start: number; end: number };
  /** Whether « par » names who acts: the sentence can be turned around. */
  agent: boolean;
}

/** The plain-language baseline's result: no model is involved. */
export interface PlainLanguageLint {
  measures: ReadabilityMeasures;
  jargon: JargonFinding[];
  longSentences: FlaggedSentence[];
  passiveSentences: PassiveSentence[];
  /** The text with the jargon replaced by the plain words: a draft to re-read. */
  rewrite: string;
  /** The measures of the rewrite; null when the acronyms spelled out made it longer than the limit. */
  rewriteMeasures: ReadabilityMeasures | null;
}

/**
 * The langage clair use case's non-generative baseline: the readability
 * measures, the jargon found with its plain words, the long and passive
 * sentences with their positions, and a rewrite that applies the jargon
 * list. The rewrite keeps the case of the replaced expression's first
 * letter; an acronym is spelled out at its first use only (« caisse
 * d'allocations familiales (CAF) »), capitalised at a sentence's start.
 * Sentences are not shortened nor turned to the active voice: that takes
 * understanding, which this baseline leaves to the agent (or to the model).
 */
export function lintPlainLanguage(
  text: string,
  options: { longSentenceWords?: number } = {},
): PlainLanguageLint {
  const readability = measure(text, options);
  const jargon = findJargon(text);
  const sentenceStarts = new Set(readability.sentences.map((sentence) => sentence.start));
  const rewrite = applyJargon(text, jargon, sentenceStarts);
  return {
    measures: readability.measures,
    jargon,
    longSentences: readability.sentences
      .filter((sentence) => sentence.long)
      .map(({ start, end, words }) => ({ start, end, words })),
    passiveSentences: readability.sentences.flatMap(({ start, end, words, passive }) =>
      passive === undefined ? [] : [{ start, end, words, ...passive }],
    ),
    rewrite,
    rewriteMeasures: rewrite.length > MAX_TEXT_LENGTH ? null : measure(rewrite, options).measures,
  };
}

function applyJargon(text: string, jargon: JargonFinding[], sentenceStarts: Set<number>): string {
  const spelledOut = new Set<string>();
  let out = "";
  let from = 0;
  for (const finding of jargon) {
    let replacement: string;
    if (finding.acronym) {
      if (spelledOut.has(finding.term)) continue;
      spelledOut.add(finding.term);
      replacement = sentenceStarts.has(finding.start) ? capitalise(finding.plain) : finding.plain;
    } else {
      const first = finding.expression.charAt(0);
      const upper = first !== first.toLowerCase();
      replacement = upper ? capitalise(finding.plain) : finding.plain;
    }
    out += text.slice(from, finding.start) + replacement;
    from = finding.end;
  }
  return out + text.slice(from);
}

const capitalise = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);
