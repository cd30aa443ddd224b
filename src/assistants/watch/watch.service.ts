import { createHash } from "node:crypto";
import { t } from "../../i18n/index.js";
import { within } from "../../identity/index.js";
import { type DocumentReader, DocumentRejected } from "../../knowledge/index.js";
import { auditActor, type RecordAudit } from "../../observatory/index.js";
import type { Clock, Ids } from "../../shared/clock.js";
import { appError } from "../../shared/errors.js";
import type { Log } from "../../shared/log.js";
import type { WatchItemTable } from "../../store/index.js";
import type { Actor } from "../assistants.service.js";
import type { DigestItem, DigestQuery } from "../usecases/watch-digest.js";
import {
  fetchWatched,
  isPublicAddress,
  parseWatchUrl,
  WATCH_FAILURES,
  WatchFetchFailed,
  type WatchFetchLimits,
} from "./fetch.js";
import {
  DEFAULT_READ_LIMITS,
  readFeed,
  type WatchedItem,
  type WatchReadLimits,
  watchedText,
} from "./read.js";
import { matchTopics, type TopicMatch } from "./topics.js";
import type { WatchItemRow, WatchRepository, WatchSourceRow } from "./watch.repository.js";

/** What a source's last reading gave: never read yet, read, unchanged, or why it failed. */
export const WATCH_STATUSES = ["pending", "ok", "not_modified", ...WATCH_FAILURES] as const;
export type WatchStatus = (typeof WATCH_STATUSES)[number];

/** A status in French, for the CLI (the page has its own messages). */
export const watchStatusLabel = (status: string): string =>
  (WATCH_STATUSES as readonly string[]).includes(status)
    ? t(`watch.status.${status as WatchStatus}`)
    : status;

export const WATCH_KINDS = ["feed", "page"] as const;
export type WatchKind = (typeof WATCH_KINDS)[number];

export interface WatchSourceView {
  id: string;
  name: string;
  url: string;
  kind: WatchKind;
  directionId: string | null;
  directionPath: string | null;
  intervalMinutes: number;
  enabled: boolean;
  /** `pending` (never read), `ok`, `not_modified`, or why the last reading failed. */
  status: WatchStatus;
  statusDetail: string | null;
  failures: number;
  checkedAt: string | null;
  nextCheckAt: string;
  items: number;
}

export interface WatchSourceInput {
  name: string;
  url: string;
  kind: WatchKind;
  intervalMinutes: number;
  directionId?: string | null;
  enabled?: boolean;
}

export interface WatchItemView {
  id: string;
  sourceId: string;
  sourceName: string;
  title: string;
  link: string | null;
  publishedAt: string | null;
  foundAt: string;
  text: string;
}

/** What a reading of a source gave. */
export interface WatchCheck {
  status: WatchStatus;
  statusDetail: string | null;
  newItems: number;
}

export interface WatchQuery {
  /** Items found on or after this date (ISO). */
  since: string;
  topics: string[];
  limit: number;
}

/** A page's first reading shows its leading paragraphs, not all of it. */
const FIRST_READING_PARAGRAPHS = 12;
/** Checks of a failing source are spaced out, up to once a day. */
const MAX_BACKOFF_MINUTES = 24 * 60;
/** How long a claimed source stays with the instance reading it. */
const LEASE_MINUTES = 10;
/** Items a query reads before matching topics (the newest). */
const QUERY_WINDOW = 500;

const minutes = (date: Date, count: number) => new Date(date.getTime() + count * 60_000);

/**
 * The document watch: the sources an administrator (or a referent, for their
 * direction) declares, read on a schedule (`checkDue`, called by
 * the assistants module's `Rounds`), each new feed item or page change stored as text; and
 * the items agents ask for, filtered by topics. No model is ever called here.
 */
