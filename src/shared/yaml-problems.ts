import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { hasMessage, t } from "../i18n/index.js";

// The schema's messages are read by people: French, as `config.ts` sets for the server.
z.config(z.locales.fr());

/** A problem in a YAML file, where it is (1-based line and column). */
export interface YamlProblem {
  line: number;
  column: number;
  /** The field, dotted (`dataMatrix.personal.extraterritorial`); empty for a syntax error. */
  path: string;
  message: string;
}

export type YamlReading<T> =
  | { valid: true; data: T; errors: [] }
  | { valid: false; errors: YamlProblem[] };

/**
 * The `yaml` package's error codes, said in French; the others get a general
 * sentence. The sentences were first written for the charter editor, whose
 * page shares them: they keep their `charter.syntax.*` keys.
 */
const SYNTAX_CODES = [
  "BAD_INDENT",
  "BAD_SCALAR_START",
  "BLOCK_AS_IMPLICIT_KEY",
  "BLOCK_IN_FLOW",
  "DUPLICATE_KEY",
  "MISSING_CHAR",
  "MULTILINE_IMPLICIT_KEY",
  "MULTIPLE_DOCS",
  "TAB_AS_INDENT",
  "UNEXPECTED_TOKEN",
  "BAD_DQ_ESCAPE",
] as const;

function syntaxMessage(code: string): string {
  const key = `charter.syntax.${code}`;
  return hasMessage(key) && (SYNTAX_CODES as readonly string[]).includes(code)
    ? t(key)
    : t("charter.syntax.other");
}

type Document = ReturnType<typeof parseDocument>;

/** The offset where the YAML says what `path` holds: its key, its item, or its closest existing parent. */
function offsetOf(doc: Document, path: readonly PropertyKey[]): number {
  for (let length = path.length; length > 0; length--) {
    const parent = length === 1 ? doc.contents : doc.getIn(path.slice(0, length - 1), true);
    const segment = path[length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0];
    } else if (isSeq(parent) && typeof segment === "number") {
      const item = parent.items[segment];
      if (isNode(item) && item.range) return item.range[0];
    }
  }
  return isNode(doc.contents) && doc.contents.range ? doc.contents.range[0] : 0;
}

function problemsOf(doc: Document, lines: LineCounter, issues: z.core.$ZodIssue[]) {
  const problems: YamlProblem[] = [];
  for (const issue of issues) {
    // An unknown key is reported on its map: point at the key itself.
    const paths =
      issue.code === "unrecognized_keys"
        ? issue.keys.map((key) => ({
            at: [...issue.path, key],
            message: t("charter.problem.unknown_key", { key }),
          }))
        : [
            {
              at: issue.path,
              message:
                issue.code === "invalid_type" && !doc.hasIn(issue.path)
                  ? t("charter.problem.missing", { key: issue.path.map(String).join(".") })
                  : issue.message,
            },
          ];
    for (const { at, message } of paths) {
      const { line, col } = lines.linePos(offsetOf(doc, at));
      problems.push({ line, column: col, path: at.map(String).join("."), message });
    }
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * Reads a YAML text against a zod schema: the data when it is valid, else
 * every syntax or schema problem with its line and column, in French.
 */
export function readYaml<T>(yaml: string, schema: z.ZodType<T>): YamlReading<T> {
  const lines = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      valid: false,
      errors: doc.errors.map((error) => {
        const { line, col } = lines.linePos(error.pos[0]);
        return { line, column: col, path: "", message: syntaxMessage(error.code) };
      }),
    };
  }
  const parsed = schema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) return { valid: false, errors: problemsOf(doc, lines, parsed.error.issues) };
  return { valid: true, data: parsed.data, errors: [] };
}
