/**
 * The blind corpus: French texts written by people who were given only the
 * entity definitions (DEFINITIONS.md), never the recognizers. Each file
 * holds texts marked up inline:
 *
 *   === id=w1-001 register=ccas kind=personal
 *   Visite chez {{PERSON:Mme Durand}}…
 *
 * `{{TYPE:value}}` labels a value; `ORG` labels an organisation's own
 * contact details (public, never personal). Texts under `dev/` may be read
 * and used to improve the guard; texts under `holdout/` are never read
 * while tuning: only their scores are printed.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ENTITY_TYPES, type EntityType } from "../../../src/guard/entity.js";

export type BlindPart = "dev" | "holdout";
export type BlindKind = "personal" | "clean";

export interface BlindLabel {
  type: EntityType;
  start: number;
  end: number;
}

export interface BlindText {
  id: string;
  register: string;
  kind: BlindKind;
  part: BlindPart;
  text: string;
  entities: BlindLabel[];
  /** Organisations' own contact details: public, listed apart. */
  organisations: { start: number; end: number }[];
}

const HERE = dirname(fileURLToPath(import.meta.url));
const TYPES: ReadonlySet<string> = new Set(ENTITY_TYPES);
const HEADER = /^=== (.*)$/;
const MARK = /\{\{([A-Z_]+):((?:(?!\}\})[\s\S])*?)\}\}/g;

/** Parses one file; throws with the file, the text id and what is wrong. */
export function parseBlindFile(content: string, part: BlindPart, file = "?"): BlindText[] {
  const texts: BlindText[] = [];
  let header: Record<string, string> | undefined;
  let lines: string[] = [];
  const flush = () => {
    if (!header) return;
    texts.push(parseText(header, lines.join("\n").trim(), part, file));
  };
  for (const line of content.replace(/\r\n/g, "\n").split("\n")) {
    const match = HEADER.exec(line);
    if (!match) {
      if (header) lines.push(line);
      else if (line.trim()) throw new Error(`${file}: text before the first === header`);
      continue;
    }
    flush();
    header = Object.fromEntries(
      (match[1] as string)
        .trim()
        .split(/\s+/)
        .map((pair) => pair.split("=") as [string, string]),
    );
    lines = [];
  }
  flush();
  return texts;
}

function parseText(
  header: Record<string, string>,
  marked: string,
  part: BlindPart,
  file: string,
): BlindText {
  const id = header.id;
  const where = `${file}: ${id ?? "(no id)"}`;
  if (!id) throw new Error(`${where}: the header has no id=`);
  const kind = header.kind;
  if (kind !== "personal" && kind !== "clean") throw new Error(`${where}: kind= personal|clean`);
  const register = header.register;
  if (!register) throw new Error(`${where}: the header has no register=`);
  let text = "";
  const entities: BlindLabel[] = [];
  const organisations: { start: number; end: number }[] = [];
  let last = 0;
  for (const match of marked.matchAll(MARK)) {
    const type = match[1] as string;
    const value = match[2] as string;
    text += marked.slice(last, match.index);
    last = (match.index as number) + match[0].length;
    if (value !== value.trim() || value === "") {
      throw new Error(`${where}: «${value}» is empty or has spaces around it`);
    }
    if (value.includes("{{")) throw new Error(`${where}: nested labels in «${value}»`);
    const span = { start: text.length, end: text.length + value.length };
    text += value;
    if (type === "ORG") organisations.push(span);
    else if (TYPES.has(type) && type !== "NIR_INVALID") {
      entities.push({ type: type as EntityType, ...span });
    } else throw new Error(`${where}: unknown type ${type}`);
  }
  text += marked.slice(last);
  if (text.includes("{{") || text.includes("}}")) throw new Error(`${where}: a broken {{…}} label`);
  if (kind === "personal" && entities.length === 0) {
    throw new Error(`${where}: kind=personal but no label`);
  }
  if (kind === "clean" && entities.length > 0) {
    throw new Error(`${where}: kind=clean but it has personal labels`);
  }
  return { id, register, kind, part, text, entities, organisations };
}

/** Every text of one part (`dev` or `holdout`), files in name order. */
export function loadBlind(part: BlindPart, folder = join(HERE, part)): BlindText[] {
  let files: string[];
  try {
    files = readdirSync(folder).filter((name) => name.endsWith(".txt"));
  } catch {
    return [];
  }
  return files
    .sort()
    .flatMap((name) => parseBlindFile(readFileSync(join(folder, name), "utf8"), part, name));
}
