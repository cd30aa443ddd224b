import { t } from "../../i18n/index.js";
import { FRENCH_MONTH_PATTERN } from "../../shared/french-months.js";
import type { UseCase, UseCaseCheck } from "./usecase.schema.js";

/** One line of the checklist shown beside an answer. */
export interface CheckResult {
  id: string;
  label: string;
  passed: boolean;
  detail?: string;
}

/** The flags a `pattern` check may set (each line is matched on its own). */
export const PATTERN_FLAGS = "imu";
/** The answer's first characters only are checked, and each line's first characters. */
export const MAX_CHECKED = 200_000;
const MAX_LINE = 2_000;

/**
 * A definition's regular expression may come from another collectivité's
 * file: it must compile, have no back-reference, and no quantified group
 * that holds a quantifier or an alternation (`(a+)+`, `(a|ab)*`), the shapes
 * whose backtracking explodes. Matched line by line on bounded lines, an
 * accepted pattern then costs time linear in the answer.
 */
export function isSafePattern(pattern: string): boolean {
  try {
    new RegExp(pattern, "u");
  } catch {
    return false;
  }
  if (/\\[1-9]|\\k</.test(pattern)) return false;
  const groups: { risky: boolean }[] = [];
  let lastGroupRisky = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === "\\") {
      index++;
      lastGroupRisky = false;
      continue;
    }
    if (char === "[") {
      while (index < pattern.length && pattern[index] !== "]") {
        if (pattern[index] === "\\") index++;
        index++;
      }
      lastGroupRisky = false;
      continue;
    }
    const quantifier = char === "*" || char === "+" || char === "?" || char === "{";
    if (quantifier && lastGroupRisky) return false;
    if (char === "(") groups.push({ risky: false });
    else if (char === ")") {
      lastGroupRisky = groups.pop()?.risky ?? false;
      const parent = groups[groups.length - 1];
      if (parent && lastGroupRisky) parent.risky = true;
      continue;
    } else if (quantifier || char === "|") {
      const current = groups[groups.length - 1];
      if (current) current.risky = true;
    }
    lastGroupRisky = false;
  }
  return true;
}

/** Known abbreviations and names of French codes, as a reference may cite them. */
export const LEGAL_CODES = [
  "CGCT",
  "CCP",
  "CSS",
  "CASF",
  "C. urb.",
  "CGI",
  "C. env.",
  "CGPPP",
  "CRPA",
  "CCH",
  "CSP",
  "CGFP",
  "C. trav.",
  "C. route",
  "C. éduc.",
  "C. patr.",
  "C. civ.",
  "code général des collectivités territoriales",
  "code de la commande publique",
  "code de la sécurité sociale",
  "code de l'action sociale et des familles",
  "code de l'urbanisme",
  "code général des impôts",
  "code de l'environnement",
  "code général de la propriété des personnes publiques",
  "code des relations entre le public et l'administration",
  "code de la construction et de l'habitation",
  "code de la santé publique",
  "code général de la fonction publique",
  "code du travail",
  "code de la route",
  "code de l'éducation",
  "code du patrimoine",
  "code civil",
] as const;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const CODE_NAMES = [...LEGAL_CODES].sort((a, b) => b.length - a.length).map(escapeRegExp);
/** `article L. 2121-29`, `articles R.123-4`, `art. D 5`: a letter, then a number. */
const REFERENCE = /\bart(?:icles?|\.)\s+([A-Z]{1,3})\s?\.?\s?(\d[\d-]*)/g;
/** What may follow the number: more numbers of the same code, then `du CGCT`. */
const REFERENCE_TAIL = new RegExp(
  `^(?:\\s*(?:,|et|à)\\s*[LRD]\\s?\\.?\\s?\\d+(?:-\\d+)*)*\\s+(?:du|de la|de l'|des)\\s+(?:${CODE_NAMES.join("|")})(?![\\p{L}\\d])`,
  "iu",
);

/** Or the code named just before: `le code général des collectivités territoriales, notamment son article L. 2121-29`. */
const REFERENCE_HEAD = new RegExp(
  `(?:${CODE_NAMES.join("|")})\\s*,?\\s*(?:et\\s+)?(?:notamment\\s+)?(?:en\\s+)?(?:son|ses)\\s+$`,
  "iu",
);

const DATE = new RegExp(
  `(?:^|[^\\d])(?:1er|[0-3]?\\d)\\s+(?:${FRENCH_MONTH_PATTERN})\\s+\\d{4}|\\b[0-3]?\\d/[01]?\\d/\\d{4}\\b`,
  "iu",
);
const ARTICLE = /^article\s+(\d{1,3})(?:er)?(?![\p{L}\d])/iu;
const PERCENT = /(\d{1,3}(?:[.,]\d+)?)\s?%/g;

