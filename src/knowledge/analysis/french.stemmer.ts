import { SuffixTable } from "./suffix-table.js";

/**
 * The Snowball French stemmer (snowballstem.org/algorithms/french, current
 * version: elisions, ë/ï marking, -oux, -ais/-aise, "ni" and "par/col/tap"
 * exceptions), written from the specification.
 *
 * Input is one word. Uppercase letters are lowercased first because the
 * algorithm uses I, U, Y and H as internal markers. The stem keeps its accents
 * (only the final é/è before consonants is unaccented, as the algorithm says);
 * fold them afterwards if the index is accent-insensitive.
 */
export function stemFrench(word: string): string {
  return stemLowercase(word.toLowerCase());
}

/** Same as {@link stemFrench} for a word already in lowercase. */
export function stemLowercase(word: string): string {
  const marked = prelude(removeElision(word));
  const stem = new Stem(marked);
  stem.run();
  return postlude(stem.word);
}

// Latin-1 vowels of the algorithm: a e i o u y â à ë é ê è ï î ô û ù.
const VOWEL_CODES = new Uint8Array(256);
for (const vowel of "aeiouyâàëéêèïîôûù") VOWEL_CODES[vowel.charCodeAt(0)] = 1;

function isVowel(character: string | undefined): boolean {
  if (character === undefined) return false;
  const code = character.charCodeAt(0);
  return code < 256 && VOWEL_CODES[code] === 1;
}

const ELISION_LETTERS = new Set(["c", "d", "j", "l", "m", "n", "s", "t"]);

function removeElision(word: string): string {
  if (word.length > 2 && word[1] === "'" && ELISION_LETTERS.has(word[0] as string)) {
    return word.slice(2);
  }
  if (word.length > 3 && word.startsWith("qu'")) return word.slice(3);
  return word;
}

/**
 * Marks u and i between vowels, y next to a vowel and u after q as consonants
 * (U, I, Y), and rewrites ë/ï as He/Hi, scanning left to right and retrying
 * the same position after each change, as `repeat goto` does.
 */
function prelude(word: string): string {
  if (!NEEDS_PRELUDE.test(word)) return word;
  // Changes are rare (zero to two in a word), so each one rebuilds the string.
  let marked = word;
  let index = 0;
  while (index < marked.length) {
    const character = marked[index];
    if (isVowel(character)) {
      const next = marked[index + 1];
      if ((next === "u" || next === "i") && isVowel(marked[index + 2])) {
        marked = replaceAt(marked, index + 1, next === "u" ? "U" : "I");
        continue;
      }
      if (next === "y") {
        marked = replaceAt(marked, index + 1, "Y");
        continue;
      }
    }
    if (character === "ë" || character === "ï") {
      marked = replaceAt(marked, index, character === "ë" ? "He" : "Hi");
      continue;
    }
    if (character === "y" && isVowel(marked[index + 1])) {
      marked = replaceAt(marked, index, "Y");
      continue;
    }
    if (character === "q" && marked[index + 1] === "u") {
      marked = replaceAt(marked, index + 1, "U");
      continue;
    }
    index += 1;
  }
  return marked;
}

function replaceAt(word: string, index: number, replacement: string): string {
  return word.slice(0, index) + replacement + word.slice(index + 1);
}

// Any of these is needed for the prelude to change something.
const NEEDS_PRELUDE = /[uiyëï]/;
const MARKERS = /He|Hi|[HIUY]/g;
const UNMARK: Record<string, string> = { He: "ë", Hi: "ï", H: "", I: "i", U: "u", Y: "y" };

function postlude(word: string): string {
  return /[HIUY]/.test(word) ? word.replace(MARKERS, (marker) => UNMARK[marker] ?? marker) : word;
}

// Suffixes as the specification writes them, with the prelude's markers (iqUe).
const STANDARD = new SuffixTable({
  deleteR2: "ance iqUe isme able iste eux ances iqUes ismes ables istes",
  ation: "atrice ateur ation atrices ateurs ations",
  logie: "logie logies",
  usion: "usion ution usions utions",
  ence: "ence ences",
  ement: "ement ements",
  ite: "ité ités",
  if: "if ive ifs ives",
  eaux: "eaux",
  aux: "aux",
  oux: "oux",
  euse: "euse euses",
  issement: "issement issements",
  amment: "amment",
  emment: "emment",
  ment: "ment ments",
});

const AFTER_EMENT = new SuffixTable({ iv: "iv", eus: "eus", abl: "abl iqU", ier: "ièr Ièr" });

const AFTER_ITE = new SuffixTable({ abil: "abil", ic: "ic", iv: "iv" });

