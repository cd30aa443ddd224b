import type { Principal } from "../identity/index.js";
import { equivalentsOf } from "../impact/index.js";
import { appError } from "../shared/errors.js";
import type { Log } from "../shared/log.js";
import { actionLabel } from "./audit.messages.js";
import type { FiguresService } from "./figures.service.js";
import { shiftMonth } from "./figures.service.js";
import { dataTypeLabel, type Range } from "./report.format.js";
import { renderReportHtml } from "./report.html.js";
import type { KeptReport, ReportRepository } from "./report.repository.js";
import { renderReportPdfOffLoop } from "./threaded-report.js";

/** The audit log's actions on knowledge bases and their documents, in the report's order. */
export const BASE_ACTIONS = [
  "knowledge-base.created",
  "knowledge-base.deleted",
  "knowledge-base.readers-changed",
  "knowledge-base.personal-data-changed",
  "document.released",
  "document.deleted",
  "aid-schemes.imported",
] as const;

/** A glass of water (as in `FiguresService.mine`), for the water figure's equivalent. */
const GLASS_LITRES = 0.25;
/** Use cases shown in the report's chart. */
const TOP_USES = 6;
/** How long a claim on a month's report holds before another instance may take it over. */
const CLAIM_MS = 10 * 60_000;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month's headline figures (null when the month is withheld). */
export interface KeyFigures {
  activeAgents: number;
  /** The previous month's, null when it was withheld. */
  previousActiveAgents: number | null;
  change: number | null;
  turns: number;
  completed: number;
  validated: number;
  /** Validated answers over answers given; null without answers. */
  validationRate: number | null;
  minutesSaved: number;
  minutesAnswers: number;
  energyKwh: Range;
  gwpKgCo2e: Range;
  waterL: Range;
  equivalents: { ledBulbMinutes: Range; videoStreamingMinutes: Range; waterGlasses: Range };
  /** Personal data found (each finding counted), and the turns that held some, by what was done. */
  personalData: number;
  pseudonymised: number;
  blocked: number;
  refused: number;
}

export interface SeriesMonth {
  month: string;
  /** Fewer active agents than the threshold that month: nothing shown. */
  hidden: boolean;
  activeAgents: number | null;
  turns: number | null;
  energyKwh: Range | null;
}

export interface UseRow {
  name: string;
  kind: "assistant" | "usecase" | "free";
  turns: number;
  validated: number;
}

/** What the report holds: counts, sums and the names of assistants, use cases and models. */
export interface MonthlyReport {
  month: string;
  generatedAt: string;
  direction: { id: string; path: string } | null;
  minAgents: number;
  hidden: boolean;
  key: KeyFigures | null;
  series: SeriesMonth[];
  uses: { rows: UseRow[]; hiddenGroups: number };
  protection: {
    types: { type: string; label: string; findings: number }[];
    refusals: { rule: string; turns: number }[];
  };
  battles: {
    name: string;
    subject: string | null;
    closedAt: string;
    votes: number;
    kind: string;
    text: string;
    bestModel: string | null;
  }[];
  changes: {
    charter: { version: string; at: string; sections: string[] }[];
    /** Counts per action on the bases; null for a reader without the audit log (a referent). */
    bases: { action: string; label: string; count: number }[] | null;
  };
}

export type ReportFormat = "html" | "pdf";

/** Who the server generates the collectivité's report as: every direction, the audit log. */
const REPORT_PRINCIPAL: Principal = {
  userId: "system",
  displayName: "Beffroi",
  email: "",
  directionId: null,
  directionPath: null,
  roles: ["auditor"],
  permissions: ["audit:read"],
  via: "cli",
};

/**
 * The observatory's monthly report for the DSI and elected officials, in
 * French, as self-contained HTML or PDF: the month's key figures and their
 * change, twelve months of series, the top use cases, protection and
 * refusals, the battles' verdicts, and what changed in the charter and the
 * bases (counts and titles of actions from the audit log, never content).
 * Read through `FiguresService`, so the same access and the same threshold
 * apply. Once a month is over, the server generates the collectivité's
 * report and keeps it (`generateDue`).
 */
