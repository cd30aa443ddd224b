/**
 * What every parser produces: the document's title (when it has one) and its
 * text as a flat list of structural blocks, in reading order. Headings carry
 * their level, so that the chunker can rebuild each passage's section path;
 * PDF blocks carry their page number (1-based).
 */
export type BlockKind = "heading" | "paragraph" | "list-item";

export interface Block {
  kind: BlockKind;
  text: string;
  /** Heading level, 1 (top) to 6; only on headings. */
  level?: number;
  /** 1-based page, when the format has pages (PDF). */
  page?: number;
}

export interface ParsedDocument {
  title: string | null;
  blocks: Block[];
  /** Number of pages, when the format has pages. */
  pageCount?: number;
}

export const MEDIA_TYPES = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  odt: "application/vnd.oasis.opendocument.text",
  html: "text/html",
  markdown: "text/markdown",
  text: "text/plain",
} as const;
export type MediaType = (typeof MEDIA_TYPES)[keyof typeof MEDIA_TYPES];

/** Why a file cannot be ingested; each code has a French sentence `knowledge.rejected.<code>` in src/i18n/fr.ts. */
export type RejectionCode =
  | "unsupported_type"
  | "too_large"
  | "archive_bomb"
  | "encrypted_pdf"
  | "no_text_layer"
  | "corrupt_file"
  | "empty_document"
  /** The personal-data scan failed: the document is not indexed in clear (fail closed). */
  | "scan_failed"
  /** More text than one document may hold (`ParseLimits.maxTextCharacters`). */
  | "too_much_text"
  /** Reading ran past its time budget: the reading thread was stopped, the document is not tried again. */
  | "parse_timeout"
  /** The reading thread died (out of memory, say) on this document: it is not tried again. */
  | "parse_crashed";

/** A file refused by sniffing or parsing: the document is marked failed with this code's French reason. */
export class DocumentRejected extends Error {
  constructor(
    readonly code: RejectionCode,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = "DocumentRejected";
  }
}

export interface ParseLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** DOCX/ODT: most bytes all entries together may inflate to. */
  maxInflatedBytes: number;
  /** DOCX/ODT: highest inflated/compressed ratio for one entry. */
  maxCompressionRatio: number;
  /**
   * HTML, DOCX, ODT: deepest element nesting kept. Deeper elements are read as part of their
   * deepest kept ancestor (their text stays), so that every step of the tree costs at most this.
   */
  maxNestingDepth: number;
  /** Most characters of text a document may yield (`too_much_text` past it). */
  maxTextCharacters: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxInflatedBytes: 100 * 1024 * 1024,
  maxCompressionRatio: 100,
  // Real pages and office files nest a few dozen elements; an unclosed <font> per line of an old
  // page can reach a few hundred.
  maxNestingDepth: 256,
  // About 1.5 million words, some 3,000 pages: what the guard scans and the index holds for one file.
  maxTextCharacters: 10_000_000,
};
