import type { ScanContext } from "./entity.js";

/**
 * Runs of numbers as people write them to give a phone or a card number:
 * digit groups with any separator ("06/20/48/91/33", "06 - 45 - 12",
 * "0612 845 903"), the letter O for a zero ("O6 45 12 98 O3"), numbers
 * spelled out ("zéro six, quarante-deux, dix-sept…") or mixed ("06 12
 * trente-huit 45 91"), after a "+" or "00" and a country code. Computed
 * once per scan (on the folded text), read by the recognizers of numbers.
 */

/** One group of a run: its digits as a number, where it is written. */
export interface NumberGroup {
  start: number;
  end: number;
  digits: string;
  /** Spelled out ("quarante-deux"), or written with the letter O for a zero. */
  disguised: boolean;
  /** The separator before it, as written ("" for the first group). */
  separator: string;
}

export interface NumberRun {
  start: number;
  end: number;
  groups: NumberGroup[];
  /** Written after "+" (international), or with "00" then a country code. */
  international: boolean;
  /** "(0)" was written after the country code ("+33 (0)6…"). */
  trunkZero: boolean;
}

/** Number words 0–19 and the tens, folded. */
const UNITS: Record<string, number> = {
  zero: 0,
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
};
const TENS: Record<string, number> = {
  vingt: 20,
  vingts: 20,
  trente: 30,
  quarante: 40,
  cinquante: 50,
  soixante: 60,
};

/**
 * An atom: a digit group (O allowed beside digits, not inside a word), a
 * number word, "+", "(0)", or a separator. Linear: the alternatives start
 * with different characters and each is a simple repetition.
 */
const ATOM =
  /(?<![\p{L}\p{N}])[0-9o]*[0-9][0-9o]*(?![\p{L}\p{N}])|(?<![\p{L}])(?:zero|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|et)(?![\p{L}])|\+|\(0\)/gu;
/** The same without number words: a text without "zéro" nor a number word of two digits spells out no phone. */
const DIGIT_ATOM = /(?<![\p{L}\p{N}])[0-9o]*[0-9][0-9o]*(?![\p{L}\p{N}])|\+|\(0\)/gu;
const SPELLED_CUE =
  /zero|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante/;

/** What may stand between two groups of one number: short, no letter. */
const SEPARATOR = /^(?:[ \t\u00a0\u202f]{0,2}[.\-/–_,]?[ \t\u00a0\u202f]{0,2}|[ \t\u00a0\u202f]*)$/;

/** Longest run read (groups): a number of 34 characters at most is all the recognizers want. */
const MAX_GROUPS = 24;

interface Atom {
  start: number;
  end: number;
  text: string;
}

/**
 * Reads spelled-out numbers from `atoms[index]` on: one number ("soixante-dix-huit",
 * "quatre-vingt-seize", "vingt et un") and how many atoms it took, or undefined.
 */
function spelled(
  atoms: readonly Atom[],
  index: number,
): { value: number; used: number } | undefined {
  const word = (at: number) => atoms[at]?.text ?? "";
  let at = index;
  let value: number;
  const first = word(at);
  if (first === "quatre" && (word(at + 1) === "vingt" || word(at + 1) === "vingts")) {
    value = 80;
    at += 2;
  } else if (TENS[first] !== undefined) {
    value = TENS[first] as number;
    at += 1;
  } else if (UNITS[first] !== undefined) {
    value = UNITS[first] as number;
    at += 1;
    // "dix-sept", "dix-huit", "dix-neuf".
    if (value === 10 && ["sept", "huit", "neuf"].includes(word(at))) {
      value += UNITS[word(at)] as number;
      at += 1;
    }
    return { value, used: at - index };
  } else return undefined;
  if (word(at) === "et") at += 1;
  const next = word(at);
  if (value === 60 || value === 80) {
    // "soixante-dix-huit", "quatre-vingt-onze": a number from 10 to 19 after them.
    const teen = UNITS[next];
    if (teen !== undefined && teen >= 10) {
      let add = teen;
      at += 1;
      if (teen === 10 && ["sept", "huit", "neuf"].includes(word(at))) {
        add += UNITS[word(at)] as number;
        at += 1;
      }
      return { value: value + add, used: at - index };
    }
  }
  const unit = UNITS[next];
  if (unit !== undefined && unit >= 1 && unit <= 9) {
    return { value: value + unit, used: at + 1 - index };
  }
  // A lone "et" after tens ("vingt et") is not part of the number.
  return { value, used: (word(at - 1) === "et" ? at - 1 : at) - index };
}

