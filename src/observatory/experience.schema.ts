import { z } from "zod";

/** The longest free text a report's field, a proposal or an answer may hold. */
export const MAX_TEXT = 2000;

export const REPORT_STATUSES = ["submitted", "published", "set-aside"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const PROPOSAL_KINDS = ["charter", "base"] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

export const PROPOSAL_STATUSES = ["open", "accepted", "declined"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const SUBJECT_KINDS = ["usecase", "assistant"] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

const id = z.string().min(1).max(100);
const text = z.string().trim().min(1).max(MAX_TEXT);

export const ReportInput = z.strictObject({
  /** The use case the report is about, or (`assistantId`) an assistant: one of the two. */
  useCaseId: id.optional(),
  assistantId: id.optional(),
  /** What worked. */
  worked: text,
  /** What did not (may be empty). */
  didNotWork: z.string().trim().max(MAX_TEXT).default(""),
  /** Minutes one use saves, as the author estimates them. */
  minutesSaved: z.number().min(0).max(600).optional(),
});
export type ReportInput = z.infer<typeof ReportInput>;

export const CurationInput = z.strictObject({
  /** Published: every agent reads it; set aside: only its author and the curators. */
  status: z.enum(["published", "set-aside"]),
});
export type CurationInput = z.infer<typeof CurationInput>;

export const ProposalInput = z.strictObject({
  kind: z.enum(PROPOSAL_KINDS),
  /** For `base`: the knowledge base, one the author may read. */
  baseId: id.optional(),
  text,
});
export type ProposalInput = z.infer<typeof ProposalInput>;

export const AnswerInput = z.strictObject({
  decision: z.enum(["accepted", "declined"]),
  /** A short answer the author reads. */
  answer: text,
});
export type AnswerInput = z.infer<typeof AnswerInput>;
