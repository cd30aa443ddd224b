import type { ReactNode } from "react";
import { Link } from "../../router";
import { formatMonthShort, to } from "./i18n";

/** One bar: its label, its length, and the figure written beside it. */
export interface Bar {
  label: string;
  value: number;
  text: string;
}

const truncate = (text: string, length: number) =>
  text.length > length ? `${text.slice(0, length - 1)}…` : text;

/**
 * Horizontal bars, one per category, each labelled directly with its name
 * and its figure: read without colour. Hidden from assistive technologies:
 * the table that follows carries the same figures.
 */
export function BarChart(props: { bars: Bar[] }) {
  const { bars } = props;
  if (bars.length === 0) return null;
  const max = Math.max(0, ...bars.map((bar) => bar.value));
  const row = 30;
  const labelWidth = 220;
  const barWidth = 300;
  const height = bars.length * row + 8;
  return (
    <svg
      className="obs-chart"
      viewBox={`0 0 720 ${height}`}
      width="720"
      height={height}
      aria-hidden="true"
      focusable="false"
    >
      {bars.map((bar, index) => {
        const width = max > 0 ? (bar.value / max) * barWidth : 0;
        const y = index * row + 4;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: labels may repeat (groups hidden by the threshold)
          <g key={index}>
            <text x={labelWidth - 8} y={y + 17} textAnchor="end" className="obs-chart-label">
              {truncate(bar.label, 30)}
            </text>
            <rect x={labelWidth} y={y + 3} width={width} height={20} className="obs-bar" />
            <text x={labelWidth + width + 6} y={y + 17} className="obs-chart-value">
              {bar.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** One month's column: null when the month is withheld (a dash, the table says why). */
export interface Column {
  month: string;
  value: number | null;
  text: string;
}

/** Columns, one per month, each with its month below and its figure above. */
export function MonthChart(props: { columns: Column[] }) {
  const { columns } = props;
  if (columns.length === 0) return null;
  const max = Math.max(0, ...columns.map((column) => column.value ?? 0));
  const step = 64;
  const base = 170;
  const tallest = 130;
  const width = Math.max(320, columns.length * step + 16);
  return (
    <svg
      className="obs-chart"
      viewBox={`0 0 ${width} 200`}
      width={width}
      height="200"
      aria-hidden="true"
      focusable="false"
    >
      <line x1="8" x2={width - 8} y1={base} y2={base} className="obs-axis" />
      {columns.map((column, index) => {
        const height = max > 0 && column.value !== null ? (column.value / max) * tallest : 0;
        const x = 16 + index * step;
        return (
          <g key={column.month}>
            <rect x={x} y={base - height} width={step - 20} height={height} className="obs-bar" />
            <text
              x={x + (step - 20) / 2}
              y={base - height - 6}
              textAnchor="middle"
              className="obs-chart-value"
            >
              {column.value === null ? "—" : column.text}
            </text>
            <text
              x={x + (step - 20) / 2}
              y={base + 18}
              textAnchor="middle"
              className="obs-chart-label"
            >
              {formatMonthShort(column.month)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Where a figure's definition lives on the method page. */
export const methodHref = (anchor: string) => `/observatoire/methode#${anchor}`;

/** « Méthode », named after its figure for screen readers, to the figure's definition. */
export function MethodLink(props: { anchor: string; figure: string }) {
  return (
    <Link href={methodHref(props.anchor)} className="obs-method-link">
      {to("obs.method")}
      <span className="visually-hidden"> : {props.figure}</span>
    </Link>
  );
}

/** A table's caption: the figure's name and the link to how it is computed. */
export function Caption(props: { title: string; anchor: string }) {
  return (
    <caption>
      {props.title} <MethodLink anchor={props.anchor} figure={props.title} />
    </caption>
  );
}

/** A chart (optional) and its data table, one figure. */
export function Figure(props: { chart?: ReactNode; children: ReactNode }) {
  return (
    <div className="obs-figure">
      {props.chart && <div className="obs-chart-frame">{props.chart}</div>}
      <div className="table-wrapper">{props.children}</div>
    </div>
  );
}

/** The cells of a group the threshold withholds. */
export function HiddenCells(props: { count: number; span: number }) {
  return (
    <td colSpan={props.span} className="obs-hidden">
      {to("obs.hidden", { count: props.count })}
    </td>
  );
}