export class WatchService {
  constructor(
    private readonly deps: {
      sources: WatchRepository;
      directionPath: (id: string) => Promise<string | undefined>;
      fetchLimits: WatchFetchLimits;
      /**
       * Reads a watched page (or document) into passages: the knowledge
       * bases' parsers (main content, menus and banners left out), in their
       * reading thread, so a page never holds the event loop.
       */
      pageReader: DocumentReader;
      readLimits?: WatchReadLimits;
      keepDays: number;
      clock: Clock;
      ids: Ids;
      log: Log;
      audit?: RecordAudit;
    },
  ) {}

  async list(): Promise<WatchSourceView[]> {
    return (await this.deps.sources.list()).map(view);
  }

  async get(id: string): Promise<WatchSourceView> {
    return view(await this.row(id));
  }

  async create(actor: Actor, input: WatchSourceInput): Promise<WatchSourceView> {
    const directionId = input.directionId ?? null;
    this.mayManage(actor, await this.directionPath(directionId));
    const url = this.checkedUrl(input.url);
    const now = this.deps.clock.now().toISOString();
    const id = this.deps.ids.id();
    await this.deps.sources.insert({
      id,
      name: input.name,
      url,
      kind: input.kind,
      direction_id: directionId,
      interval_minutes: input.intervalMinutes,
      enabled: input.enabled === false ? 0 : 1,
      created_by: actor === "cli" ? null : actor.userId,
      created_at: now,
      updated_at: now,
      // Read at the scheduler's next round.
      next_check_at: now,
      checked_at: null,
      status: "pending",
      status_detail: null,
      failures: 0,
      etag: null,
      last_modified: null,
      fingerprints: null,
    });
    await this.deps.audit?.({
      action: "watch-source.created",
      target: id,
      actor: auditActor(actor),
      details: { kind: input.kind, directionId, intervalMinutes: input.intervalMinutes },
    });
    return this.get(id);
  }

