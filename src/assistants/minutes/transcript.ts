import { DocumentRejected, type ParseLimits, parseDocument } from "../../knowledge/index.js";
import { decodeWindows1252 } from "../../shared/text-encoding.js";

/** One speaker's turn, one note or one paragraph of a meeting's record, in reading order. */
export interface SpeakerTurn {
  speaker?: string;
  /** Seconds from the start of the recording (WebVTT cue, `[00:12:03]` stamp). */
  start?: number;
  text: string;
  /** 1-based line of the text or WebVTT file, or paragraph of the DOCX, where the turn begins. */
  line: number;
  /** A bulleted or numbered note: a short item, often an action in the infinitive. */
  bullet?: true;
  /** The heading the turn stands under (« Décisions », « Actions à mener »…), when there is one. */
  section?: string;
}

export interface Transcript {
  format: "vtt" | "text" | "docx";
  turns: SpeakerTurn[];
  /** Some turn was longer than `maxTurnCharacters` and was cut. */
  truncated: boolean;
}

export interface TranscriptLimits {
  /** Largest text or WebVTT file, in bytes. */
  maxTextBytes: number;
  /** Largest DOCX file, in bytes (its inflated size is bounded by the DOCX parser). */
  maxDocxBytes: number;
  /** Most turns a transcript may hold (`too_many_turns` past it). */
  maxTurns: number;
  /** Longest turn kept, in characters; a longer one is cut (`truncated`). */
  maxTurnCharacters: number;
}

/** A day-long meeting transcribed is some 100,000 words: 2 MB leaves room, not much more. */
export const DEFAULT_TRANSCRIPT_LIMITS: TranscriptLimits = {
  maxTextBytes: 2 * 1024 * 1024,
  maxDocxBytes: 10 * 1024 * 1024,
  maxTurns: 20_000,
  maxTurnCharacters: 20_000,
};

export type TranscriptRejectionCode =
  | "too_large"
  | "unsupported_type"
  | "corrupt_file"
  | "empty_transcript"
  | "too_many_turns";

/** A transcript that cannot be read; each code has a sentence `minutes.rejected.<code>` in src/i18n/fr.ts. */
export class TranscriptRejected extends Error {
  constructor(readonly code: TranscriptRejectionCode) {
    super(code);
    this.name = "TranscriptRejected";
  }
}

/**
 * Reads a meeting's notes or transcript into turns: WebVTT (`.vtt`, or text that starts with
 * `WEBVTT`), DOCX (through the knowledge parsers, with their zip and nesting limits), else plain
 * text. Size is checked first; every step after is one pass over the text.
 */
export async function readTranscript(
  bytes: Uint8Array,
  fileName: string,
  limits: TranscriptLimits = DEFAULT_TRANSCRIPT_LIMITS,
): Promise<Transcript> {
  if (bytes.byteLength === 0) throw new TranscriptRejected("empty_transcript");
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (isZip || /\.docx$/i.test(fileName)) {
    if (bytes.byteLength > limits.maxDocxBytes) throw new TranscriptRejected("too_large");
    return finish("docx", await docxLines(bytes, limits), limits);
  }
  if (bytes.byteLength > limits.maxTextBytes) throw new TranscriptRejected("too_large");
  const text = decode(bytes);
  if (/\.vtt$/i.test(fileName) || /^WEBVTT(?:[ \t\r\n]|$)/.test(text)) {
    return finish("vtt", parseVtt(text, limits), limits);
  }
  return finish("text", parseNotes(text.split(/\r\n|\r|\n/), limits), limits);
}

function finish(
  format: Transcript["format"],
  turns: SpeakerTurn[],
  limits: TranscriptLimits,
): Transcript {
  if (turns.length === 0) throw new TranscriptRejected("empty_transcript");
  let truncated = false;
  for (const turn of turns) {
    if (turn.text.length > limits.maxTurnCharacters) {
      turn.text = `${turn.text.slice(0, limits.maxTurnCharacters)}…`;
      truncated = true;
    }
  }
  return { format, turns, truncated };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function decode(bytes: Uint8Array): string {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = decodeWindows1252(bytes);
  }
  if (text.includes("\u0000")) throw new TranscriptRejected("unsupported_type");
  return text.replace(/^\ufeff/, "");
}

