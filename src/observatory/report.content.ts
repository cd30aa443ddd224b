import { t } from "../i18n/index.js";
import { columnChart, type Drawing, pairedRowChart } from "./report.chart.js";
import {
  dateName,
  decimal,
  energyText,
  gwpText,
  integer,
  monthName,
  percent,
  rangeText,
  refusalLabel,
  scale,
  shortMonthName,
  signed,
  waterText,
} from "./report.format.js";
import type { MonthlyReport } from "./report.service.js";

export interface Table {
  head: string[];
  rows: string[][];
}

/** One block of the report, in order; the HTML and the PDF draw the same blocks. */
export type Block =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string }
  /** The key figures: one row each, with a stable id (`data-figure` in the HTML). */
  | { kind: "figures"; rows: { id: string; label: string; text: string }[] }
  | { kind: "chart"; id: string; title: string; drawing: Drawing; table: Table }
  | { kind: "table"; caption: string; table: Table };

const NC = () => t("report.withheld");

/** The report's title, and the line under it (month, scope). */
export function titleOf(report: MonthlyReport) {
  return {
    title: t("report.title"),
    subtitle: t("report.subtitle", {
      month: monthName(report.month),
      scope: report.direction
        ? t("report.scope.direction", { path: report.direction.path })
        : t("report.scope.all"),
    }),
  };
}

/** The key figures as rows: label and value in French, "n.c." where withheld. */
export function keyFigureRows(report: MonthlyReport) {
  const key = report.key;
  const row = (id: string, text: string | null) => ({
    id,
    label: t(`report.key.${id}` as never),
    text: text ?? NC(),
  });
  if (!key)
    return ["active_agents", "turns", "validated", "minutes_saved", "energy"].map((id) =>
      row(id, null),
    );
  const { equivalents } = key;
  return [
    row("active_agents", integer(key.activeAgents)),
    row(
      "change",
      key.change === null || key.previousActiveAgents === null
        ? null
        : t("report.change", {
            change: signed(key.change),
            previous: integer(key.previousActiveAgents),
          }),
    ),
    row("turns", integer(key.turns)),
    row("validated", integer(key.validated)),
    row("validation_rate", key.validationRate === null ? null : percent(key.validationRate)),
    row(
      "minutes_saved",
      t("report.minutes", {
        minutes: integer(key.minutesSaved),
        answers: integer(key.minutesAnswers),
      }),
    ),
    row("energy", energyText(key.energyKwh)),
    row("led", rangeText(equivalents.ledBulbMinutes, "min")),
    row("gwp", gwpText(key.gwpKgCo2e)),
    row("video", rangeText(equivalents.videoStreamingMinutes, "min")),
    row("water", waterText(key.waterL)),
    row("glasses", rangeText(equivalents.waterGlasses, t("report.glasses"))),
    row("personal_data", integer(key.personalData)),
    row("pseudonymised", integer(key.pseudonymised)),
    row("blocked", integer(key.blocked)),
    row("refused", integer(key.refused)),
  ];
}

