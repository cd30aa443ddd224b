import type { Block } from "./types.js";

// Every Unicode space (NBSP, narrow NBSP before French ";:!?", em space…) and line break.
const SPACES = /[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/gu;
// Invisible characters that only split words: zero-width spaces and joiners, BOM, soft hyphen.
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/gu;

/** Collapses every run of whitespace (NBSP included) to one space, drops invisible characters, trims. */
export function normalizeWhitespace(text: string): string {
  return text.replace(INVISIBLE, "").replace(SPACES, " ").trim();
}

/** A title worth keeping: whitespace-normalised, non-empty. */
export function cleanTitle(text: string | null | undefined): string | null {
  const title = normalizeWhitespace(text ?? "");
  return title === "" ? null : title;
}

/** Collects blocks in reading order, normalising their text and dropping the empty ones. */
export class BlockList {
  readonly blocks: Block[] = [];

  heading(text: string, level: number, page?: number): void {
    this.push({ kind: "heading", text, level: Math.min(6, Math.max(1, Math.round(level))), page });
  }

  paragraph(text: string, page?: number): void {
    this.push({ kind: "paragraph", text, page });
  }

  listItem(text: string, page?: number): void {
    this.push({ kind: "list-item", text, page });
  }

  /** The first heading's text, the usual fallback for a document's title. */
  firstHeading(): string | null {
    return this.blocks.find((block) => block.kind === "heading")?.text ?? null;
  }

  private push(block: Block): void {
    const text = normalizeWhitespace(block.text);
    if (text === "") return;
    const clean: Block = { kind: block.kind, text };
    if (block.kind === "heading") clean.level = block.level;
    if (block.page !== undefined) clean.page = block.page;
    this.blocks.push(clean);
  }
}
