import type { ResponseOf } from "../../api/client";

/** The experience area's names for the generated types of the API's answers. */
export type Report = ResponseOf<"GET /api/experiences">[number];
export type Proposal = ResponseOf<"GET /api/proposals/mine">[number];
export type ProposalKind = Proposal["kind"];

/** The longest free text the server takes. */
export const MAX_TEXT = 2000;

/** A report's subject as the page says it. */
export const subjectOf = (report: Report, unknown: string) => report.subjectName ?? unknown;
