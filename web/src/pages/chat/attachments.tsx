import { type RefObject, useEffect, useId, useRef, useState } from "react";
import { ApiError, call, type ResponseOf, send, urlOf } from "../../api/client";
import { useResource } from "../../components/use-resource";
import { formatBytes, t } from "../../i18n";
import type { AttachmentMention, Citation, Passage } from "./types";

/** A file attached to the message being written. */
export interface PendingAttachment {
  key: string;
  file: File;
  /** Its id once uploaded: it waits on the server for its message. */
  id?: string;
  /** Why it cannot be sent, in French (refused here or by the server). */
  error?: string;
}

type Limits = ResponseOf<"GET /api/conversations/attachment-limits">;

let lastKey = 0;

/** The files added to the list; those over the limits are kept with their refusal, to be removed. */
function withFiles(
  list: PendingAttachment[],
  files: File[],
  limits: Limits | undefined,
): PendingAttachment[] {
  const added = files.map((file, index): PendingAttachment => {
    const key = `attachment-${++lastKey}`;
    const name = file.name;
    if (limits && list.length + index >= limits.maxFilesPerMessage) {
      return {
        key,
        file,
        error: t("chat.attach.tooMany", { name, count: limits.maxFilesPerMessage }),
      };
    }
    if (limits && file.size > limits.maxFileBytes) {
      const sizes = { size: formatBytes(file.size), limit: formatBytes(limits.maxFileBytes) };
      return { key, file, error: t("chat.attach.tooLarge", { name, ...sizes }) };
    }
    return { key, file };
  });
  return [...list, ...added];
}

/** The upload's refusals that belong to a file (its chip says why); others fail the sending. */
const REFUSALS = new Set([
  "attachment_unsupported",
  "attachment_too_large",
  "attachment_unreadable",
  "too_many_attachments",
  "conversation_attachments_full",
]);

async function upload(conversationId: string, file: File): Promise<string> {
  const form = new FormData();
  form.append("files", file, file.name);
  const response = await send(
    "POST",
    urlOf("POST /api/conversations/:id/attachments", { params: { id: conversationId } }),
    form,
  );
  const [attachment] =
    (await response.json()) as ResponseOf<"POST /api/conversations/:id/attachments">;
  if (!attachment) throw new ApiError(response.status, "no_files", "");
  return attachment.id;
}

/**
 * Uploads the files not uploaded yet, one at a time (the server reads each
 * as it comes). Stops at the first refused, its reason on its chip: `ok` is
 * then false and nothing is sent. A failure that is no refusal (network,
 * session) is thrown.
 */
export async function uploadPending(
  conversationId: string,
  list: PendingAttachment[],
): Promise<{ list: PendingAttachment[]; ok: boolean }> {
  const out = [...list];
  for (const [index, attachment] of out.entries()) {
    if (attachment.error) return { list: out, ok: false };
    if (attachment.id) continue;
    try {
      out[index] = { ...attachment, id: await upload(conversationId, attachment.file) };
    } catch (error) {
      if (!(error instanceof ApiError && REFUSALS.has(error.code))) throw error;
      out[index] = { ...attachment, error: error.message };
      return { list: out, ok: false };
    }
  }
  return { list: out, ok: true };
}

/** The list without its upload ids: after a refusal the server deleted the files, they go again. */
export const notUploaded = (list: PendingAttachment[]): PendingAttachment[] =>
  list.map(({ id: _id, ...attachment }) => attachment);

/**
 * "Joindre des documents": a button that opens the file picker, or files
 * dropped on `dropZone` (the composer); each file a chip with its name, its
 * size and a button to take it back. Refusals are said on the chip and
 * announced; additions and removals are announced too.
 */