/** The report as blocks, in reading order. */
export function reportBlocks(report: MonthlyReport): Block[] {
  const blocks: Block[] = [];
  const heading = (key: string) => blocks.push({ kind: "heading", text: t(key as never) });
  const paragraph = (text: string) => blocks.push({ kind: "paragraph", text });

  heading("report.section.key");
  if (report.hidden) paragraph(t("report.month_withheld", { minAgents: report.minAgents }));
  blocks.push({ kind: "figures", rows: keyFigureRows(report) });

  heading("report.section.series");
  blocks.push(...seriesCharts(report));

  heading("report.section.uses");
  if (report.uses.rows.length === 0) paragraph(t("report.uses.none"));
  else {
    const rows = report.uses.rows.map((row) => ({
      name: row.kind === "free" ? t("report.uses.free") : row.name,
      first: row.turns,
      second: row.validated,
    }));
    blocks.push({
      kind: "chart",
      id: "uses",
      title: t("report.chart.uses"),
      drawing: pairedRowChart({
        rows,
        fills: ["dark", "hatch"],
        legend: [
          { fill: "dark", text: t("report.legend.turns") },
          { fill: "hatch", text: t("report.legend.validated") },
        ],
      }),
      table: {
        head: [t("report.column.use"), t("report.column.turns"), t("report.column.validated")],
        rows: rows.map((row) => [row.name, integer(row.first), integer(row.second)]),
      },
    });
  }
  if (report.uses.hiddenGroups > 0)
    paragraph(
      t("report.uses.hidden", { count: report.uses.hiddenGroups, minAgents: report.minAgents }),
    );

  heading("report.section.protection");
  if (report.hidden) paragraph(t("report.month_withheld", { minAgents: report.minAgents }));
  else {
    blocks.push({
      kind: "table",
      caption: t("report.protection.types"),
      table: {
        head: [t("report.column.type"), t("report.column.findings")],
        rows:
          report.protection.types.length > 0
            ? report.protection.types.map((row) => [row.label, integer(row.findings)])
            : [[t("report.protection.none"), "0"]],
      },
    });
    blocks.push({
      kind: "table",
      caption: t("report.protection.refusals"),
      table: {
        head: [t("report.column.rule"), t("report.column.turns")],
        rows:
          report.protection.refusals.length > 0
            ? report.protection.refusals.map((row) => [refusalLabel(row.rule), integer(row.turns)])
            : [[t("report.protection.no_refusal"), "0"]],
      },
    });
  }

  heading("report.section.battles");
  if (report.battles.length === 0) paragraph(t("report.battles.none"));
  else
    blocks.push({
      kind: "table",
      caption: t("report.battles.caption"),
      table: {
        head: [t("report.column.campaign"), t("report.column.votes"), t("report.column.verdict")],
        rows: report.battles.map((battle) => [
          battle.subject ? `${battle.name} (${battle.subject})` : battle.name,
          integer(battle.votes),
          battle.text || t("report.battles.no_verdict"),
        ]),
      },
    });

  heading("report.section.changes");
  paragraph(t("report.changes.note"));
  if (report.changes.charter.length === 0) paragraph(t("report.changes.charter_none"));
  else
    blocks.push({
      kind: "table",
      caption: t("report.changes.charter"),
      table: {
        head: [t("report.column.version"), t("report.column.date"), t("report.column.sections")],
        rows: report.changes.charter.map((change) => [
          change.version,
          dateName(change.at),
          change.sections.join(", "),
        ]),
      },
    });
  if (report.changes.bases === null) paragraph(t("report.changes.bases_restricted"));
  else if (report.changes.bases.length === 0) paragraph(t("report.changes.bases_none"));
  else
    blocks.push({
      kind: "table",
      caption: t("report.changes.bases"),
      table: {
        head: [t("report.column.action"), t("report.column.count")],
        rows: report.changes.bases.map((row) => [row.label, integer(row.count)]),
      },
    });
  return blocks;
}

/** The twelve months' charts: active agents, requests, energy (its range hatched). */
function seriesCharts(report: MonthlyReport): Block[] {
  const categories = report.series.map((row) => {
    const [top = "", bottom = ""] = shortMonthName(row.month).split(/\s+|\u00a0/);
    return { top, bottom };
  });
  const monthHead = t("report.column.month");
  const legend = (text: string) => [{ fill: "dark" as const, text }];
  const count = (pick: (row: MonthlyReport["series"][number]) => number | null) =>
    report.series.map((row) => {
      const value = pick(row);
      return value === null ? null : { low: value, high: value, label: integer(value) };
    });
  const counts = (pick: (row: MonthlyReport["series"][number]) => number | null) =>
    report.series.map((row) => {
      const value = pick(row);
      return [monthName(row.month), value === null ? NC() : integer(value)];
    });
  const maxKwh = Math.max(0, ...report.series.map((row) => row.energyKwh?.max ?? 0));
  const [unit, factor] = maxKwh < 1 ? ["Wh", 1000] : ["kWh", 1];
  return [
    {
      kind: "chart",
      id: "agents",
      title: t("report.chart.agents"),
      drawing: columnChart({
        categories,
        values: count((row) => row.activeAgents),
        withheld: NC(),
        legend: legend(t("report.legend.agents")),
      }),
      table: {
        head: [monthHead, t("report.column.agents")],
        rows: counts((row) => row.activeAgents),
      },
    },
    {
      kind: "chart",
      id: "turns",
      title: t("report.chart.turns"),
      drawing: columnChart({
        categories,
        values: count((row) => row.turns),
        withheld: NC(),
        legend: legend(t("report.legend.turns")),
      }),
      table: { head: [monthHead, t("report.column.turns")], rows: counts((row) => row.turns) },
    },
    {
      kind: "chart",
      id: "energy",
      title: t("report.chart.energy", { unit }),
      drawing: columnChart({
        categories,
        values: report.series.map((row) => {
          if (!row.energyKwh) return null;
          const range = scale(row.energyKwh, factor);
          return { low: range.min, high: range.max, label: decimal(range.max) };
        }),
        withheld: NC(),
        legend: [
          { fill: "dark", text: t("report.legend.energy_low") },
          { fill: "hatch", text: t("report.legend.energy_high") },
        ],
      }),
      table: {
        head: [monthHead, t("report.column.energy", { unit })],
        rows: report.series.map((row) => [
          monthName(row.month),
          row.energyKwh ? rangeText(scale(row.energyKwh, factor), unit) : NC(),
        ]),
      },
    },
  ];
}

/** The notes at the end: threshold, what the report never holds, when it was generated. */
export function footnotes(report: MonthlyReport): string[] {
  return [
    t("report.threshold", { minAgents: report.minAgents }),
    t("report.figures_only"),
    t("report.generated", { date: dateName(report.generatedAt) }),
  ];
}