async function docxLines(bytes: Uint8Array, limits: TranscriptLimits): Promise<SpeakerTurn[]> {
  const parseLimits: ParseLimits = {
    maxFileBytes: limits.maxDocxBytes,
    maxInflatedBytes: 10 * limits.maxDocxBytes,
    maxCompressionRatio: 100,
    maxNestingDepth: 256,
    maxTextCharacters: limits.maxTextBytes,
  };
  let blocks: { kind: string; text: string }[];
  try {
    blocks = (await parseDocument(bytes, "transcript.docx", parseLimits)).document.blocks;
  } catch (error) {
    if (!(error instanceof DocumentRejected)) throw error;
    if (error.code === "empty_document") throw new TranscriptRejected("empty_transcript");
    if (error.code === "too_large" || error.code === "too_much_text") {
      throw new TranscriptRejected("too_large");
    }
    if (error.code === "unsupported_type") throw new TranscriptRejected("unsupported_type");
    throw new TranscriptRejected("corrupt_file");
  }
  // Each DOCX paragraph is a unit of its own: a blank line between them keeps them apart.
  const lines: string[] = [];
  for (const block of blocks) {
    if (block.kind === "heading") lines.push(`# ${block.text}`);
    else if (block.kind === "list-item") lines.push(`- ${block.text}`);
    else lines.push(block.text);
    lines.push("");
  }
  return parseNotes(lines, limits, (index) => index / 2 + 1);
}

// ——— WebVTT ———

const TIMING = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})[.,](\d{1,3})[ \t]+-->/;

/**
 * WebVTT: the header, NOTE, STYLE and REGION blocks are skipped; a cue's start comes from its
 * timing line, its speaker from a `<v Name>` voice tag or a leading `Name:`; other tags go.
 */
export function parseVtt(text: string, limits: TranscriptLimits): SpeakerTurn[] {
  const lines = text.split(/\r\n|\r|\n/);
  const turns: SpeakerTurn[] = [];
  let index = 0;
  while (index < lines.length) {
    while (index < lines.length && isBlank(lines[index] as string)) index++;
    const blockStart = index;
    while (index < lines.length && !isBlank(lines[index] as string)) index++;
    if (blockStart === index) break;
    const block = lines.slice(blockStart, index);
    const first = block[0] as string;
    if (/^(?:WEBVTT|NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first)) continue;
    const timingAt = block.findIndex((line) => line.includes("-->"));
    if (timingAt < 0 || timingAt > 1) continue;
    const timing = TIMING.exec((block[timingAt] as string).trim());
    const payload = block.slice(timingAt + 1).join(" ");
    const { voice, text: cueText } = readCuePayload(payload);
    let speaker = voice;
    let said = cueText;
    if (!speaker) {
      const prefixed = speakerPrefix(said);
      if (prefixed) ({ speaker, text: said } = prefixed);
    }
    said = collapse(said);
    if (said === "") continue;
    const turn: SpeakerTurn = { text: said, line: blockStart + 1 };
    if (speaker) turn.speaker = speaker;
    if (timing) turn.start = seconds(timing[1], timing[2], timing[3], timing[4]);
    turns.push(turn);
    if (turns.length > limits.maxTurns) throw new TranscriptRejected("too_many_turns");
  }
  return turns;
}

const isBlank = (line: string) => line.trim() === "";

function seconds(
  hours: string | undefined,
  minutes: string | undefined,
  secs: string | undefined,
  fraction?: string,
): number {
  const whole = Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(secs ?? 0);
  return fraction ? whole + Number(`0.${fraction}`) : whole;
}

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&nbsp;": " ",
  "&lrm;": "",
  "&rlm;": "",
  "&quot;": '"',
  "&apos;": "'",
};

/**
 * Strips a cue's tags in one pass: each `<` looks for its `>` once, and a `<` with none ends
 * the search, so a line of `<` without `>` costs its length, not its square.
 */
function readCuePayload(payload: string): { voice?: string; text: string } {
  let out = "";
  let voice: string | undefined;
  let position = 0;
  while (position < payload.length) {
    const open = payload.indexOf("<", position);
    if (open < 0) break;
    const close = payload.indexOf(">", open + 1);
    if (close < 0) break;
    out += payload.slice(position, open);
    const tag = payload.slice(open + 1, close);
    if (voice === undefined && /^v[.\s]/.test(tag)) {
      const name = collapse(tag.replace(/^v(?:\.[^\s]*)?/, ""));
      if (name !== "") voice = name.slice(0, 80);
    }
    position = close + 1;
  }
  out += payload.slice(position);
  const text = out.replace(
    /&(?:amp|lt|gt|nbsp|lrm|rlm|quot|apos);/g,
    (entity) => ENTITIES[entity] ?? "",
  );
  return voice === undefined ? { text } : { voice, text };
}

// ——— Notes and plain transcripts ———

const BULLET = /^(?:[-*•–—▪◦·]|\d{1,3}[.)]|[a-z][.)])[ \t]+/u;
const STAMP = /^[[(]?(?:(\d{1,2}):)?(\d{1,2}):(\d{2})[\])]?[ \t]*(?:[-–—][ \t]*)?/;
const MARKDOWN_HEADING = /^#{1,6}[ \t]+/;
/**
 * Labels that stand before a colon in notes and are not people: « Action : relancer »,
 * « Décision : … », « Date : … ». Compared in lower case, accents kept.
 */
