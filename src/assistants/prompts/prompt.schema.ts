import { z } from "zod";

export const PROMPT_SCOPES = ["personal", "direction", "collectivite"] as const;
export type PromptScope = (typeof PROMPT_SCOPES)[number];

export const MAX_PROMPT_BODY = 8_000;
export const MAX_VARIABLE_VALUE = 4_000;

/** A prompt as written: `directionId` only (and then required) for the `direction` scope. */
export const PromptInput = z.object({
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(MAX_PROMPT_BODY),
  example: z.string().trim().max(MAX_PROMPT_BODY).default(""),
  scope: z.enum(PROMPT_SCOPES).default("personal"),
  directionId: z.string().min(1).max(100).nullable().default(null),
});
export type PromptInput = z.infer<typeof PromptInput>;

export const PromptSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  example: z.string(),
  /** The `{{variables}}` the body uses, in order of first use. */
  variables: z.array(z.string()),
  scope: z.enum(PROMPT_SCOPES),
  directionId: z.string().nullable(),
  directionPath: z.string().nullable(),
  author: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  useCount: z.number().int(),
  rating: z.object({
    average: z.number().nullable(),
    count: z.number().int(),
    /** The principal's own rating, if any. */
    mine: z.number().int().nullable(),
  }),
  /** Whether the principal may edit and delete it. */
  editable: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Prompt = z.infer<typeof PromptSchema>;

export const PromptListQuery = z.object({
  scope: z.enum(PROMPT_SCOPES).optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(["popular", "rated", "recent", "title"]).default("popular"),
});
export type PromptListQuery = z.infer<typeof PromptListQuery>;

export const RatingInput = z.object({ rating: z.number().int().min(1).max(5) });

export const UseInput = z.object({
  values: z
    .record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.string().max(MAX_VARIABLE_VALUE))
    .default({}),
});

export const UseResult = z.object({ text: z.string(), useCount: z.number().int() });