export function AttachmentField(props: {
  attachments: PendingAttachment[];
  onChange: (attachments: PendingAttachment[]) => void;
  dropZone: RefObject<HTMLElement | null>;
  /** Where uploaded files wait (a chip removed is taken back from there). */
  conversationId?: string | undefined;
}) {
  const { attachments, onChange, dropZone, conversationId } = props;
  const id = useId();
  const limits = useResource("GET /api/conversations/attachment-limits");
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const [announce, setAnnounce] = useState("");
  const latest = useRef({ attachments, onChange, limits: limits.data });
  latest.current = { attachments, onChange, limits: limits.data };

  const add = (files: File[]) => {
    if (files.length === 0) return;
    const current = latest.current;
    current.onChange(withFiles(current.attachments, files, current.limits));
    setAnnounce(
      t("chat.attach.added", {
        count: files.length,
        names: files.map((file) => `« ${file.name} »`).join(", "),
      }),
    );
  };
  const addRef = useRef(add);
  addRef.current = add;

  const remove = (attachment: PendingAttachment) => {
    onChange(attachments.filter((other) => other.key !== attachment.key));
    setAnnounce(t("chat.attach.removed", { name: attachment.file.name }));
    button.current?.focus();
    // Uploaded for a message that was not sent: taken back from the server too.
    if (attachment.id && conversationId) {
      void call("DELETE /api/conversations/:id/attachments/:attachmentId", {
        params: { id: conversationId, attachmentId: attachment.id },
      }).catch(() => {});
    }
  };

  // Files dropped on the composer (a bonus beside the button, which stays the way for everyone).
  useEffect(() => {
    const zone = dropZone.current;
    if (!zone) return;
    const over = (event: DragEvent) => {
      if (!event.dataTransfer?.types.includes("Files")) return;
      event.preventDefault();
      zone.classList.add("chat-composer-dropping");
    };
    const leave = () => zone.classList.remove("chat-composer-dropping");
    const drop = (event: DragEvent) => {
      if (!event.dataTransfer?.types.includes("Files")) return;
      event.preventDefault();
      zone.classList.remove("chat-composer-dropping");
      addRef.current(Array.from(event.dataTransfer.files));
    };
    zone.addEventListener("dragover", over);
    zone.addEventListener("dragleave", leave);
    zone.addEventListener("drop", drop);
    return () => {
      zone.removeEventListener("dragover", over);
      zone.removeEventListener("dragleave", leave);
      zone.removeEventListener("drop", drop);
    };
  }, [dropZone]);

  const refused = attachments.filter((attachment) => attachment.error);
  return (
    <div className="chat-attachments">
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept={limits.data?.formats.join(",")}
        onChange={(event) => {
          add(Array.from(event.target.files ?? []));
          event.target.value = "";
        }}
      />
      <button
        ref={button}
        type="button"
        className="button-secondary button-small"
        aria-describedby={`${id}-hint`}
        onClick={() => input.current?.click()}
      >
        <span aria-hidden="true">📎</span> {t("chat.attach.button")}
      </button>
      <p id={`${id}-hint`} className="hint">
        {t("chat.attach.hint", {
          count: limits.data?.maxFilesPerMessage ?? "…",
          size: limits.data
            ? formatBytes(limits.data.maxFileBytes)
            : t("chat.attach.limitsUnknown"),
        })}
      </p>
      {attachments.length > 0 && (
        <ul className="chat-chips" aria-label={t("chat.attach.list")}>
          {attachments.map((attachment) => (
            <li
              key={attachment.key}
              className={`chat-chip${attachment.error ? " chat-chip-refused" : ""}`}
            >
              <span className="chat-chip-name">{attachment.file.name}</span>{" "}
              <span className="chat-chip-size">
                {t("chat.attach.size", { size: formatBytes(attachment.file.size) })}
              </span>
              {attachment.error && (
                <strong className="chat-chip-state">
                  <span aria-hidden="true">⚠ </span>
                  {t("chat.attach.refused")}
                </strong>
              )}
              <button
                type="button"
                className="button-tertiary button-small"
                aria-label={t("chat.attach.removeFor", { name: attachment.file.name })}
                onClick={() => remove(attachment)}
              >
                {t("chat.attach.remove")}
              </button>
            </li>
          ))}
        </ul>
      )}
      {refused.length > 0 && (
        <div role="alert" className="field-error">
          {refused.map((attachment) => (
            <p key={attachment.key}>{attachment.error}</p>
          ))}
        </div>
      )}
      <div role="status" className="visually-hidden">
        {announce}
      </div>
    </div>
  );
}

/** The documents sent with a message, as it shows them. */
export function SentAttachments(props: { attachments: AttachmentMention[] | undefined }) {
  const attachments = props.attachments ?? [];
  if (attachments.length === 0) return null;
  return (
    <ul className="chat-chips chat-chips-sent" aria-label={t("chat.attach.sent")}>
      {attachments.map((attachment, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a sent message's files never change.
        <li key={index} className="chat-chip">
          <span aria-hidden="true">📄 </span>
          <span className="chat-chip-name">{attachment.fileName}</span>{" "}
          <span className="chat-chip-size">
            {t("chat.attach.size", { size: formatBytes(attachment.sizeBytes) })}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** A citation of a document attached to the conversation (it has no knowledge base). */
export const isAttachmentCitation = (citation: Citation): boolean =>
  citation.knowledgeBaseId === "";

/** The attached document a citation names, passage by passage, as the passage dialog shows them. */
export async function attachmentPassages(citation: Citation): Promise<Passage[]> {
  const attachment = await call("GET /api/attachments/:id", {
    params: { id: citation.documentId },
  });
  return attachment.passages.map((passage) => ({
    id: passage.id,
    documentId: attachment.id,
    knowledgeBaseId: "",
    knowledgeBaseName: "",
    fileName: attachment.fileName,
    title: attachment.fileName,
    section: passage.section,
    page: passage.page,
    ordinal: passage.ordinal,
    text: passage.text,
  }));
}
