import type { Kysely } from "kysely";
import type { Clock } from "../shared/clock.js";
import type { AuditLogTable, Tables } from "../store/index.js";
import { type BreakReason, ChainVerifier, canonicalJson, entryHash } from "./audit.chain.js";
import type { AuditActor, AuditDetails, AuditEvent, RecordAudit } from "./audit.js";
import type { AuditRepository } from "./audit.repository.js";

/** An entry as the API and the CLI show it. */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: { kind: string; id: string | null };
  action: string;
  target: string | null;
  /** null when the stored text is not JSON any more (a tampered row; `verify` says where). */
  details: AuditDetails | null;
  prevHash: string;
  hash: string;
}

export interface AuditHead {
  /** 0 when the log is empty. */
  seq: number;
  hash: string;
}

export type AuditVerification =
  | { ok: true; count: number; head: AuditHead }
  | { ok: false; brokenAt: number; reason: BreakReason };

/** Entries read at once while verifying. */
const PAGE = 1000;

const present = (row: AuditLogTable): AuditEntry => {
  let details: AuditDetails | null = null;
  try {
    details = JSON.parse(row.details) as AuditDetails;
  } catch {
    details = null;
  }
  return {
    seq: row.seq,
    at: row.at,
    actor: { kind: row.actor_kind, id: row.actor_id },
    action: row.action,
    target: row.target,
    details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
};

/**
 * The tamper-evident log of administrative actions: a hash chain kept in the
 * database. It detects an edited, deleted or reordered entry; it cannot stop
 * someone with write access to the database from rewriting the whole chain,
 * which is why `head()` is meant to be copied elsewhere and given back to
 * `verify({ anchor })`.
 */
export class AuditLog {
  constructor(private readonly deps: { repository: AuditRepository; clock: Clock }) {}

  /** Appends an entry; inside the caller's transaction when `db` is one, so it commits with the change. */
  async record(
    event: AuditEvent & { actor: AuditActor },
    db?: Kysely<Tables>,
  ): Promise<AuditEntry> {
    const details = canonicalJson(event.details ?? {});
    const row = await this.deps.repository.append((seq, prevHash) => {
      // Read under the head's lock, so that times follow the numbering.
      const content = {
        seq,
        at: this.deps.clock.now().toISOString(),
        actorKind: event.actor.kind,
        actorId: event.actor.kind === "user" ? event.actor.id : null,
        action: event.action,
        target: event.target,
        details,
        prevHash,
      };
      return {
        seq,
        at: content.at,
        actor_kind: content.actorKind,
        actor_id: content.actorId,
        action: content.action,
        target: content.target,
        details,
        prev_hash: prevHash,
        hash: entryHash(content),
      };
    }, db);
    return present(row);
  }

  /** The port handed to the domains, with the actor to assume when an event names none. */
  recorder(defaultActor: AuditActor): RecordAudit {
    return async (event) => {
      await this.record({ ...event, actor: event.actor ?? defaultActor });
    };
  }

  /**
   * Walks the chain from the first entry to the head as recorded when the
   * walk starts (entries appended meanwhile are for the next walk) and
   * reports the first broken link. With `anchor` (a head copied elsewhere
   * earlier), also checks that the entry it names still has that hash.
   */
  async verify(
    options: { anchor?: { seq: number; hash: string } } = {},
  ): Promise<AuditVerification> {
    const { repository } = this.deps;
    const head = await repository.head();
    const verifier = new ChainVerifier(options.anchor);
    let after = 0;
    for (;;) {
      const rows = await repository.pageAfter(after, head.seq, PAGE);
      for (const row of rows) {
        const broken = verifier.next({
          seq: row.seq,
          at: row.at,
          actorKind: row.actor_kind,
          actorId: row.actor_id,
          action: row.action,
          target: row.target,
          details: row.details,
          prevHash: row.prev_hash,
          hash: row.hash,
        });
        if (broken) return { ok: false, ...broken };
        after = row.seq;
      }
      if (rows.length < PAGE) break;
    }
    const broken = verifier.end(head);
    if (broken) return { ok: false, ...broken };
    return { ok: true, count: verifier.count, head };
  }

  /** Newest first; `before` continues from a previous page's `nextBefore`. */
  async list(
    options: { limit?: number; before?: number } = {},
  ): Promise<{ entries: AuditEntry[]; nextBefore: number | null }> {
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
    const rows = await this.deps.repository.latest(limit, options.before);
    const last = rows.at(-1);
    return {
      entries: rows.map(present),
      nextBefore: rows.length === limit && last && last.seq > 1 ? last.seq : null,
    };
  }

  /** The last entry's number and hash (0 and the genesis hash when empty), with its time. */
  async head(): Promise<AuditHead & { at: string | null }> {
    const head = await this.deps.repository.head();
    const entry = head.seq > 0 ? await this.deps.repository.bySeq(head.seq) : undefined;
    return { ...head, at: entry?.at ?? null };
  }
}
