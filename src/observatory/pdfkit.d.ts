// pdfkit ships no declarations: the part of its API the monthly report draws with.
declare module "pdfkit" {
  interface TextOptions {
    width?: number;
    align?: "left" | "center" | "right" | "justify";
    lineBreak?: boolean;
    lineGap?: number;
  }

  interface DocumentOptions {
    size?: string | [number, number];
    margins?: { top: number; bottom: number; left: number; right: number };
    info?: { Title?: string; Author?: string; Subject?: string; CreationDate?: Date };
    lang?: string;
    bufferPages?: boolean;
    displayTitle?: boolean;
  }

  class PDFDocument {
    constructor(options?: DocumentOptions);
    page: { width: number; height: number; margins: { bottom: number } };
    y: number;
    on(event: "data", listener: (chunk: Uint8Array) => void): this;
    on(event: "end", listener: () => void): this;
    on(event: "error", listener: (error: Error) => void): this;
    addPage(): this;
    font(name: string): this;
    fontSize(size: number): this;
    text(text: string, x?: number, y?: number, options?: TextOptions): this;
    widthOfString(text: string, options?: TextOptions): number;
    heightOfString(text: string, options?: TextOptions): number;
    rect(x: number, y: number, width: number, height: number): this;
    moveTo(x: number, y: number): this;
    lineTo(x: number, y: number): this;
    lineWidth(width: number): this;
    fillColor(color: string): this;
    strokeColor(color: string): this;
    fill(color?: string): this;
    stroke(color?: string): this;
    clip(): this;
    save(): this;
    restore(): this;
    bufferedPageRange(): { start: number; count: number };
    switchToPage(index: number): this;
    end(): void;
  }

  export default PDFDocument;
}
