import type {} from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import { AppError, appError } from "../shared/errors.js";

/** A file of a multipart upload. */
export interface UploadedFile {
  fileName: string;
  bytes: Uint8Array;
  /** The file went past the size limit: its bytes were dropped, it is refused by name. */
  oversized?: boolean;
}

export interface UploadLimits {
  /** Files in one upload; one more is `tooMany()`. */
  maxFiles: number;
  /** Each file's bytes (default: the server's multipart limit). */
  maxFileBytes?: number;
  /** All the files' bytes together; past it the upload is refused whole (`upload_too_large`). */
  maxBytes?: number;
  tooMany: () => AppError;
}

/** The multipart parser's own limits, raised once an upload has gone past ours. */
const PARSER_LIMITS = new Set(["FST_FILES_LIMIT", "FST_PARTS_LIMIT"]);

/**
 * Reads the files of a multipart upload, all of them before any is stored:
 * an upload over the number of files or the total size is refused whole,
 * with the limit, rather than half stored. A file over the size limit is
 * kept as a marker (its bytes dropped) so that it is refused by name, like
 * any other bad file, without spoiling the others. Knowledge bases and
 * conversations' attachments both read their uploads here.
 */
export async function uploadedFiles(
  request: FastifyRequest,
  limits: UploadLimits,
): Promise<UploadedFile[]> {
  if (!request.isMultipart()) throw new AppError("unsupported_media_type");
  const files: UploadedFile[] = [];
  let bytesRead = 0;
  try {
    for await (const part of request.parts({
      limits: {
        files: limits.maxFiles + 1,
        ...(limits.maxFileBytes !== undefined && { fileSize: limits.maxFileBytes }),
      },
    })) {
      if (part.type !== "file") continue;
      if (files.length >= limits.maxFiles) throw limits.tooMany();
      const bytes = await part.toBuffer();
      const oversized = part.file.truncated;
      if (!oversized) bytesRead += bytes.byteLength;
      if (limits.maxBytes !== undefined && bytesRead > limits.maxBytes) {
        throw new AppError("upload_too_large", {
          limit: Math.floor(limits.maxBytes / 1024 / 1024),
        });
      }
      files.push({
        fileName: part.filename || "sans-nom",
        // A view on the buffer, not a copy: a large upload is held once.
        bytes: oversized
          ? new Uint8Array(0)
          : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        ...(oversized && { oversized: true }),
      });
    }
  } catch (error) {
    if (PARSER_LIMITS.has((error as { code?: string }).code ?? "")) throw limits.tooMany();
    throw error;
  }
  if (files.length === 0) throw appError("no_files");
  return files;
}
