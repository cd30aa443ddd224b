import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { type Language, preferredLanguage, t, tIn } from "../i18n/index.js";
import { AppError } from "../shared/errors.js";

/** The one shape of every API error. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/**
 * OpenAI's error, as its clients read it (`type`, `code`, `param`, `message`):
 * OpenAI's own code where one means the same (the Beffroi code beside it), the
 * field at fault, and the message in English when the client asks for it.
 */
export interface OpenAiErrorBody {
  error: {
    message: string;
    type: string;
    param: string | null;
    code: string;
    beffroi_code?: string;
    details?: unknown;
  };
}

/** Beffroi's codes that OpenAI names otherwise. */
const OPENAI_CODES: Readonly<Record<string, string>> = {
  context_too_long: "context_length_exceeded",
  model_unknown: "model_not_found",
  rate_limited: "rate_limit_exceeded",
};

/** The request field a code is about, when it is always the same one. */
const PARAMS: Readonly<Record<string, string>> = {
  model_unknown: "model",
  model_not_embeddings: "model",
  context_too_long: "messages",
  tools_not_supported: "messages",
  content_not_supported: "messages",
};

function openAiType(status: number): string {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 429) return "rate_limit_error";
  return status >= 500 ? "server_error" : "invalid_request_error";
}

/** The OpenAI-shaped body of an error, in `language`. */
export function openAiError(error: AppError, language: Language = "fr"): OpenAiErrorBody {
  const fields = Array.isArray(error.details)
    ? (error.details as { field?: unknown }[]).map((issue) => issue.field)
    : [];
  const field =
    typeof fields[0] === "string" ? fields[0].replace(/^(body|query|params)\./, "") : null;
  const code = OPENAI_CODES[error.code] ?? error.code;
  return {
    error: {
      message: tIn(language, `error.${error.code}`, error.params),
      type: openAiType(error.status),
      param: PARAMS[error.code] ?? field,
      code,
      ...(code !== error.code && { beffroi_code: error.code }),
      ...(error.details !== undefined && { details: error.details }),
    },
  };
}

/** Whether a request is one of the OpenAI-compatible API's (its errors take OpenAI's shape). */
export const isOpenAiRequest = (url: string) => url.startsWith("/v1/");

/** Fastify's own failures (parsing, limits) mapped onto stable codes. */
function fromFastify(error: FastifyError, limit: number): AppError | undefined {
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError("unsupported_media_type");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError("payload_too_large", { limit });
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new AppError("invalid_json");
    default:
      if (error instanceof SyntaxError) return new AppError("invalid_json");
      // Any other refusal of Fastify's: a size or a type it names, or a request it cannot read.
      if (error.statusCode === 413) return new AppError("payload_too_large", { limit });
      if (error.statusCode === 415) return new AppError("unsupported_media_type");
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        return new AppError("invalid_request", { details: error.code ?? "?" });
      }
      return undefined;
  }
}

/**
 * Turns any thrown error into `{ error: { code, message } }`. An error that is
 * not known is logged (name, code and stack only: never request data) and
 * answered as a 500 with the request id, no internals.
 */
export function errorHandler(bodyLimit: number) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const known = error instanceof AppError ? error : fromFastify(error, bodyLimit);
    if (known && isOpenAiRequest(request.url)) {
      const language = preferredLanguage(request.headers["accept-language"]);
      return reply.status(known.status).headers(known.headers).send(openAiError(known, language));
    }
    if (known) {
      const body: ErrorBody = { error: { code: known.code, message: known.message } };
      if (known.details !== undefined) body.error.details = known.details;
      return reply.status(known.status).headers(known.headers).send(body);
    }
    request.log.error(
      { err: { name: error.name, code: error.code, stack: error.stack } },
      "request-failed",
    );
    if (isOpenAiRequest(request.url)) {
      const language = preferredLanguage(request.headers["accept-language"]);
      return reply
        .status(500)
        .send(openAiError(new AppError("internal", { requestId: request.id }), language));
    }
    const body: ErrorBody = {
      error: { code: "internal", message: t("error.internal", { requestId: request.id }) },
    };
    return reply.status(500).send(body);
  };
}
