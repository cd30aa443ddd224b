import type { Kysely } from "kysely";
import type { AuditLogTable, Database, Tables } from "../store/index.js";

/** One row's fields but its number and hashes: what the caller decides. */
export type AuditRowContent = Omit<AuditLogTable, "seq" | "prev_hash" | "hash">;

/**
 * The only place that speaks SQL about the audit log. Appending takes the
 * `audit_head` row with an UPDATE first: on PostgreSQL the row stays locked
 * until the transaction ends (a second append waits, then reads the first's
 * result); on SQLite the UPDATE makes the transaction the one writer of the
 * file. Either way, two appends never chain onto the same entry, whether
 * they come from one process or several.
 */
export class AuditRepository {
  constructor(private readonly db: Database) {}

  /**
   * Appends one entry in `db`'s transaction (or a transaction of its own);
   * `build` receives the new number and the previous hash, and returns the row to write.
   */
  async append(
    build: (seq: number, prevHash: string) => AuditLogTable,
    db: Kysely<Tables> = this.db,
  ): Promise<AuditLogTable> {
    if (!db.isTransaction) return db.transaction().execute((trx) => this.append(build, trx));
    const head = await db
      .updateTable("audit_head")
      .set((eb) => ({ seq: eb("seq", "+", 1) }))
      .where("id", "=", 1)
      .returning(["seq", "hash"])
      .executeTakeFirstOrThrow();
    const row = build(Number(head.seq), head.hash);
    await db.insertInto("audit_log").values(row).execute();
    await db.updateTable("audit_head").set({ hash: row.hash }).where("id", "=", 1).execute();
    return row;
  }

  /** The last entry's number and hash as recorded when it was appended. */
  async head(): Promise<{ seq: number; hash: string }> {
    const row = await this.db
      .selectFrom("audit_head")
      .select(["seq", "hash"])
      .where("id", "=", 1)
      .executeTakeFirstOrThrow();
    return { seq: Number(row.seq), hash: row.hash };
  }

  /** Entries after `afterSeq` up to `upToSeq`, oldest first (verification reads the log page by page). */
  async pageAfter(afterSeq: number, upToSeq: number, limit: number): Promise<AuditLogTable[]> {
    const rows = await this.db
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", ">", afterSeq)
      .where("seq", "<=", upToSeq)
      .orderBy("seq")
      .limit(limit)
      .execute();
    return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
  }

  /** Newest first, before `beforeSeq` when given. */
  async latest(limit: number, beforeSeq?: number): Promise<AuditLogTable[]> {
    let query = this.db.selectFrom("audit_log").selectAll().orderBy("seq", "desc").limit(limit);
    if (beforeSeq !== undefined) query = query.where("seq", "<", beforeSeq);
    return (await query.execute()).map((row) => ({ ...row, seq: Number(row.seq) }));
  }

  async bySeq(seq: number): Promise<AuditLogTable | undefined> {
    const row = await this.db
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", "=", seq)
      .executeTakeFirst();
    return row && { ...row, seq: Number(row.seq) };
  }
}
