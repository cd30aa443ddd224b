import { t } from "../i18n/index.js";
import type { Principal } from "../identity/index.js";
import {
  type DocumentReader,
  DocumentRejected,
  decodeText,
  type RejectionCode,
} from "../knowledge/index.js";
import type { TurnAttachment, TurnCitation } from "../pipeline/index.js";
import type { Clock, Ids } from "../shared/clock.js";
import { type AppError, appError } from "../shared/errors.js";
import type { AttachmentTable } from "../store/index.js";
import { relevance } from "./attachment-ranking.js";
import type { AttachmentsRepository } from "./attachments.repository.js";
import type { ConversationsRepository } from "./conversations.repository.js";

/** What attached documents may weigh and hold (`attachments` in the configuration). */
export interface AttachmentLimits {
  maxFileBytes: number;
  maxFilesPerMessage: number;
  maxFilesPerConversation: number;
  /** Characters of text one file may hold. */
  maxCharacters: number;
}

/** A file as the upload received it. */
export interface IncomingAttachment {
  fileName: string;
  bytes: Uint8Array;
  /** The upload was cut at the size limit: refused as too large. */
  oversized?: boolean;
}

/** An attached document as the API shows it (never its text). */
export interface Attachment {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  pageCount: number | null;
  characterCount: number;
  /** False while it waits for the message it will be sent with. */
  sent: boolean;
  createdAt: string;
}

/** One passage of an attached document, as the citation dialog shows it. */
export interface AttachmentPassage {
  id: string;
  ordinal: number;
  section: string;
  page: number | null;
  text: string;
}

/** What a message keeps of the documents sent with it: the page shows them on the message. */
export interface AttachmentMention {
  id?: string;
  fileName: string;
  sizeBytes: number;
}

interface StoredPassage {
  text: string;
  section: string;
  page: number | null;
}

const present = (row: Omit<AttachmentTable, "passages">): Attachment => ({
  id: row.id,
  fileName: row.file_name,
  mediaType: row.media_type,
  sizeBytes: Number(row.size_bytes),
  pageCount: row.page_count === null ? null : Number(row.page_count),
  characterCount: Number(row.character_count),
  sent: row.message_id !== null,
  createdAt: row.created_at,
});

/** A passage's id: its document's and its place there. */
const passageId = (attachmentId: string, ordinal: number) => `${attachmentId}-${ordinal}`;

const passagesOf = (row: AttachmentTable): StoredPassage[] =>
  JSON.parse(row.passages) as StoredPassage[];

