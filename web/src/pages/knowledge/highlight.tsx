import type { ReactNode } from "react";

/** Lower case, without accents: how the search compares words. */
export const fold = (text: string) => text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");

const STOP_WORDS = new Set(
  "les des une est pour par dans sur avec aux que qui quoi comment quel quelle quels quelles ces son ses leur leurs mes mon vos votre nos notre pas plus".split(
    " ",
  ),
);

/**
 * What to highlight for a search: the query's own words, and the stems the
 * server searched with (so that "renouvellement" lights "renouveler").
 */
export function highlightTerms(
  query: string,
  stems: string[],
): { words: Set<string>; stems: string[] } {
  const words = new Set(
    fold(query)
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word.length >= 3 && !STOP_WORDS.has(word)),
  );
  return {
    words,
    stems: stems.filter((stem) => !stem.includes("_") && stem.length >= 3).map(fold),
  };
}

/** The text with each word of the search in a `<mark>`. */
export function Highlighted(props: {
  text: string;
  terms: { words: Set<string>; stems: string[] };
}) {
  const parts = props.text.split(/([\p{L}\p{N}]+)/u);
  const out: ReactNode[] = [];
  parts.forEach((part, index) => {
    const folded = fold(part);
    const hit =
      index % 2 === 1 &&
      folded.length >= 3 &&
      (props.terms.words.has(folded) || props.terms.stems.some((stem) => folded.startsWith(stem)));
    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, in order
    out.push(hit ? <mark key={index}>{part}</mark> : part);
  });
  return <>{out}</>;
}
