import type { ResponseOf } from "../../api/client";

/** The experience area's names for the generated types of the API's answers. */
export type Report = ResponseOf<"GET /api/experiences">[number];
export type Proposal = ResponseOf<"GET /api/proposals/mine">[number];
export type ProposalKind = Proposal["kind"];

/** The longest free text the server takes. */
export const MAX_TEXT = 2000;

/** A report's subject as the page says it. */
export const subjectOf = (report: Report, unknown: string) => report.subjectName ?? unknown;

/** The field the server named in a refusal (`experience_personal_data`), if any. */
export function refusedField(error: unknown): string | undefined {
  const details = (error as { details?: unknown } | null)?.details;
  if (details && typeof details === "object" && "field" in details) {
    const { field } = details as { field: unknown };
    return typeof field === "string" ? field : undefined;
  }
  return undefined;
}