/** The name a file is shown and cited under: its own, without a folder, on one line. */
function cleanName(name: string): string {
  const base = name.replace(/\\/g, "/").split("/").pop() ?? "";
  return (
    base
      .replace(/[\p{Cc}\p{Cf}]+/gu, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 200) || "sans-nom"
  );
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const NUMBERS = new Intl.NumberFormat("fr-FR");

/** Citations of attached passages open the document through this API, not a base's. */
export function attachmentCitations(
  citations: TurnCitation[],
  attachments: readonly TurnAttachment[],
): TurnCitation[] {
  const ids = new Set(attachments.map((attachment) => attachment.id));
  return citations.map((citation) =>
    ids.has(citation.documentId)
      ? { ...citation, url: `/api/attachments/${encodeURIComponent(citation.documentId)}` }
      : citation,
  );
}

/**
 * Documents an agent attaches to a message. Read at upload, off the event
 * loop, by the knowledge bases' parsers (`DocumentReader`: the reading
 * thread), under the same limits but a file size and a text length of their
 * own; stored as passages with the conversation, never in a base or its
 * index. An attachment waits for its message; sent with it, it stays with
 * the conversation (its later turns read it too) until the conversation is
 * deleted; refused with it, it is deleted, as the refused message is kept
 * only masked.
 */
export class AttachmentsService {
  constructor(
    private readonly deps: {
      attachments: AttachmentsRepository;
      conversations: ConversationsRepository;
      reader: DocumentReader;
      /** Reads without overlap between passages: a document's text whole (a use case's field). */
      textReader?: DocumentReader;
      limits: AttachmentLimits;
      clock: Clock;
      ids: Ids;
    },
  ) {}

  get limits(): AttachmentLimits {
    return this.deps.limits;
  }

  /**
   * Reads files for the next message of a conversation, all of them before
   * any is stored: one refused file refuses the upload, with the file's name
   * and why, in French, and a stable code.
   */
  async upload(
    principal: Principal,
    conversationId: string,
    files: IncomingAttachment[],
  ): Promise<Attachment[]> {
    await this.owned(principal, conversationId);
    const { limits, attachments, clock, ids } = this.deps;
    if (files.length === 0) throw appError("no_files");
    if (files.length > limits.maxFilesPerMessage) {
      throw appError("too_many_attachments", { limit: limits.maxFilesPerMessage });
    }
    if ((await attachments.count(conversationId)) + files.length > limits.maxFilesPerConversation) {
      throw appError("conversation_attachments_full", { limit: limits.maxFilesPerConversation });
    }
    const rows: AttachmentTable[] = [];
    for (const file of files) {
      const fileName = cleanName(file.fileName);
      if (file.oversized || file.bytes.byteLength > limits.maxFileBytes) {
        throw this.rejection(fileName, "too_large");
      }
      let read: Awaited<ReturnType<DocumentReader["read"]>>;
      try {
        read = await this.deps.reader.read(file.bytes, fileName);
      } catch (error) {
        if (error instanceof DocumentRejected) throw this.rejection(fileName, error.code);
        throw error;
      }
      const passages: StoredPassage[] = read.chunks.map((chunk) => ({
        text: chunk.text,
        section: chunk.sectionPath.join(" › "),
        page: chunk.page,
      }));
      rows.push({
        id: ids.id(),
        conversation_id: conversationId,
        message_id: null,
        ordinal: rows.length,
        file_name: fileName,
        media_type: read.mediaType,
        size_bytes: file.bytes.byteLength,
        page_count: read.pageCount,
        character_count: passages.reduce((sum, passage) => sum + passage.text.length, 0),
        passages: JSON.stringify(passages),
        created_at: clock.now().toISOString(),
      });
    }
    await attachments.insert(rows);
    return rows.map(present);
  }

  /**
   * The text of a file, read by the same parsers and under the same limits
   * as an attachment, given back and kept nowhere: what a use case's
   * `document` field holds.
   */
  async text(file: IncomingAttachment): Promise<{ fileName: string; text: string }> {
    const fileName = cleanName(file.fileName);
    if (file.oversized || file.bytes.byteLength > this.deps.limits.maxFileBytes)
      throw this.rejection(fileName, "too_large");
    try {
      // A WebVTT transcript is kept as written: its cues and voices are what the minutes read.
      if (/\.vtt$/i.test(fileName)) {
        const text = decodeText(file.bytes);
        if (text.length > this.deps.limits.maxCharacters)
          throw this.rejection(fileName, "too_much_text");
        return { fileName, text };
      }
      const read = await (this.deps.textReader ?? this.deps.reader).read(file.bytes, fileName);
      return { fileName, text: read.chunks.map((chunk) => chunk.text).join("\n\n") };
    } catch (error) {
      if (error instanceof DocumentRejected) throw this.rejection(fileName, error.code);
      throw error;
    }
  }

  /** An attached document with its passages, for its owner: what a citation opens. */
  async get(
    principal: Principal,
    id: string,
  ): Promise<Attachment & { conversationId: string; passages: AttachmentPassage[] }> {
    const row = await this.deps.attachments.byId(id);
    if (!row) throw appError("attachment_not_found");
    const conversation = await this.deps.conversations.byId(row.conversation_id);
    if (!conversation || conversation.user_id !== principal.userId) {
      throw appError("attachment_not_found");
    }
    return {
      ...present(row),
      conversationId: row.conversation_id,
      passages: passagesOf(row).map((passage, ordinal) => ({
        id: passageId(row.id, ordinal),
        ordinal,
        ...passage,
      })),
    };
  }

  /** Takes back a document that waits for its message; one already sent stays. */
  async remove(principal: Principal, conversationId: string, id: string): Promise<void> {
    await this.owned(principal, conversationId);
    const [row] = await this.deps.attachments.withIds(conversationId, [id]);
    if (!row) throw appError("attachment_not_found");
    if (row.message_id !== null) throw appError("attachment_sent");
    await this.deps.attachments.delete([id]);
  }

  /**
   * The documents a turn reads: those attached to the message being sent, in
   * the order given (each must wait for its message in this conversation),
   * then those sent with the earlier messages of its history, the latest
   * first; every passage scored for the question.
   */
  async forTurn(
    conversationId: string,
    attachedIds: readonly string[],
    historyMessageIds: readonly string[],
    question: string,
  ): Promise<(TurnAttachment & { sizeBytes: number })[]> {
    if (attachedIds.length > this.deps.limits.maxFilesPerMessage) {
      throw appError("too_many_attachments", { limit: this.deps.limits.maxFilesPerMessage });
    }
    const named = await this.deps.attachments.withIds(conversationId, [...attachedIds]);
    const attached = attachedIds.map((id) => {
      const row = named.find((candidate) => candidate.id === id);
      if (!row) throw appError("attachment_not_found");
      if (row.message_id !== null) throw appError("attachment_sent");
      return row;
    });
    const latest = (row: AttachmentTable) => historyMessageIds.indexOf(row.message_id ?? "");
    const earlier = (await this.deps.attachments.ofMessages([...historyMessageIds])).sort(
      (a, b) => latest(b) - latest(a) || a.ordinal - b.ordinal,
    );
    const documents = [...attached, ...earlier].map((row) => ({ row, passages: passagesOf(row) }));
    const scores = await relevance(
      question,
      documents.flatMap(({ passages }) => passages),
    );
    let at = 0;
    return documents.map(({ row, passages }) => ({
      id: row.id,
      fileName: row.file_name,
      sizeBytes: Number(row.size_bytes),
      passages: passages.map((passage, ordinal) => ({
        id: passageId(row.id, ordinal),
        section: passage.section,
        page: passage.page,
        text: passage.text,
        score: scores[at++] ?? 0,
      })),
    }));
  }

  /**
   * After the turn: the documents sent with a stored message are tied to it;
   * with a refused one (`messageId` null), deleted. Either way, documents
   * left waiting from an earlier attempt go.
   */
  async settle(
    conversationId: string,
    attachedIds: readonly string[],
    messageId: string | null,
  ): Promise<void> {
    const { attachments } = this.deps;
    if (messageId) await attachments.bind([...attachedIds], messageId);
    else await attachments.delete([...attachedIds]);
    await attachments.deleteWaiting(conversationId);
  }

  private rejection(file: string, code: RejectionCode): AppError {
    const { limits } = this.deps;
    const details = { fileName: file, reason: code };
    if (code === "unsupported_type") return appError("attachment_unsupported", { file }, details);
    if (code === "too_large" || code === "too_much_text") {
      const limit =
        code === "too_large"
          ? t("attachments.size_limit", { limit: Math.round(limits.maxFileBytes / 1024 / 1024) })
          : t("attachments.text_limit", { limit: NUMBERS.format(limits.maxCharacters) });
      return appError("attachment_too_large", { file, limit }, details);
    }
    const reason =
      code === "parse_timeout" || code === "parse_crashed"
        ? t("attachments.interrupted")
        : lowerFirst(t(`knowledge.rejected.${code}`));
    return appError("attachment_unreadable", { file, reason }, details);
  }

  private async owned(principal: Principal, conversationId: string) {
    const row = await this.deps.conversations.byId(conversationId);
    if (!row || row.user_id !== principal.userId) throw appError("conversation_not_found");
    return row;
  }
}
