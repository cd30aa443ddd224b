import type { Database } from "../store/index.js";

/** A kept report as listed: its month and when it was generated. */
export interface KeptReport {
  month: string;
  generatedAt: string;
}

/**
 * The only place that speaks SQL about the monthly reports: what the audit
 * log says changed in a month (counts per action, the charter's versions),
 * and the reports kept once a month is over. A month's report is claimed by
 * inserting its row (a second insert conflicts and claims nothing); a claim
 * that lapsed without a report may be taken over by one `UPDATE`, so two
 * instances never generate the same month at once.
 */
export class ReportRepository {
  constructor(private readonly db: Database) {}

  /** Audit entries per action between two instants (ISO, the end excluded). */
  async actionCounts(from: string, to: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom("audit_log")
      .select(["action", (eb) => eb.fn.countAll<number | string>().as("count")])
      .where("at", ">=", from)
      .where("at", "<", to)
      .groupBy("action")
      .execute();
    return new Map(rows.map((row) => [row.action, Number(row.count)]));
  }

  /** The charter's changes between two instants: version (the target), when, and the details' keys changed. */
  async charterChanges(
    from: string,
    to: string,
  ): Promise<{ target: string | null; at: string; details: string }[]> {
    return this.db
      .selectFrom("audit_log")
      .select(["target", "at", "details"])
      .where("action", "=", "charter.changed")
      .where("at", ">=", from)
      .where("at", "<", to)
      .orderBy("seq")
      .execute();
  }

  /**
   * Claims a month's report for `claim` until `until`: true when this call
   * inserted its row, or took over a claim that lapsed (`now` past it)
   * without a report.
   */
  async claim(month: string, claim: string, now: string, until: string): Promise<boolean> {
    const inserted = await this.db
      .insertInto("observatory_reports")
      .values({ month, claim, claimed_until: until })
      .onConflict((oc) => oc.column("month").doNothing())
      .returning("month")
      .executeTakeFirst();
    if (inserted) return true;
    const taken = await this.db
      .updateTable("observatory_reports")
      .set({ claim, claimed_until: until })
      .where("month", "=", month)
      .where("generated_at", "is", null)
      .where("claimed_until", "<", now)
      .returning("month")
      .executeTakeFirst();
    return taken !== undefined;
  }

  /** Keeps a claimed month's report; false when the claim was lost meanwhile. */
  async keep(
    month: string,
    claim: string,
    report: { generatedAt: string; html: string; pdf: Uint8Array },
  ): Promise<boolean> {
    const kept = await this.db
      .updateTable("observatory_reports")
      .set({ generated_at: report.generatedAt, html: report.html, pdf: report.pdf })
      .where("month", "=", month)
      .where("claim", "=", claim)
      .where("generated_at", "is", null)
      .returning("month")
      .executeTakeFirst();
    return kept !== undefined;
  }

  /** Whether a month's report is kept. */
  async isKept(month: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("observatory_reports")
      .select("month")
      .where("month", "=", month)
      .where("generated_at", "is not", null)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The kept reports, the latest month first. */
  async list(): Promise<KeptReport[]> {
    const rows = await this.db
      .selectFrom("observatory_reports")
      .select(["month", "generated_at"])
      .where("generated_at", "is not", null)
      .orderBy("month", "desc")
      .execute();
    return rows.map((row) => ({ month: row.month, generatedAt: row.generated_at ?? "" }));
  }

  /** A kept report's HTML or PDF. */
  async content(month: string, format: "html" | "pdf"): Promise<string | Uint8Array | undefined> {
    const row = await this.db
      .selectFrom("observatory_reports")
      .select(format)
      .where("month", "=", month)
      .where("generated_at", "is not", null)
      .executeTakeFirst();
    if (!row) return undefined;
    return (row as { html?: string | null; pdf?: Uint8Array | null })[format] ?? undefined;
  }
}