const I_VERB = new SuffixTable({
  delete:
    "îmes ît îtes i ie ies ir ira irai iraIent irais irait iras irent irez iriez irions irons " +
    "iront is issaIent issais issait issant issante issantes issants isse issent isses issez " +
    "issiez issions issons it",
});

const VERB = new SuffixTable({
  ions: "ions",
  delete:
    "é ée ées és èrent er era erai eraIent erais erait eras erez eriez erions erons eront ez iez",
  a: "âmes ât âtes a ai aIent ait ant ante antes ants as asse assent asses assiez assions",
  ais: "ais aise aises",
  eais: "eais",
});

const RESIDUAL = new SuffixTable({ ion: "ion", ier: "ier ière Ier Ière", e: "e" });

const KEEP_WITH_S = new Set(["a", "i", "o", "u", "è", "s"]);
const OUX_ENDING = new Set(["b", "h", "j", "l", "n", "p"]);
const UNDOUBLE = /(?:enn|onn|ett|ell|eill)$/;

/** The backward steps of the algorithm on a word marked by the prelude. */
class Stem {
  word: string;
  private readonly pV: number;
  private readonly p1: number;
  private readonly p2: number;

  constructor(word: string) {
    this.word = word;
    const length = word.length;
    this.pV = markRV(word);
    this.p1 = afterVowelThenConsonant(word, 0);
    this.p2 = this.p1 >= length ? length : afterVowelThenConsonant(word, this.p1);
  }

  run(): void {
    if (this.standardSuffix() || this.iVerbSuffix() || this.verbSuffix()) {
      const last = this.word.slice(-1);
      if (last === "Y") this.replace(this.word.length - 1, "i");
      else if (last === "ç") this.replace(this.word.length - 1, "c");
    } else {
      this.residualSuffix();
    }
    if (UNDOUBLE.test(this.word)) this.cut(this.word.length - 1);
    this.unAccent();
  }

  private cut(start: number): void {
    this.word = this.word.slice(0, start);
  }

  private replace(start: number, replacement: string): void {
    this.word = this.word.slice(0, start) + replacement;
  }

  private endsWithFrom(suffix: string, limit: number): boolean {
    return this.word.length - suffix.length >= limit && this.word.endsWith(suffix);
  }

  /** Step 1. Returns false when nothing was removed, or for -ment forms that go on to step 2. */
  private standardSuffix(): boolean {
    const match = STANDARD.longest(this.word);
    if (match === undefined) return false;
    const [suffix, action] = match;
    const start = this.word.length - suffix.length;
    const { pV, p1, p2 } = this;
    switch (action) {
      case "deleteR2":
        if (start < p2) return false;
        this.cut(start);
        return true;
      case "ation":
        if (start < p2) return false;
        this.cut(start);
        this.icToIqU();
        return true;
      case "logie":
        if (start < p2) return false;
        this.replace(start, "log");
        return true;
      case "usion":
        if (start < p2) return false;
        this.replace(start, "u");
        return true;
      case "ence":
        if (start < p2) return false;
        this.replace(start, "ent");
        return true;
      case "ement":
        if (start < pV) return false;
        this.cut(start);
        this.afterEment();
        return true;
      case "ite":
        if (start < p2) return false;
        this.cut(start);
        this.afterIte();
        return true;
      case "if":
        if (start < p2) return false;
        this.cut(start);
        if (this.endsWithFrom("at", p2)) {
          this.cut(this.word.length - 2);
          this.icToIqU();
        }
        return true;
      case "eaux":
        this.replace(start, "eau");
        return true;
      case "aux":
        if (start < p1) return false;
        this.replace(start, "al");
        return true;
      case "oux":
        if (!OUX_ENDING.has(this.word[start - 1] ?? "")) return false;
        this.replace(start, "ou");
        return true;
      case "euse":
        if (start >= p2) this.cut(start);
        else if (start >= p1) this.replace(start, "eux");
        else return false;
        return true;
      case "issement":
        if (start < p1 || start === 0 || isVowel(this.word[start - 1])) return false;
        this.cut(start);
        return true;
      case "amment":
        if (start >= pV) this.replace(start, "ant");
        return false;
      case "emment":
        if (start >= pV) this.replace(start, "ent");
        return false;
      case "ment":
        if (start - 1 >= pV && isVowel(this.word[start - 1])) this.cut(start);
        return false;
    }
  }

  /** A preceding "ic" is deleted in R2, otherwise becomes "iqU". */
  private icToIqU(): void {
    if (!this.word.endsWith("ic")) return;
    const start = this.word.length - 2;
    if (start >= this.p2) this.cut(start);
    else this.replace(start, "iqU");
  }

