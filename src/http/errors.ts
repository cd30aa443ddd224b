import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { t } from "../i18n/index.js";
import { AppError } from "../shared/errors.js";

/** The one shape of every API error. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

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
    if (known) {
      const body: ErrorBody = { error: { code: known.code, message: known.message } };
      if (known.details !== undefined) body.error.details = known.details;
      return reply.status(known.status).headers(known.headers).send(body);
    }
    request.log.error(
      { err: { name: error.name, code: error.code, stack: error.stack } },
      "request-failed",
    );
    const body: ErrorBody = {
      error: { code: "internal", message: t("error.internal", { requestId: request.id }) },
    };
    return reply.status(500).send(body);
  };
}
