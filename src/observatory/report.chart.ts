import { integer } from "./report.format.js";

/**
 * The report's charts as plain geometry (points, top-left origin, y down),
 * drawn alike as SVG in the HTML and with the PDF's vector primitives.
 * Readable in black and white: bars are outlined in black and filled with a
 * shade of grey or hatching, every bar carries its value as a label, and a
 * legend names each fill in words.
 */

/** A bar's fill: dark grey, light grey, or black diagonal hatching on white. */
export type Fill = "dark" | "light" | "hatch";

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  fill: Fill;
}

export interface Label {
  x: number;
  /** The text's baseline. */
  y: number;
  text: string;
  anchor: "start" | "middle" | "end";
  size: number;
  bold?: boolean;
}

export interface Line {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Drawing {
  width: number;
  height: number;
  bars: Bar[];
  labels: Label[];
  lines: Line[];
}

export const GREYS: Record<Exclude<Fill, "hatch">, string> = { dark: "#555555", light: "#c8c8c8" };

/** One bar per month (or none, and "n.c.", when withheld); a range as a low part and a hatched rest. */
export interface ColumnSeries {
  categories: { top: string; bottom: string }[];
  values: ({ low: number; high: number; label: string } | null)[];
  withheld: string;
  legend: { fill: Fill; text: string }[];
}

const SIZE = 7;

export function columnChart(series: ColumnSeries, width = 330, height = 190): Drawing {
  const legendHeight = series.legend.length * 11 + 4;
  const top = 14;
  const bottom = height - 24 - legendHeight;
  const left = 4;
  const plot = width - left * 2;
  const slot = plot / Math.max(series.categories.length, 1);
  const barWidth = slot * 0.62;
  const max = Math.max(0, ...series.values.map((value) => value?.high ?? 0));
  const scale = max > 0 ? (bottom - top) / max : 0;
  const drawing: Drawing = { width, height, bars: [], labels: [], lines: [] };
  drawing.lines.push({ x1: left, y1: bottom, x2: width - left, y2: bottom });
  series.categories.forEach((category, index) => {
    const center = left + slot * index + slot / 2;
    const value = series.values[index];
    drawing.labels.push(
      { x: center, y: bottom + 9, text: category.top, anchor: "middle", size: SIZE },
      { x: center, y: bottom + 18, text: category.bottom, anchor: "middle", size: SIZE },
    );
    if (!value) {
      drawing.labels.push({
        x: center,
        y: bottom - 3,
        text: series.withheld,
        anchor: "middle",
        size: SIZE,
      });
      return;
    }
    const x = center - barWidth / 2;
    const lowHeight = value.low * scale;
    const highHeight = value.high * scale;
    if (lowHeight > 0)
      drawing.bars.push({
        x,
        y: bottom - lowHeight,
        width: barWidth,
        height: lowHeight,
        fill: "dark",
      });
    if (highHeight - lowHeight > 0.01)
      drawing.bars.push({
        x,
        y: bottom - highHeight,
        width: barWidth,
        height: highHeight - lowHeight,
        fill: "hatch",
      });
    drawing.labels.push({
      x: center,
      y: bottom - highHeight - 3,
      text: value.label,
      anchor: "middle",
      size: SIZE,
      bold: true,
    });
  });
  legend(drawing, series.legend, left, height - legendHeight + 4);
  return drawing;
}

/** Rows of two bars each (e.g. requests and validated answers per use case). */
export interface PairedRows {
  rows: { name: string; first: number; second: number }[];
  fills: [Fill, Fill];
  legend: { fill: Fill; text: string }[];
}

export function pairedRowChart(series: PairedRows, width = 280): Drawing {
  const rowHeight = 36;
  const legendHeight = series.legend.length * 11 + 4;
  const height = series.rows.length * rowHeight + legendHeight + 6;
  const left = 4;
  const right = width - 40;
  const max = Math.max(0, ...series.rows.flatMap((row) => [row.first, row.second]));
  const scale = max > 0 ? (right - left) / max : 0;
  const drawing: Drawing = { width, height, bars: [], labels: [], lines: [] };
  series.rows.forEach((row, index) => {
    const y = index * rowHeight + 10;
    drawing.labels.push({ x: left, y, text: shorten(row.name, 60), anchor: "start", size: SIZE });
    [row.first, row.second].forEach((value, which) => {
      const barY = y + 3 + which * 11;
      const barWidth = value * scale;
      if (barWidth > 0)
        drawing.bars.push({
          x: left,
          y: barY,
          width: barWidth,
          height: 9,
          fill: series.fills[which] ?? "dark",
        });
      drawing.labels.push({
        x: left + barWidth + 3,
        y: barY + 7.5,
        text: integer(value),
        anchor: "start",
        size: SIZE,
        bold: true,
      });
    });
  });
  drawing.lines.push({ x1: left, y1: 0, x2: left, y2: series.rows.length * rowHeight });
  legend(drawing, series.legend, left, height - legendHeight + 4);
  return drawing;
}

function legend(drawing: Drawing, items: { fill: Fill; text: string }[], x: number, y: number) {
  items.forEach((item, index) => {
    const top = y + index * 11;
    drawing.bars.push({ x, y: top, width: 14, height: 8, fill: item.fill });
    drawing.labels.push({ x: x + 19, y: top + 7, text: item.text, anchor: "start", size: SIZE });
  });
}

const shorten = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;
