import { createHash } from "node:crypto";
import { decodeText, normalizeWhitespace } from "../../knowledge/index.js";
import { LoopTurns } from "../../shared/loop-turns.js";
import { streamMarkup } from "../../shared/markup-stream.js";
import { WatchFetchFailed } from "./fetch.js";

/** One new item of a feed, or what changed on a page, as text. */
export interface WatchedItem {
  /** Stable across readings: the feed's id, else its link, else its title and date (hashed). */
  key: string;
  title: string;
  link: string | null;
  /** ISO date the source gives, when it gives a valid one. */
  publishedAt: string | null;
  text: string;
}

export interface WatchReadLimits {
  /** Items kept from one reading of a feed (the first ones: feeds list the newest first). */
  maxItems: number;
  /** Characters kept of an item's text. */
  maxItemCharacters: number;
  /** Paragraphs of an item's HTML kept. */
  maxParagraphs: number;
}

export const DEFAULT_READ_LIMITS: WatchReadLimits = {
  maxItems: 200,
  maxItemCharacters: 10_000,
  maxParagraphs: 1_000,
};

/** Nesting past which elements are not opened: feeds nest a few levels, pages a few dozen. */
const MAX_DEPTH = 128;
const TITLE_CHARACTERS = 500;
const LINK_CHARACTERS = 2_000;

/** One event-loop turn taker for every reading in the process (see `LoopTurns`). */
const turns = new LoopTurns();

/** A source's bytes as text, or `unreadable` (binary, or not text at all). */
export function watchedText(body: Uint8Array): string {
  try {
    return decodeText(body);
  } catch {
    throw new WatchFetchFailed("unreadable");
  }
}

/** The parsers' whitespace rule (spaces folded, invisible characters dropped), then a cut. */
const clean = (text: string, max: number) => normalizeWhitespace(text).slice(0, max);

/** Element names that hold an item's fields, whatever the feed's flavour (prefixes kept). */
const ITEM = new Set(["item", "entry"]);
const FIELDS: Record<string, keyof RawItem> = {
  title: "title",
  link: "link",
  guid: "id",
  id: "id",
  pubdate: "date",
  published: "date",
  updated: "updated",
  "dc:date": "date",
  description: "summary",
  summary: "summary",
  content: "content",
  "content:encoded": "content",
};

interface RawItem {
  title: string;
  link: string;
  id: string;
  date: string;
  updated: string;
  summary: string;
  content: string;
}

/**
 * Reads an RSS 2.0, RSS 1.0 (RDF) or Atom feed into its items: their text
 * whatever the markup (HTML escaped in a description, CDATA, XHTML content),
 * at most `maxItems`, each text cut at `maxItemCharacters`. A document whose
 * root is none of these is `not_a_feed`.
 */