export class ReportService {
  constructor(
    private readonly deps: {
      figures: FiguresService;
      reports: ReportRepository;
      now: () => Date;
      newClaim: () => string;
      log: Log;
    },
  ) {}

  /** The report of `month` for `principal` (their direction for a referent), composed now. */
  async compose(
    principal: Principal,
    query: { month: string; direction?: string },
  ): Promise<MonthlyReport> {
    const { month } = query;
    const now = this.deps.now();
    if (!MONTH.test(month) || month > now.toISOString().slice(0, 7))
      throw appError("observatory_report_month_invalid");
    const { figures } = this.deps;
    const direction = query.direction ? { direction: query.direction } : {};
    const period = { from: month, to: month, ...direction };
    const year = { from: shiftMonth(month, -11), to: month, ...direction };
    // The scope is checked first: an agent or a referent of another direction stops here.
    const adoption = await figures.adoption(principal, year);
    const [uses, impact, protection, battles, series] = await Promise.all([
      figures.uses(principal, period),
      figures.impact(principal, period),
      figures.protection(principal, period),
      figures.battles(principal, period),
      figures.impact(principal, year),
    ]);
    const activeOf = (m: string) =>
      adoption.months.find((row) => row.month === m && !row.hidden)?.activeAgents ?? null;
    const hidden = uses.hidden || uses.totals === null || impact.totals === null;
    let key: KeyFigures | null = null;
    if (!hidden && uses.totals && impact.totals) {
      const activeAgents = activeOf(month) ?? uses.agents;
      const previousActiveAgents = activeOf(shiftMonth(month, -1));
      const actions = new Map(
        protection.actions.flatMap((row) => (row.hidden ? [] : [[row.action, row.turns] as const])),
      );
      const { energyKwh, gwpKgCo2e, waterL } = impact.totals;
      key = {
        activeAgents,
        previousActiveAgents,
        change: previousActiveAgents === null ? null : activeAgents - previousActiveAgents,
        turns: uses.totals.turns,
        completed: uses.totals.completed,
        validated: uses.totals.validated,
        validationRate:
          uses.totals.completed > 0 ? uses.totals.validated / uses.totals.completed : null,
        minutesSaved: uses.totals.minutesSaved,
        minutesAnswers: uses.totals.minutesAnswers,
        energyKwh,
        gwpKgCo2e,
        waterL,
        equivalents: {
          ...equivalentsOf(energyKwh, gwpKgCo2e),
          waterGlasses: { min: waterL.min / GLASS_LITRES, max: waterL.max / GLASS_LITRES },
        },
        personalData: protection.totalFindings ?? 0,
        pseudonymised: actions.get("pseudonymise") ?? 0,
        blocked: actions.get("block") ?? 0,
        refused: uses.totals.refused,
      };
    }
    const types = new Map<string, number>();
    for (const row of protection.types)
      if (!row.hidden) types.set(row.type, (types.get(row.type) ?? 0) + row.findings);
    const shownUses = uses.subjects.flatMap((row) => (row.hidden ? [] : [row]));
    const start = `${month}-01T00:00:00.000Z`;
    const end = `${shiftMonth(month, 1)}-01T00:00:00.000Z`;
    return {
      month,
      generatedAt: now.toISOString(),
      direction: uses.direction,
      minAgents: uses.minAgents,
      hidden,
      key,
      series: series.months.map((row) => {
        const activeAgents = activeOf(row.month);
        return row.hidden || activeAgents === null
          ? { month: row.month, hidden: true, activeAgents: null, turns: null, energyKwh: null }
          : {
              month: row.month,
              hidden: false,
              activeAgents,
              turns: row.turns,
              energyKwh: row.energyKwh,
            };
      }),
      uses: {
        rows: shownUses.slice(0, TOP_USES).map((row) => ({
          name: row.name ?? "",
          kind: row.id === null ? "free" : row.kind,
          turns: row.turns,
          validated: row.validated,
        })),
        hiddenGroups: uses.subjects.length - shownUses.length,
      },
      protection: {
        types: [...types]
          .map(([type, findings]) => ({ type, label: dataTypeLabel(type), findings }))
          .sort((a, b) => b.findings - a.findings || a.type.localeCompare(b.type)),
        refusals: uses.refusals.flatMap((row) =>
          row.hidden ? [] : [{ rule: row.rule, label: row.label, turns: row.turns }],
        ),
      },
      battles: battles.campaigns
        .filter(
          (campaign) =>
            campaign.closedAt !== null && campaign.closedAt >= start && campaign.closedAt < end,
        )
        .map((campaign) => ({
          name: campaign.name,
          subject: campaign.subjectName,
          closedAt: campaign.closedAt ?? "",
          votes: campaign.votes,
          kind: campaign.verdict?.kind ?? "none",
          text: campaign.verdict?.text ?? "",
          bestModel: campaign.verdict?.bestModel ?? null,
        })),
      changes: await this.changes(principal, start, end),
    };
  }