/** A line as a heading reads: without Markdown marks, numbering or case. */
const headingOf = (line: string) =>
  line
    .slice(0, MAX_LINE)
    .trim()
    .replace(/^[#*_>\-\s\d.)]+/, "")
    .replace(/^[IVX]+[.)]\s+/, "")
    .toLocaleLowerCase("fr");

const opens = (line: string, heading: string) =>
  headingOf(line).startsWith(heading.toLocaleLowerCase("fr"));

const numberFormat = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });

function runCheck(
  check: UseCaseCheck,
  text: string,
  lines: string[],
): Omit<CheckResult, "id" | "label"> {
  switch (check.kind) {
    case "section-present":
      return { passed: lines.some((line) => opens(line, check.section)) };
    case "pattern": {
      const pattern = new RegExp(check.pattern, `g${check.flags}`);
      let count = 0;
      for (const line of lines) count += line.slice(0, MAX_LINE).match(pattern)?.length ?? 0;
      const passed = count >= check.min && (check.max === undefined || count <= check.max);
      return passed ? { passed } : { passed, detail: t("usecase.check.count", { count }) };
    }
    case "numbered-articles": {
      let start = 0;
      if (check.after) {
        const after = check.after;
        start = lines.findIndex((line) => opens(line, after));
        if (start < 0)
          return { passed: false, detail: t("usecase.check.after_missing", { after }) };
      }
      const numbers: number[] = [];
      for (const line of lines.slice(start)) {
        const found = ARTICLE.exec(headingOf(line));
        if (found) numbers.push(Number(found[1]));
      }
      if (numbers.length < check.min)
        return {
          passed: false,
          detail: t("usecase.check.articles_few", { count: numbers.length }),
        };
      const inOrder = numbers.every((number, index) => number === index + 1);
      return inOrder
        ? { passed: true }
        : {
            passed: false,
            detail: t("usecase.check.articles_order", { numbers: numbers.join(", ") }),
          };
    }
    case "legal-reference": {
      const malformed: string[] = [];
      let wellFormed = 0;
      for (const match of text.matchAll(REFERENCE)) {
        const [whole, letter = "", number = ""] = match;
        const tail = text.slice(match.index + whole.length, match.index + whole.length + 160);
        const head = text.slice(Math.max(0, match.index - 120), match.index);
        const valid =
          /^[LRD]$/.test(letter) &&
          /^\d+(?:-\d+)*$/.test(number) &&
          (REFERENCE_TAIL.test(tail) || REFERENCE_HEAD.test(head));
        if (valid) wellFormed++;
        else if (malformed.length < 5) malformed.push(`« ${whole.trim()} »`);
      }
      if (malformed.length > 0)
        return {
          passed: false,
          detail: t("usecase.check.references_malformed", { references: malformed.join(", ") }),
        };
      return wellFormed >= check.min
        ? { passed: true }
        : {
            passed: false,
            detail: t("usecase.check.references_few", { count: wellFormed, min: check.min }),
          };
    }
    case "date-present":
      return { passed: lines.some((line) => DATE.test(line.slice(0, MAX_LINE))) };
    case "max-words": {
      const count = text.match(/\S+/g)?.length ?? 0;
      return count <= check.max
        ? { passed: true }
        : { passed: false, detail: t("usecase.check.words", { count, max: check.max }) };
    }
    case "weights-sum": {
      const start = lines.findIndex((line) => opens(line, check.section));
      if (start < 0)
        return {
          passed: false,
          detail: t("usecase.check.section_missing", { section: check.section }),
        };
      let sum = 0;
      for (const line of lines.slice(start + 1)) {
        if (/^\s*#/.test(line)) break;
        for (const match of line.slice(0, MAX_LINE).matchAll(PERCENT))
          sum += Number((match[1] ?? "0").replace(",", "."));
      }
      return Math.abs(sum - check.total) < 0.01
        ? { passed: true }
        : {
            passed: false,
            detail: t("usecase.check.weights", {
              sum: numberFormat.format(sum),
              total: numberFormat.format(check.total),
            }),
          };
    }
  }
}

/** Runs a use case's checks on an answer: its checklist, in the definition's order. */
export function runChecks(useCase: Pick<UseCase, "checks">, answer: string): CheckResult[] {
  const text = answer.slice(0, MAX_CHECKED);
  const lines = text.split("\n");
  return useCase.checks.map((check) => ({
    id: check.id,
    label: check.label,
    ...runCheck(check, text, lines),
  }));
}