const LABELS = new Set([
  "action",
  "actions",
  "à faire",
  "décision",
  "décisions",
  "question",
  "questions",
  "note",
  "notes",
  "nb",
  "date",
  "lieu",
  "heure",
  "objet",
  "ordre du jour",
  "point",
  "remarque",
  "rappel",
  "échéance",
  "délai",
  "qui",
  "quand",
  "quoi",
  "présents",
  "présentes",
  "participants",
  "participantes",
  "étaient présents",
  "absents",
  "excusés",
  "excusées",
  "absents excusés",
  "secrétaire de séance",
  "rédacteur",
  "rédactrice",
  "conclusion",
  "suite à donner",
  "suites à donner",
  "prochaine réunion",
  "relevé de décisions",
  "compte rendu",
  "todo",
  "info",
  "information",
  "vote",
  "résultat",
  "pour",
  "contre",
  "abstention",
  "abstentions",
  "budget",
  "coût",
  "montant",
  "total",
]);

/** `Name : text` or `Name: text`, where the name is short and looks like a name or a role. */
export function speakerPrefix(line: string): { speaker: string; text: string } | null {
  const colon = line.indexOf(":");
  if (colon <= 0 || colon > 60) return null;
  const name = line.slice(0, colon).trim();
  const text = line.slice(colon + 1).trim();
  if (name === "" || text === "" || /^\/\//.test(line.slice(colon + 1))) return null;
  if (LABELS.has(name.toLowerCase())) return null;
  // A name or a role: up to five words, starting with a capital, no sentence punctuation.
  if (!/^[\p{Lu}][\p{L}\p{M}'’.\- ]*$/u.test(name) || name.split(/\s+/).length > 5) return null;
  if (/[.]\s*$/.test(name) && !/^(?:M|Mme|Mmes|MM|Dr|Me)\.?$/u.test(name.split(" ")[0] as string)) {
    return null;
  }
  return { speaker: name, text };
}

/** A short line that heads what follows: « Décisions : », « ACTIONS », « ## Points divers ». */
function sectionHeading(line: string): string | null {
  if (MARKDOWN_HEADING.test(line)) return line.replace(MARKDOWN_HEADING, "").replace(/:\s*$/, "");
  if (line.length > 60) return null;
  if (/^[^:]{2,58}:$/.test(line)) return line.slice(0, -1).trim();
  if (
    line.length >= 3 &&
    /\p{Lu}/u.test(line) &&
    line === line.toUpperCase() &&
    !/\d{2}/.test(line)
  ) {
    return line;
  }
  return null;
}

const collapse = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * Notes or a plain transcript, line by line. A `Name : text` line (after an optional
 * `[00:12:03]` stamp) opens a speaker's turn and the lines that follow it, up to a blank
 * line, continue it; a bulleted line is a note of its own; a heading names the section of the
 * notes under it; another line continues the turn before it only when it starts in lower case
 * (a wrapped line), else it is a paragraph of its own.
 */
export function parseNotes(
  lines: string[],
  limits: TranscriptLimits,
  lineNumber: (index: number) => number = (index) => index + 1,
): SpeakerTurn[] {
  const turns: SpeakerTurn[] = [];
  let open: SpeakerTurn | null = null;
  let section: string | undefined;
  const push = (turn: SpeakerTurn) => {
    if (section !== undefined) turn.section = section;
    turns.push(turn);
    if (turns.length > limits.maxTurns) throw new TranscriptRejected("too_many_turns");
    open = turn;
  };
  lines.forEach((raw, index) => {
    let line = collapse(raw);
    if (line === "") {
      open = null;
      return;
    }
    const heading = sectionHeading(line);
    if (heading !== null && heading !== "") {
      section = heading.slice(0, 80);
      open = null;
      return;
    }
    let start: number | undefined;
    const stamp = STAMP.exec(line);
    if (stamp && stamp[0].length < line.length) {
      start = seconds(stamp[1], stamp[2], stamp[3]);
      line = line.slice(stamp[0].length);
    }
    const where = lineNumber(index);
    const bullet = BULLET.exec(line);
    if (bullet) {
      // « - Éclairage : à revoir » names a topic far more often than a speaker.
      const turn: SpeakerTurn = { text: line.slice(bullet[0].length), line: where, bullet: true };
      if (start !== undefined) turn.start = start;
      push(turn);
      return;
    }
    const prefixed = speakerPrefix(line);
    if (prefixed) {
      const turn: SpeakerTurn = { speaker: prefixed.speaker, text: prefixed.text, line: where };
      if (start !== undefined) turn.start = start;
      push(turn);
      return;
    }
    const current = open as SpeakerTurn | null;
    const isLabel =
      /^[^:]{1,40}:/.test(line) && LABELS.has((line.split(":")[0] ?? "").trim().toLowerCase());
    if (
      current &&
      start === undefined &&
      !isLabel &&
      (current.speaker || /^[\p{Ll}]/u.test(line))
    ) {
      current.text = `${current.text} ${line}`;
      return;
    }
    const turn: SpeakerTurn = { text: line, line: where };
    if (start !== undefined) turn.start = start;
    push(turn);
  });
  return turns;
}