  /** The report of a month in one format, composed now for `principal`. */
  async render(
    principal: Principal,
    query: { month: string; format: ReportFormat; direction?: string },
  ): Promise<string | Uint8Array> {
    const report = await this.compose(principal, query);
    return query.format === "html" ? renderReportHtml(report) : renderReportPdfOffLoop(report);
  }

  /**
   * Once a month is over, generates the collectivité's report of the
   * previous month and keeps it, unless it is kept already or another
   * instance holds the claim on it. Returns the month generated, if any.
   */
  async generateDue(): Promise<string | null> {
    const now = this.deps.now();
    const month = shiftMonth(now.toISOString().slice(0, 7), -1);
    const { reports } = this.deps;
    if (await reports.isKept(month)) return null;
    const claim = this.deps.newClaim();
    const until = new Date(now.getTime() + CLAIM_MS).toISOString();
    if (!(await reports.claim(month, claim, now.toISOString(), until))) return null;
    const report = await this.compose(REPORT_PRINCIPAL, { month });
    const [html, pdf] = [renderReportHtml(report), await renderReportPdfOffLoop(report)];
    if (!(await reports.keep(month, claim, { generatedAt: report.generatedAt, html, pdf })))
      return null;
    this.deps.log.info({ month }, "observatory-report-kept");
    return month;
  }

  /** The reports kept, the latest month first. */
  list(): Promise<KeptReport[]> {
    return this.deps.reports.list();
  }

  /** A kept report in one format. */
  async kept(month: string, format: ReportFormat): Promise<string | Uint8Array> {
    const content = MONTH.test(month) ? await this.deps.reports.content(month, format) : undefined;
    if (content === undefined) throw appError("observatory_report_not_found", { month });
    return content;
  }

  /**
   * What changed in the charter and the bases between two instants, from the
   * audit log: the charter's versions and the sections they changed (for
   * every reader: the charter is everyone's), the counts of actions on the
   * bases (for readers of the audit log only). Never a target's content.
   */
  private async changes(principal: Principal, from: string, to: string) {
    const charter = (await this.deps.reports.charterChanges(from, to)).map((row) => ({
      version: row.target ?? "",
      at: row.at,
      sections: sectionsOf(row.details),
    }));
    if (!principal.permissions.includes("audit:read")) return { charter, bases: null };
    const counts = await this.deps.reports.actionCounts(from, to);
    return {
      charter,
      bases: BASE_ACTIONS.flatMap((action) => {
        const count = counts.get(action) ?? 0;
        return count > 0 ? [{ action, label: actionLabel(action), count }] : [];
      }),
    };
  }
}

/** The top-level sections a charter change names in its audit details (`changes`). */
function sectionsOf(details: string): string[] {
  try {
    const parsed = JSON.parse(details) as { changes?: unknown };
    return Array.isArray(parsed.changes)
      ? parsed.changes.filter((key): key is string => typeof key === "string")
      : [];
  } catch {
    return [];
  }
}
