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
  | "scan_failed";

/** A file refused by sniffing or parsing: the document is marked failed with this code's French reason. */
export class DocumentRejected extends Error {
  constructor(
    readonly code: RejectionCode,
    detail?: string,
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
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxInflatedBytes: 100 * 1024 * 1024,
  maxCompressionRatio: 100,
};
