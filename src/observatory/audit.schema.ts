import { z } from "zod";

export const AuditListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Entries numbered below this (the previous page's `nextBefore`). */
  before: z.coerce.number().int().min(1).optional(),
});

/** `SEQ:HASH`, as `beffroi audit head` prints it. */
export const ANCHOR_PATTERN = /^(\d{1,12}):([0-9a-fA-F]{64})$/;

export const parseAnchor = (value: string): { seq: number; hash: string } | undefined => {
  const match = ANCHOR_PATTERN.exec(value.trim());
  return match ? { seq: Number(match[1]), hash: (match[2] as string).toLowerCase() } : undefined;
};

export const AuditVerifyQuery = z.object({
  /** A head kept outside Beffroi: the entry it names must still have that hash. */
  anchor: z
    .string()
    .regex(ANCHOR_PATTERN)
    .optional()
    .transform((value) => (value === undefined ? undefined : parseAnchor(value))),
});

const AuditDetailsSchema = z.record(z.string(), z.unknown());

export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.object({ kind: z.string(), id: z.string().nullable() }),
  action: z.string(),
  target: z.string().nullable(),
  details: AuditDetailsSchema.nullable(),
  prevHash: z.string(),
  hash: z.string(),
});

export const AuditPageSchema = z.object({
  entries: AuditEntrySchema.array(),
  nextBefore: z.number().int().nullable(),
});

export const AuditHeadSchema = z.object({
  seq: z.number().int(),
  hash: z.string(),
  at: z.string().nullable(),
});

export const AuditVerificationSchema = z.union([
  z.object({
    ok: z.literal(true),
    count: z.number().int(),
    head: z.object({ seq: z.number().int(), hash: z.string() }),
    message: z.string(),
  }),
  z.object({
    ok: z.literal(false),
    brokenAt: z.number().int(),
    reason: z.enum(["hash", "link", "gap", "anchor"]),
    message: z.string(),
  }),
]);