  async update(
    actor: Actor,
    id: string,
    changes: Partial<WatchSourceInput>,
  ): Promise<WatchSourceView> {
    const row = await this.row(id);
    this.mayManage(actor, row.direction_path);
    if (changes.directionId !== undefined)
      this.mayManage(actor, await this.directionPath(changes.directionId));
    const url = changes.url === undefined ? undefined : this.checkedUrl(changes.url);
    const now = this.deps.clock.now().toISOString();
    // Another address or kind is another source: what was known of the old one is forgotten.
    const moved = (url !== undefined && url !== row.url) || (changes.kind ?? row.kind) !== row.kind;
    await this.deps.sources.update(id, {
      ...(changes.name !== undefined && { name: changes.name }),
      ...(url !== undefined && { url }),
      ...(changes.kind !== undefined && { kind: changes.kind }),
      ...(changes.intervalMinutes !== undefined && { interval_minutes: changes.intervalMinutes }),
      ...(changes.directionId !== undefined && { direction_id: changes.directionId }),
      ...(changes.enabled !== undefined && { enabled: changes.enabled ? 1 : 0 }),
      ...(moved && {
        etag: null,
        last_modified: null,
        fingerprints: null,
        status: "pending",
        status_detail: null,
        failures: 0,
        next_check_at: now,
      }),
      updated_at: now,
    });
    await this.deps.audit?.({
      action: "watch-source.updated",
      target: id,
      actor: auditActor(actor),
      details: { fields: Object.keys(changes).sort() },
    });
    return this.get(id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const row = await this.row(id);
    this.mayManage(actor, row.direction_path);
    await this.deps.sources.delete(id);
    await this.deps.audit?.({
      action: "watch-source.deleted",
      target: id,
      actor: auditActor(actor),
      details: { kind: row.kind, directionId: row.direction_id },
    });
  }

  /** Reads a source now, whatever its schedule (an administrator's « Vérifier maintenant »). */
  async checkNow(actor: Actor, id: string): Promise<WatchCheck> {
    const row = await this.row(id);
    this.mayManage(actor, row.direction_path);
    return this.check(row);
  }

  /**
   * Reads the sources whose check is due, one after the other, at most
   * `limit` of them; returns how many were read. Old items are purged first.
   */
  async checkDue(limit = 10): Promise<number> {
    const now = this.deps.clock.now();
    await this.deps.sources.purgeItems(minutes(now, -this.deps.keepDays * 24 * 60).toISOString());
    let checked = 0;
    for (; checked < limit; checked++) {
      const at = this.deps.clock.now();
      const source = await this.deps.sources.claimDue(
        at.toISOString(),
        minutes(at, LEASE_MINUTES).toISOString(),
      );
      if (!source) break;
      await this.check(source);
    }
    return checked;
  }

  /** Items found since a date, filtered by topics (keywords, no model), the newest first. */
  async items(query: WatchQuery): Promise<TopicMatch<WatchItemView>[]> {
    const rows = await this.deps.sources.items({ since: query.since, limit: QUERY_WINDOW });
    const matches = await matchTopics(rows.map(itemView), query.topics);
    return matches.slice(0, query.limit);
  }

  /** A `watch` use case's items: since the form's date (or `days` ago), matching its topics. */
  async digest(query: DigestQuery): Promise<DigestItem[]> {
    const since = query.since
      ? new Date(`${query.since}T00:00:00Z`)
      : minutes(this.deps.clock.now(), -query.days * 24 * 60);
    const matches = await this.items({
      since: since.toISOString(),
      topics: query.topics,
      limit: query.limit,
    });
    return matches.map(({ item, topics, excerpt }) => ({ ...item, topics, excerpt }));
  }

  /** Seven days ago: what « new » means when nobody says since when. */
  lastWeek(): string {
    return minutes(this.deps.clock.now(), -7 * 24 * 60).toISOString();
  }

  private async check(source: WatchCheckSource): Promise<WatchCheck> {
    const started = this.deps.clock.now();
    let outcome: WatchCheck;
    let changes: Record<string, unknown> = {};
    try {
      const answer = await fetchWatched(
        { url: source.url, etag: source.etag, lastModified: source.last_modified },
        this.deps.fetchLimits,
      );
      if (answer.status === "not-modified") {
        outcome = { status: "not_modified", statusDetail: null, newItems: 0 };
      } else {
        const limits = this.deps.readLimits ?? DEFAULT_READ_LIMITS;
        let items: WatchedItem[];
        if (source.kind === "feed") {
          items = (await readFeed(watchedText(answer.body), limits)).items;
        } else {
          const page = await this.readPage(answer.body, answer.contentType);
          const known = new Set<string>(
            source.fingerprints ? (JSON.parse(source.fingerprints) as string[]) : [],
          );
          const fresh = page.paragraphs.filter(({ fingerprint }) => !known.has(fingerprint));
          const shown =
            source.fingerprints === null ? fresh.slice(0, FIRST_READING_PARAGRAPHS) : fresh;
          items =
            shown.length === 0
              ? []
              : [
                  {
                    key: digest(shown.map(({ fingerprint }) => fingerprint).join(",")),
                    title: page.title || source.name,
                    link: answer.url,
                    publishedAt: null,
                    text: shown
                      .map(({ text: paragraph }) => paragraph)
                      .join("\n")
                      .slice(0, limits.maxItemCharacters),
                  },
                ];
          changes.fingerprints = JSON.stringify(page.paragraphs.map((p) => p.fingerprint));
        }
        const foundAt = this.deps.clock.now().toISOString();
        const newItems = await this.deps.sources.addItems(
          items.map(
            (item): WatchItemTable => ({
              id: this.deps.ids.id(),
              source_id: source.id,
              key: item.key,
              title: item.title,
              link: item.link,
              published_at: item.publishedAt,
              found_at: foundAt,
              text: item.text,
            }),
          ),
        );
        changes = { ...changes, etag: answer.etag, last_modified: answer.lastModified };
        outcome = { status: "ok", statusDetail: null, newItems };
      }
      changes = {
        ...changes,
        failures: 0,
        next_check_at: minutes(started, source.interval_minutes).toISOString(),
      };
    } catch (error) {
      if (!(error instanceof WatchFetchFailed)) throw error;
      const failures = source.failures + 1;
      const wait = Math.min(source.interval_minutes * 2 ** (failures - 1), MAX_BACKOFF_MINUTES);
      outcome = { status: error.code, statusDetail: error.detail || null, newItems: 0 };
      changes = { failures, next_check_at: minutes(started, wait).toISOString() };
    }
    await this.deps.sources.update(source.id, {
      ...changes,
      status: outcome.status,
      status_detail: outcome.statusDetail,
      checked_at: started.toISOString(),
    });
    // The source's id and the outcome's code: never its address's content.
    this.deps.log.info(
      { source: source.id, status: outcome.status, newItems: outcome.newItems },
      "watch source read",
    );
    return outcome;
  }

  /** A page's title and passages, each with a fingerprint to compare readings by. */
  private async readPage(body: Uint8Array, contentType: string) {
    const extension = contentType.includes("pdf")
      ? "pdf"
      : contentType.includes("text/plain")
        ? "txt"
        : "html";
    try {
      const read = await this.deps.pageReader.read(body, `page.${extension}`);
      return {
        title: read.title ?? "",
        paragraphs: read.chunks.map(({ text }) => ({
          text,
          fingerprint: digest(text.replace(/\s+/g, " ").toLowerCase()).slice(0, 16),
        })),
      };
    } catch (error) {
      if (error instanceof DocumentRejected) throw new WatchFetchFailed("unreadable", error.code);
      throw error;
    }
  }

  private checkedUrl(text: string): string {
    let url: URL;
    try {
      url = parseWatchUrl(text.trim());
    } catch {
      throw appError("watch_url_invalid");
    }
    const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, "");
    if (
      /^[\d.]+$|:/.test(host) &&
      !this.deps.fetchLimits.privateHosts.has(host) &&
      !isPublicAddress(host)
    )
      throw appError("watch_address_refused");
    return url.toString();
  }

