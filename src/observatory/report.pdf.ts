import PDFDocument from "pdfkit";
import { t } from "../i18n/index.js";
import { type Drawing, GREYS } from "./report.chart.js";
import { type Block, footnotes, reportBlocks, type Table, titleOf } from "./report.content.js";
import type { MonthlyReport } from "./report.service.js";

const MARGIN = 50;
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const CONTENT = PAGE_WIDTH - MARGIN * 2;
const BOTTOM = PAGE_HEIGHT - MARGIN;
const GAP = 15;
const PAD = 3;
const BODY = 9;
const REGULAR = "Helvetica";
/** A cell right-aligned: a number, a share, or "n.c.". */
const NUMBER = /^[\d\s\u00a0,.+−%-]+$|^n\.c\.$/;
const BOLD = "Helvetica-Bold";

/** Characters of the built-in fonts' encoding (Windows-1252) beyond Latin-1. */
const WINDOWS_1252 = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

/**
 * Text the built-in fonts can show: French digit grouping's narrow space
 * and the minus sign become their plain forms, anything else outside the
 * encoding a question mark (the report's own text never has any).
 */
export const pdfText = (text: string) =>
  text
    .replace(/\u202f/g, "\u00a0")
    .replace(/\u2212/g, "-")
    .replace(/[^\n\u0020-\u007e\u00a0-\u00ff]/g, (char) => (WINDOWS_1252.has(char) ? char : "?"));

/**
 * The report as a PDF drawn with pdfkit's vector primitives and built-in
 * fonts (Helvetica, whose encoding holds French accents): nothing loaded
 * from outside, nothing native. Charts are grey and hatched bars with their
 * values written on them, each beside the table of its figures.
 */
export function renderReportPdf(report: MonthlyReport): Promise<Uint8Array> {
  const { title, subtitle } = titleOf(report);
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    info: {
      Title: pdfText(`${title} — ${subtitle}`),
      Author: "Beffroi",
      CreationDate: new Date(report.generatedAt),
    },
    lang: "fr-FR",
    bufferPages: true,
    displayTitle: true,
  });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("data", (chunk) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const pen = new Pen(doc);
  pen.write(title, { font: BOLD, size: 18 });
  pen.write(subtitle, { font: REGULAR, size: 12, after: 8 });
  for (const block of reportBlocks(report)) pen.block(block);
  pen.space(12);
  for (const note of footnotes(report)) pen.write(note, { font: REGULAR, size: 8, after: 2 });
  pen.pageNumbers();
  doc.end();
  return done;
}

/** Writes blocks down the page, starting a new one when the next does not fit. */
class Pen {
  y = MARGIN;

  constructor(private readonly doc: PDFDocument) {}

  space(points: number) {
    this.y += points;
  }

  /** Starts a new page unless `height` fits below. */
  ensure(height: number) {
    if (this.y + height <= BOTTOM) return;
    this.doc.addPage();
    this.y = MARGIN;
  }

  write(
    text: string,
    options: { font: string; size: number; after?: number; x?: number; width?: number },
  ) {
    const width = options.width ?? CONTENT;
    const shown = pdfText(text);
    this.doc.font(options.font).fontSize(options.size);
    const height = this.doc.heightOfString(shown, { width });
    this.ensure(height);
    this.doc.fillColor("#000000").text(shown, options.x ?? MARGIN, this.y, { width });
    this.y += height + (options.after ?? 4);
  }

  block(block: Block) {
    switch (block.kind) {
      case "heading": {
        // A heading never ends a page alone.
        this.ensure(80);
        this.space(10);
        this.write(block.text, { font: BOLD, size: 13, after: 2 });
        this.doc
          .lineWidth(1.2)
          .moveTo(MARGIN, this.y)
          .lineTo(MARGIN + CONTENT, this.y)
          .stroke("#000000");
        this.space(6);
        return;
      }
      case "paragraph":
        this.write(block.text, { font: REGULAR, size: BODY, after: 6 });
        return;
      case "figures":
        this.table(
          {
            head: [t("report.column.figure"), t("report.column.value")],
            rows: block.rows.map((row) => [row.label, row.text]),
          },
          MARGIN,
          CONTENT,
          [0.58, 0.42],
          true,
        );
        this.space(6);
        return;
      case "table":
        this.write(block.caption, { font: BOLD, size: BODY, after: 2 });
        this.table(block.table, MARGIN, CONTENT);
        this.space(6);
        return;
      case "chart": {
        const tableWidth = CONTENT - block.drawing.width - GAP;
        const tableHeight = this.tableHeight(block.table, tableWidth);
        this.ensure(16 + Math.max(block.drawing.height, tableHeight));
        this.write(block.title, { font: BOLD, size: 10, after: 4 });
        const top = this.y;
        this.chart(block.drawing, MARGIN, top);
        this.table(block.table, MARGIN + block.drawing.width + GAP, tableWidth);
        this.y = Math.max(this.y, top + block.drawing.height) + 10;
        return;
      }
    }
  }