  private afterEment(): void {
    const match = AFTER_EMENT.longest(this.word);
    if (match === undefined) return;
    const start = this.word.length - match[0].length;
    switch (match[1]) {
      case "iv":
        if (start < this.p2) return;
        this.cut(start);
        if (this.endsWithFrom("at", this.p2)) this.cut(this.word.length - 2);
        return;
      case "eus":
        if (start >= this.p2) this.cut(start);
        else if (start >= this.p1) this.replace(start, "eux");
        return;
      case "abl":
        if (start >= this.p2) this.cut(start);
        return;
      case "ier":
        if (start >= this.pV) this.replace(start, "i");
        return;
    }
  }

  private afterIte(): void {
    const match = AFTER_ITE.longest(this.word);
    if (match === undefined) return;
    const start = this.word.length - match[0].length;
    const inR2 = start >= this.p2;
    if (match[1] === "abil") {
      if (inR2) this.cut(start);
      else this.replace(start, "abl");
    } else if (match[1] === "ic") {
      if (inR2) this.cut(start);
      else this.replace(start, "iqU");
    } else if (inR2) {
      this.cut(start);
    }
  }

  /** Step 2a: -ir verb endings in RV after a non-vowel (also in RV) that is not the H marker. */
  private iVerbSuffix(): boolean {
    const match = I_VERB.longest(this.word, this.pV);
    if (match === undefined) return false;
    const start = this.word.length - match[0].length;
    const before = this.word[start - 1];
    if (start - 1 < this.pV || before === "H" || isVowel(before)) return false;
    this.cut(start);
    return true;
  }

  /** Step 2b: other verb endings in RV. */
  private verbSuffix(): boolean {
    const match = VERB.longest(this.word, this.pV);
    if (match === undefined) return false;
    const start = this.word.length - match[0].length;
    switch (match[1]) {
      case "ions":
        if (start < this.p2) return false;
        this.cut(start);
        return true;
      case "delete":
      case "eais":
        this.cut(start);
        return true;
      case "a":
        this.cut(start - 1 >= this.pV && this.word[start - 1] === "e" ? start - 1 : start);
        return true;
      case "ais": {
        // Not the adjective/noun endings of mauvais, déplais, and balais/palais/malais...
        const before = this.word.slice(0, start);
        if (before.endsWith("auv") || before.endsWith("épl")) return false;
        if (start === 3 && before.endsWith("al")) return false;
        this.cut(start);
        return true;
      }
    }
  }

  /** Step 4. */
  private residualSuffix(): void {
    const length = this.word.length;
    if (length >= 2 && this.word.endsWith("s")) {
      const before = this.word[length - 2] as string;
      if (!KEEP_WITH_S.has(before) || (before === "i" && this.word[length - 3] === "H")) {
        this.cut(length - 1);
      }
    }
    const match = RESIDUAL.longest(this.word, this.pV);
    if (match === undefined) return;
    const start = this.word.length - match[0].length;
    switch (match[1]) {
      case "ion": {
        const before = this.word[start - 1];
        if (start >= this.p2 && start - 1 >= this.pV && (before === "s" || before === "t")) {
          this.cut(start);
        }
        return;
      }
      case "ier":
        this.replace(start, "i");
        return;
      case "e":
        this.cut(start);
        return;
    }
  }

  /** Step 6: é or è followed by at least one non-vowel up to the end becomes e. */
  private unAccent(): void {
    let index = this.word.length - 1;
    while (index >= 0 && !isVowel(this.word[index])) index -= 1;
    if (index < 0 || index === this.word.length - 1) return;
    const vowel = this.word[index];
    if (vowel === "é" || vowel === "è") {
      this.word = `${this.word.slice(0, index)}e${this.word.slice(index + 1)}`;
    }
  }
}

const RV_PREFIXES = ["par", "col", "tap"];

function markRV(word: string): number {
  const length = word.length;
  if (length >= 3 && isVowel(word[0]) && isVowel(word[1])) return 3;
  for (const prefix of RV_PREFIXES) if (word.startsWith(prefix)) return 3;
  if (word.startsWith("ni") && isVowel(word[2])) return 3;
  for (let index = 1; index < length; index += 1) {
    if (isVowel(word[index])) return index + 1;
  }
  return length;
}

/** The position after the first non-vowel that follows a vowel, from `from` on. */
function afterVowelThenConsonant(word: string, from: number): number {
  const length = word.length;
  let index = from;
  while (index < length && !isVowel(word[index])) index += 1;
  while (index < length && isVowel(word[index])) index += 1;
  return index < length ? index + 1 : length;
}