export async function readFeed(
  text: string,
  limits: WatchReadLimits = DEFAULT_READ_LIMITS,
): Promise<{ title: string; items: WatchedItem[] }> {
  const raw: RawItem[] = [];
  let root: string | undefined;
  let feedTitle = "";
  let item: RawItem | undefined;
  /** The field being read, and how deep under it (XHTML content nests elements). */
  let field: { name: keyof RawItem; depth: number; html: boolean } | undefined;
  let inChannelTitle = false;
  await streamMarkup(
    text,
    {
      open(name, attributes) {
        root ??= name;
        if (field) {
          field.depth++;
          // XHTML content: a block element ends a sentence.
          if (item) item[field.name] += " ";
          return;
        }
        if (ITEM.has(name)) {
          if (raw.length < limits.maxItems) {
            item = { title: "", link: "", id: "", date: "", updated: "", summary: "", content: "" };
            raw.push(item);
          }
          return;
        }
        if (!item) {
          inChannelTitle = name === "title" && feedTitle === "";
          return;
        }
        const key = FIELDS[name];
        if (key === undefined) return;
        if (key === "link") {
          // Atom: <link rel="alternate" href="…"/>; the first alternate (or rel-less) link wins.
          const rel = attributes.rel ?? "alternate";
          if (attributes.href !== undefined) {
            if (rel === "alternate" && item.link === "") item.link = attributes.href;
            return;
          }
        }
        if (item[key] !== "" && key !== "link") return; // the first of a kind wins
        const type = (attributes.type ?? "").toLowerCase();
        // RSS descriptions and content hold escaped HTML; Atom says so with type="html".
        const html =
          name === "description" ||
          name === "content:encoded" ||
          type === "html" ||
          type === "text/html";
        field = { name: key, depth: 0, html };
      },
      text(chunk) {
        if (field && item) {
          if (item[field.name].length < limits.maxItemCharacters * 4) item[field.name] += chunk;
        } else if (inChannelTitle && feedTitle.length < TITLE_CHARACTERS * 2) feedTitle += chunk;
      },
      close(name) {
        if (field) {
          if (field.depth > 0) {
            field.depth--;
            if (item) item[field.name] += " ";
            return;
          }
          field = undefined;
          return;
        }
        if (ITEM.has(name)) item = undefined;
        else if (name === "title") inChannelTitle = false;
      },
    },
    turns,
    { xml: true, maxDepth: MAX_DEPTH, done: () => raw.length >= limits.maxItems && !item },
  );
  if (root === undefined || !["rss", "feed", "rdf:rdf"].includes(root))
    throw new WatchFetchFailed("not_a_feed");
  const items: WatchedItem[] = [];
  for (const entry of raw) {
    const body = entry.content || entry.summary;
    const isHtml = /<[a-z!/]/i.test(body);
    const paragraphs = isHtml ? await htmlParagraphs(body, limits) : [clean(body, Infinity)];
    const itemText = paragraphs
      .map((paragraph) => clean(paragraph, limits.maxItemCharacters))
      .filter(Boolean)
      .join("\n")
      .slice(0, limits.maxItemCharacters);
    const title = clean(
      /<[a-z!/]/i.test(entry.title)
        ? (await htmlParagraphs(entry.title, limits)).join(" ")
        : entry.title,
      TITLE_CHARACTERS,
    );
    const link = safeLink(entry.link.trim());
    const publishedAt = validDate(entry.date) ?? validDate(entry.updated);
    if (title === "" && itemText === "") continue;
    items.push({
      key: digest(entry.id.trim() || link || `${title}\n${publishedAt ?? ""}`),
      title: title || itemText.slice(0, 120),
      link,
      publishedAt,
      text: itemText,
    });
  }
  return { title: clean(feedTitle, TITLE_CHARACTERS), items };
}

/** Elements dropped with what they hold. */
const DROPPED = new Set(
  "script style noscript template iframe object embed svg math canvas head title form button select textarea nav".split(
    " ",
  ),
);
/** Elements that end a paragraph. */
const BLOCK = new Set(
  (
    "address article aside blockquote body br dd div dl dt figcaption figure footer h1 h2 h3 " +
    "h4 h5 h6 header hr li main ol p pre section table tbody td tfoot th thead tr ul"
  ).split(" "),
);

/** The text of an HTML fragment (a feed item's description), as paragraphs. */
export async function htmlParagraphs(
  html: string,
  limits: WatchReadLimits = DEFAULT_READ_LIMITS,
): Promise<string[]> {
  const paragraphs: string[] = [];
  let current = "";
  let dropped = 0;
  const flush = () => {
    const paragraph = clean(current, limits.maxItemCharacters);
    if (paragraph !== "" && paragraphs.length < limits.maxParagraphs) paragraphs.push(paragraph);
    current = "";
  };
  await streamMarkup(
    html,
    {
      open(name) {
        if (DROPPED.has(name)) dropped++;
        else if (BLOCK.has(name)) flush();
      },
      text(chunk) {
        if (dropped === 0 && current.length < limits.maxItemCharacters * 2) current += chunk;
      },
      close(name) {
        if (DROPPED.has(name)) dropped = Math.max(0, dropped - 1);
        else if (BLOCK.has(name)) flush();
      },
    },
    turns,
    { xml: false, maxDepth: MAX_DEPTH, done: () => paragraphs.length >= limits.maxParagraphs },
  );
  flush();
  return paragraphs;
}

const digest = (text: string) => createHash("sha256").update(text).digest("hex");

/** Only http(s) links are kept: a `javascript:` or `data:` link from a feed is dropped. */
function safeLink(link: string): string | null {
  if (link === "" || link.length > LINK_CHARACTERS) return null;
  try {
    const url = new URL(link);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

/** RFC 822 (RSS) or ISO 8601 (Atom) dates; anything else is no date. */
function validDate(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed.length > 100) return null;
  const time = Date.parse(trimmed);
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}