  private async row(id: string): Promise<WatchSourceRow> {
    const row = await this.deps.sources.byId(id);
    if (!row) throw appError("watch_source_not_found");
    return row;
  }

  private async directionPath(id: string | null): Promise<string | null> {
    if (id === null) return null;
    const path = await this.deps.directionPath(id);
    if (!path) throw appError("direction_not_found", { direction: id });
    return path;
  }

  /** Administrators manage every source; referents those of their direction and below. */
  private mayManage(actor: Actor, directionPath: string | null): void {
    if (actor === "cli") return;
    if (!actor.permissions.includes("assistants:write")) throw appError("forbidden");
    if (actor.roles.includes("admin")) return;
    if (actor.roles.includes("referent") && within(directionPath, actor.directionPath)) return;
    throw appError("watch_source_not_manageable");
  }
}

type WatchCheckSource = Pick<
  WatchSourceRow,
  | "id"
  | "name"
  | "url"
  | "kind"
  | "interval_minutes"
  | "failures"
  | "etag"
  | "last_modified"
  | "fingerprints"
>;

const digest = (text: string) => createHash("sha256").update(text).digest("hex");

function view(row: WatchSourceRow): WatchSourceView {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    kind: row.kind as WatchKind,
    directionId: row.direction_id,
    directionPath: row.direction_path,
    intervalMinutes: row.interval_minutes,
    enabled: row.enabled === 1,
    status: row.status as WatchStatus,
    statusDetail: row.status_detail,
    failures: row.failures,
    checkedAt: row.checked_at,
    nextCheckAt: row.next_check_at,
    items: row.item_count,
  };
}

function itemView(row: WatchItemRow): WatchItemView {
  return {
    id: row.id,
    sourceId: row.source_id,
    sourceName: row.source_name,
    title: row.title,
    link: row.link,
    publishedAt: row.published_at,
    foundAt: row.found_at,
    text: row.text,
  };
}
