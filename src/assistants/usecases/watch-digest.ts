import { t } from "../../i18n/index.js";
import { appError } from "../../shared/errors.js";
import type { TemplateValues } from "./template.js";
import type { UseCaseBaseline } from "./usecase.schema.js";
import { frenchDate } from "./values.js";

/** An item of the document watch that matched the agent's topics. */
export interface DigestItem {
  title: string;
  sourceName: string;
  link: string | null;
  publishedAt: string | null;
  foundAt: string;
  /** The topics it matched, as the agent wrote them. */
  topics: string[];
  /** The sentences that name a topic. */
  excerpt: string[];
  text: string;
}

/** What a `watch` use case asks of the document watch: topics, and since when (null: `days` ago). */
export interface DigestQuery {
  topics: string[];
  since: string | null;
  days: number;
  limit: number;
}

/** The document watch's items for a query (a port: the caller owns the watch). */
export type BaselineWatch = (query: DigestQuery) => Promise<DigestItem[]>;

type WatchBaseline = Extract<UseCaseBaseline, { kind: "watch" }>;

/** The query a `watch` baseline makes for the form's values (raw: its date as the form sent it). */
export function digestQuery(
  baseline: WatchBaseline,
  values: TemplateValues,
  raw: Record<string, unknown>,
): DigestQuery {
  const topics = values[baseline.topics];
  const since = baseline.since === undefined ? undefined : raw[baseline.since];
  return {
    topics: (Array.isArray(topics) ? topics : topics ? [topics] : []).slice(0, 50),
    since: typeof since === "string" && since !== "" ? since : null,
    days: baseline.days,
    limit: baseline.limit,
  };
}

const oneLine = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

const day = (iso: string) => frenchDate(iso.slice(0, 10));

/**
 * The watch's sober result: the items that hold the topics' words, newest
 * first, each with its source, its date, the sentences that name a topic and
 * its address, as text (the page shows a baseline as it is, links inert).
 */
export async function watchBaseline(
  baseline: WatchBaseline,
  values: TemplateValues,
  raw: Record<string, unknown>,
  port: BaselineWatch | undefined,
): Promise<string> {
  if (port === undefined) throw appError("usecase_watch_needs_database");
  const query = digestQuery(baseline, values, raw);
  const items = (await port(query)).slice(0, baseline.limit);
  const lines = [
    `# ${t("usecase.baseline.watch.title")}`,
    "",
    `> ${t("usecase.baseline.notice")}`,
    "",
    t("usecase.baseline.watch.topics", {
      topics: query.topics.map((topic) => oneLine(topic, 100)).join(", "),
    }),
    query.since
      ? t("usecase.baseline.watch.since", { date: frenchDate(query.since) })
      : t("usecase.baseline.watch.days", { days: query.days }),
    "",
  ];
  if (items.length === 0) lines.push(t("usecase.baseline.watch.empty"));
  items.forEach((item, index) => {
    lines.push(
      `${index + 1}. **${oneLine(item.title, 200)}**`,
      `   ${t("usecase.baseline.watch.origin", {
        source: oneLine(item.sourceName, 200),
        date: day(item.publishedAt ?? item.foundAt),
        topics: item.topics.join(", ") || "—",
      })}`,
      ...item.excerpt.map((sentence) => `   > ${oneLine(sentence, 400)}`),
      ...(item.link ? [`   ${t("usecase.baseline.watch.link", { link: item.link })}`] : []),
      "",
    );
  });
  return `${lines.join("\n").trimEnd()}\n`;
}

/** Characters of an item's text given to the model. */
const PROMPT_ITEM_CHARACTERS = 1_500;

/**
 * The items put after a `watch` use case's prompt, for the model to
 * summarise: in the user's message (never the system's), delimited and
 * introduced as data from outside, numbered so the answer can cite them.
 */
export function digestBlock(items: readonly DigestItem[]): string {
  const lines = [
    "",
    `<<< ${t("usecase.watch.block.start", { count: items.length })}`,
    t("usecase.watch.block.notice"),
    "",
  ];
  items.forEach((item, index) => {
    lines.push(
      `[${index + 1}] ${oneLine(item.title, 300)}`,
      t("usecase.watch.block.origin", {
        source: oneLine(item.sourceName, 200),
        date: day(item.publishedAt ?? item.foundAt),
      }),
      ...(item.link ? [item.link] : []),
      oneLine(item.text, PROMPT_ITEM_CHARACTERS),
      "",
    );
  });
  lines.push(`>>> ${t("usecase.watch.block.end")}`);
  return lines.join("\n");
}