function runsOf(context: ScanContext): NumberRun[] {
  const folded = context.folded;
  const atoms: Atom[] = [];
  const pattern = SPELLED_CUE.test(folded) ? ATOM : DIGIT_ATOM;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(folded); match; match = pattern.exec(folded)) {
    atoms.push({ start: match.index, end: match.index + match[0].length, text: match[0] });
  }
  const runs: NumberRun[] = [];
  let run: NumberRun | undefined;
  let lastEnd = -1;
  const close = () => {
    if (run && run.groups.length > 0) runs.push(run);
    run = undefined;
  };
  for (let index = 0; index < atoms.length; ) {
    const atom = atoms[index] as Atom;
    const between = lastEnd >= 0 ? context.text.slice(lastEnd, atom.start) : "";
    const joined = run !== undefined && SEPARATOR.test(between) && run.groups.length < MAX_GROUPS;
    if (!joined) close();
    if (atom.text === "+") {
      close();
      run = { start: atom.start, end: atom.end, groups: [], international: true, trunkZero: false };
      lastEnd = atom.end;
      index += 1;
      continue;
    }
    if (atom.text === "(0)") {
      if (run?.international && run.groups.length === 1) {
        run.trunkZero = true;
        run.end = atom.end;
        lastEnd = atom.end;
      } else close();
      index += 1;
      continue;
    }
    let group: NumberGroup | undefined;
    let used = 1;
    if (/^[0-9o]+$/.test(atom.text)) {
      group = {
        start: atom.start,
        end: atom.end,
        digits: atom.text.replace(/o/g, "0"),
        disguised: atom.text.includes("o"),
        separator: joined ? between : "",
      };
    } else {
      const number = spelled(atoms, index);
      // Atoms of one spelled number are joined by hyphens or spaces only.
      if (number) {
        let contiguous = true;
        for (let at = index + 1; at < index + number.used; at += 1) {
          const gap = folded.slice((atoms[at - 1] as Atom).end, (atoms[at] as Atom).start);
          if (!/^[ -]{1,2}$/.test(gap)) contiguous = false;
        }
        if (contiguous && number.used > 0) {
          used = number.used;
          const last = atoms[index + used - 1] as Atom;
          group = {
            start: atom.start,
            end: last.end,
            digits: String(number.value),
            disguised: true,
            separator: joined ? between : "",
          };
        }
      }
    }
    if (!group) {
      close();
      lastEnd = -1;
      index += used;
      continue;
    }
    if (!run) {
      // "0033 6…", "00262 692…": a country code after "00", in its own group.
      const international =
        group.digits.startsWith("00") && (group.digits.length === 4 || group.digits.length === 5);
      run = { start: group.start, end: group.end, groups: [], international, trunkZero: false };
      if (international) group = { ...group, digits: group.digits.slice(2) };
    }
    run.groups.push(group);
    run.end = group.end;
    lastEnd = group.end;
    index += used;
  }
  close();
  return runs;
}

/** The text's runs of numbers, read once per scan. */
export const numberRunsOf = (context: ScanContext): NumberRun[] => context.memo(runsOf);

/** The run's digits from group `from` to group `to` (included). */
export function digitsOf(run: NumberRun, from: number, to: number): string {
  let digits = "";
  for (let index = from; index <= to; index += 1) digits += run.groups[index]?.digits ?? "";
  return digits;
}
