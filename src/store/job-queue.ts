import type { Database, Dialect } from "./database.js";
import type { IngestionJobTable } from "./schema.js";

/**
 * Claims the oldest job that is queued, or running with an expired lease (its
 * process died). One statement, so two workers never take the same job:
 * SQLite serialises writers; PostgreSQL skips rows another worker has locked.
 */
export async function claimJob(
  db: Database,
  dialect: Dialect,
  owner: string,
  now: Date,
  leaseMs: number,
): Promise<IngestionJobTable | undefined> {
  const at = now.toISOString();
  return db
    .updateTable("ingestion_jobs")
    .set((eb) => ({
      status: "running",
      lease_owner: owner,
      lease_expires_at: new Date(now.getTime() + leaseMs).toISOString(),
      attempts: eb("attempts", "+", 1),
      updated_at: at,
    }))
    .where("id", "=", (eb) => {
      const next = eb
        .selectFrom("ingestion_jobs")
        .select("id")
        .where((w) =>
          w.or([
            w("status", "=", "queued"),
            w.and([w("status", "=", "running"), w("lease_expires_at", "<", at)]),
          ]),
        )
        .orderBy("created_at")
        .orderBy("id")
        .limit(1);
      return dialect === "postgres" ? next.forUpdate().skipLocked() : next;
    })
    .returningAll()
    .executeTakeFirst();
}