  /** A chart's geometry drawn at (x, y): outlined bars, grey or hatched, and their labels. */
  chart(drawing: Drawing, x: number, y: number) {
    const doc = this.doc;
    for (const line of drawing.lines)
      doc
        .lineWidth(0.8)
        .moveTo(x + line.x1, y + line.y1)
        .lineTo(x + line.x2, y + line.y2)
        .stroke("#000000");
    for (const bar of drawing.bars) {
      const [left, top] = [x + bar.x, y + bar.y];
      if (bar.fill === "hatch") {
        doc.save();
        doc.rect(left, top, bar.width, bar.height).clip();
        doc.lineWidth(0.7);
        for (let offset = -bar.height; offset < bar.width; offset += 4)
          doc
            .moveTo(left + offset, top + bar.height)
            .lineTo(left + offset + bar.height, top)
            .stroke("#000000");
        doc.restore();
      } else doc.rect(left, top, bar.width, bar.height).fill(GREYS[bar.fill]);
      doc.lineWidth(0.6).rect(left, top, bar.width, bar.height).stroke("#000000");
    }
    for (const label of drawing.labels) {
      const text = pdfText(label.text);
      doc.font(label.bold ? BOLD : REGULAR).fontSize(label.size);
      const width = doc.widthOfString(text);
      const left =
        label.anchor === "start"
          ? label.x
          : label.anchor === "middle"
            ? label.x - width / 2
            : label.x - width;
      doc
        .fillColor("#000000")
        .text(text, x + left, y + label.y - label.size * 0.74, { lineBreak: false });
    }
  }

  /**
   * Columns as wide as their longest cell (up to a point), never narrower
   * than their head's longest word: what a narrow column needs is taken from
   * the others.
   */
  private widths(table: Table, width: number, shares?: number[]): number[] {
    if (shares) return shares.map((share) => share * width);
    this.doc.font(BOLD).fontSize(BODY - 0.5);
    const floors = table.head.map(
      (head) =>
        Math.max(...head.split(/\s+/).map((word) => this.doc.widthOfString(pdfText(word)))) +
        PAD * 2 +
        2,
    );
    const weights = table.head.map((_, index) =>
      Math.min(40, Math.max(6, ...table.rows.map((row) => (row[index] ?? "").length))),
    );
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    const widths = weights.map((weight, index) =>
      Math.max(floors[index] ?? 0, (weight / total) * width),
    );
    const excess = widths.reduce((sum, w) => sum + w, 0) - width;
    const room = widths.reduce((sum, w, index) => sum + w - (floors[index] ?? 0), 0);
    return excess > 0 && room > 0
      ? widths.map((w, index) => w - (excess * (w - (floors[index] ?? 0))) / room)
      : widths;
  }

  private rowHeight(cells: string[], widths: number[], font: string): number {
    this.doc.font(font).fontSize(BODY - 0.5);
    return (
      Math.max(
        ...cells.map((cell, index) =>
          this.doc.heightOfString(pdfText(cell), { width: (widths[index] ?? 20) - PAD * 2 }),
        ),
      ) +
      PAD * 2
    );
  }

  tableHeight(table: Table, width: number): number {
    const widths = this.widths(table, width);
    return [table.head, ...table.rows].reduce(
      (sum, row, index) => sum + this.rowHeight(row, widths, index === 0 ? BOLD : REGULAR),
      0,
    );
  }

  /** A table with its head (repeated on a new page), cells outlined, numbers right-aligned. */
  table(table: Table, x: number, width: number, shares?: number[], numbers = false) {
    const doc = this.doc;
    const widths = this.widths(table, width, shares);
    const row = (cells: string[], head: boolean) => {
      const font = head ? BOLD : REGULAR;
      const height = this.rowHeight(cells, widths, font);
      let left = x;
      cells.forEach((cell, index) => {
        const cellWidth = widths[index] ?? 20;
        if (head) doc.rect(left, this.y, cellWidth, height).fill(GREYS.light);
        doc.lineWidth(0.5).rect(left, this.y, cellWidth, height).stroke("#000000");
        doc
          .font(font)
          .fontSize(BODY - 0.5)
          .fillColor("#000000")
          .text(pdfText(cell), left + PAD, this.y + PAD, {
            width: cellWidth - PAD * 2,
            align: index > 0 && (numbers || NUMBER.test(cell)) ? "right" : "left",
          });
        left += cellWidth;
      });
      this.y += height;
    };
    this.ensure(this.rowHeight(table.head, widths, BOLD) * 2);
    row(table.head, true);
    for (const cells of table.rows) {
      const height = this.rowHeight(cells, widths, REGULAR);
      if (this.y + height > BOTTOM) {
        doc.addPage();
        this.y = MARGIN;
        row(table.head, true);
      }
      row(cells, false);
    }
  }

  /** "Page 2 sur 3" at the foot of every page. */
  pageNumbers() {
    const doc = this.doc;
    const { start, count } = doc.bufferedPageRange();
    for (let index = start; index < start + count; index++) {
      doc.switchToPage(index);
      // Written in the bottom margin: pdfkit would otherwise start a new page for it.
      doc.page.margins.bottom = 0;
      const text = pdfText(t("report.page", { page: index + 1, pages: count }));
      doc.font(REGULAR).fontSize(8);
      const width = doc.widthOfString(text);
      doc
        .fillColor("#000000")
        .text(text, MARGIN + CONTENT - width, PAGE_HEIGHT - MARGIN / 2 - 4, { lineBreak: false });
    }
  }
}
