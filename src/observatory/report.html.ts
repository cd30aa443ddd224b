import { createHash } from "node:crypto";
import { t } from "../i18n/index.js";
import { type Drawing, GREYS } from "./report.chart.js";
import { type Block, footnotes, reportBlocks, type Table, titleOf } from "./report.content.js";
import type { MonthlyReport } from "./report.service.js";

/**
 * The report's one stylesheet, for the screen and for print: black on white,
 * greys and hatching only, nothing that says something through colour alone.
 */
const STYLE = `
:root { color: #000; background: #fff; font-family: system-ui, "Segoe UI", Arial, sans-serif; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin: 0 0 0.25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.75rem; border-bottom: 2px solid #000; padding-bottom: 0.2rem; }
.subtitle { font-size: 1.1rem; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin: 0.5rem 0 1rem; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #000; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #e6e6e6; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
.figures th[scope="row"] { font-weight: normal; }
.chart { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.25rem; align-items: start; margin: 1rem 0 1.5rem; }
.chart figure { margin: 0; }
.chart figcaption { font-weight: bold; margin-bottom: 0.25rem; }
.chart svg { width: 100%; height: auto; }
.notes { font-size: 0.85rem; margin-top: 2rem; border-top: 1px solid #000; padding-top: 0.5rem; }
@media (max-width: 40rem) { .chart { grid-template-columns: 1fr; } }
@media print {
  @page { size: A4; margin: 15mm; }
  :root { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  .chart, table, figure { break-inside: avoid; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;

/**
 * The Content-Security-Policy an HTML report is served with: its own
 * stylesheet, allowed by its hash, and nothing else. Read from the page
 * itself, so that a report kept by an earlier version keeps its style.
 */
export function reportCsp(page: string): string {
  const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? STYLE;
  const hash = createHash("sha256").update(style).digest("base64");
  return `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;
}

const html = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );

const NUMBER = /^[\d\s\u00a0,.+−%-]+$|^n\.c\.$/;

function table(content: Table, caption?: string): string {
  const cell = (text: string, tag: "td" | "th") =>
    `<${tag}${NUMBER.test(text) ? ' class="number"' : ""}>${html(text)}</${tag}>`;
  return [
    "<table>",
    caption ? `<caption>${html(caption)}</caption>` : "",
    `<thead><tr>${content.head.map((head) => `<th scope="col">${html(head)}</th>`).join("")}</tr></thead>`,
    "<tbody>",
    ...content.rows.map(
      (row) =>
        `<tr>${row.map((text, index) => (index === 0 ? `<th scope="row">${html(text)}</th>` : cell(text, "td"))).join("")}</tr>`,
    ),
    "</tbody></table>",
  ].join("");
}

const round = (value: number) => Math.round(value * 10) / 10;

/** A chart as SVG, with presentation attributes only (no style attribute, which the CSP refuses). */
function svg(drawing: Drawing, id: string, title: string): string {
  const hatch = `hachures-${id}`;
  const fillOf = (fill: "dark" | "light" | "hatch") =>
    fill === "hatch" ? `url(#${hatch})` : GREYS[fill];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${drawing.width} ${round(drawing.height)}" role="img" aria-labelledby="${id}-titre">`,
    `<title id="${id}-titre">${html(title)}</title>`,
    `<defs><pattern id="${hatch}" patternUnits="userSpaceOnUse" width="5" height="5"><rect width="5" height="5" fill="#ffffff"/><path d="M0 5L5 0M-1 1L1 -1M4 6L6 4" stroke="#000000" stroke-width="1"/></pattern></defs>`,
    ...drawing.lines.map(
      (line) =>
        `<line x1="${round(line.x1)}" y1="${round(line.y1)}" x2="${round(line.x2)}" y2="${round(line.y2)}" stroke="#000000" stroke-width="1"/>`,
    ),
    ...drawing.bars.map(
      (bar) =>
        `<rect x="${round(bar.x)}" y="${round(bar.y)}" width="${round(bar.width)}" height="${round(bar.height)}" fill="${fillOf(bar.fill)}" stroke="#000000" stroke-width="0.6"/>`,
    ),
    ...drawing.labels.map(
      (label) =>
        `<text x="${round(label.x)}" y="${round(label.y)}" font-size="${label.size}" text-anchor="${label.anchor}" font-family="Arial, sans-serif"${label.bold ? ' font-weight="bold"' : ""} fill="#000000">${html(label.text)}</text>`,
    ),
    "</svg>",
  ].join("");
}

function block(item: Block): string {
  switch (item.kind) {
    case "heading":
      return `<h2>${html(item.text)}</h2>`;
    case "paragraph":
      return `<p>${html(item.text)}</p>`;
    case "figures":
      return [
        '<table class="figures">',
        `<thead><tr><th scope="col">${html(t("report.column.figure"))}</th><th scope="col" class="number">${html(t("report.column.value"))}</th></tr></thead><tbody>`,
        ...item.rows.map(
          (row) =>
            `<tr data-figure="${row.id}"><th scope="row">${html(row.label)}</th><td class="number">${html(row.text)}</td></tr>`,
        ),
        "</tbody></table>",
      ].join("");
    case "chart":
      return [
        `<div class="chart" data-chart="${item.id}">`,
        `<figure><figcaption>${html(item.title)}</figcaption>${svg(item.drawing, item.id, item.title)}</figure>`,
        table(item.table, `${item.title} — ${t("report.chart.table")}`),
        "</div>",
      ].join("");
    case "table":
      return table(item.table, item.caption);
  }
}

/**
 * The report as one self-contained HTML page: its stylesheet inline (allowed
 * by hash in `REPORT_CSP`), its charts as inline SVG, no script, no image
 * or font to fetch; printable in black and white.
 */
export function renderReportHtml(report: MonthlyReport): string {
  const { title, subtitle } = titleOf(report);
  return [
    "<!doctype html>",
    '<html lang="fr"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${html(`${title} — ${subtitle}`)}</title>`,
    `<style>${STYLE}</style>`,
    "</head><body>",
    `<header><h1>${html(title)}</h1><p class="subtitle">${html(subtitle)}</p></header>`,
    "<main>",
    ...reportBlocks(report).map(block),
    "</main>",
    `<footer class="notes">${footnotes(report)
      .map((note) => `<p>${html(note)}</p>`)
      .join("")}</footer>`,
    "</body></html>",
    "",
  ].join("\n");
}
