import type { Database, ExperienceReportTable, ProposalTable } from "../store/index.js";

/** A report with its author's direction's path (as it is now). */
export type ReportRow = ExperienceReportTable & { direction_path: string | null };

/** How many reports a subject has, by status, and the minutes they declare. */
export interface SubjectCounts {
  subject_kind: string;
  subject_id: string;
  status: string;
  reports: number;
  minutes_total: number;
  minutes_reports: number;
}

/** The only place that speaks SQL about « retours d'expérience » and proposals. */
export class ExperienceRepository {
  constructor(private readonly db: Database) {}

  async insertReport(row: ExperienceReportTable): Promise<void> {
    await this.db.insertInto("experience_reports").values(row).execute();
  }

  private reports() {
    return this.db
      .selectFrom("experience_reports as r")
      .leftJoin("directions as d", "d.id", "r.direction_id")
      .selectAll("r")
      .select("d.path as direction_path");
  }

  report(id: string): Promise<ReportRow | undefined> {
    return this.reports().where("r.id", "=", id).executeTakeFirst();
  }

  /** Reports by author, status or subject; the newest first. */
  listReports(filter: {
    authorId?: string;
    status?: string;
    subject?: { kind: string; id: string };
  }): Promise<ReportRow[]> {
    let query = this.reports();
    if (filter.authorId !== undefined) query = query.where("r.author_id", "=", filter.authorId);
    if (filter.status !== undefined) query = query.where("r.status", "=", filter.status);
    if (filter.subject !== undefined)
      query = query
        .where("r.subject_kind", "=", filter.subject.kind)
        .where("r.subject_id", "=", filter.subject.id);
    return query.orderBy("r.created_at", "desc").orderBy("r.id").execute();
  }

  /** Sets a report's status and who curated it; false when there is no such report. */
  async curate(
    id: string,
    change: { status: string; curated_by: string | null; curated_at: string },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable("experience_reports")
      .set(change)
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Reports and declared minutes per subject and status. */
  async counts(): Promise<SubjectCounts[]> {
    const rows = await this.db
      .selectFrom("experience_reports")
      .select((eb) => [
        "subject_kind",
        "subject_id",
        "status",
        eb.fn.countAll<number | string>().as("reports"),
        eb.fn.sum<number | string | null>("minutes_saved").as("minutes_total"),
        eb.fn.count<number | string>("minutes_saved").as("minutes_reports"),
      ])
      .groupBy(["subject_kind", "subject_id", "status"])
      .execute();
    return rows.map((row) => ({
      subject_kind: row.subject_kind,
      subject_id: row.subject_id,
      status: row.status,
      reports: Number(row.reports),
      minutes_total: Number(row.minutes_total ?? 0),
      minutes_reports: Number(row.minutes_reports),
    }));
  }

  async insertProposal(row: ProposalTable): Promise<void> {
    await this.db.insertInto("proposals").values(row).execute();
  }

  proposal(id: string): Promise<ProposalTable | undefined> {
    return this.db.selectFrom("proposals").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** Proposals by author or status; the newest first. */
  listProposals(filter: { authorId?: string; status?: string }): Promise<ProposalTable[]> {
    let query = this.db.selectFrom("proposals").selectAll();
    if (filter.authorId !== undefined) query = query.where("author_id", "=", filter.authorId);
    if (filter.status !== undefined) query = query.where("status", "=", filter.status);
    return query.orderBy("created_at", "desc").orderBy("id").execute();
  }

  /**
   * Answers an open proposal, once: one conditional `UPDATE`, so that two
   * administrators answering at once cannot both succeed. False when it was
   * not open (or does not exist).
   */
  async answer(
    id: string,
    change: { status: string; answer: string; answered_by: string | null; answered_at: string },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable("proposals")
      .set(change)
      .where("id", "=", id)
      .where("status", "=", "open")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
