import { z } from "zod";

export const AUDIENCES = ["agents", "citizens"] as const;
export const CATEGORIES = [
  "general",
  "drafting",
  "summary",
  "plain-language",
  "reception",
  "hr",
  "aid-finder",
  "watch",
  "procurement",
  "minutes",
] as const;

export const AssistantInput = z.strictObject({
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).default(""),
  /** What the model is told before the conversation (its system prompt). */
  instructions: z.string().trim().max(20_000).default(""),
  knowledgeBaseIds: z.array(z.string().min(1)).max(50).default([]),
  /** Model refs (`PROVIDER/MODEL`) in order of preference; the extractive answer is always the last resort. */
  preferredModels: z.array(z.string().min(3).max(300)).max(20).default([]),
  audience: z.enum(AUDIENCES).default("agents"),
  category: z.enum(CATEGORIES).default("general"),
  /** Its answers are drafts until an agent validates them. */
  requiresValidation: z.boolean().default(true),
  /** The direction that owns it (its referents manage it); none for a shared assistant (admins only). */
  ownerDirectionId: z.string().min(1).nullable().default(null),
});
export type AssistantInput = z.infer<typeof AssistantInput>;

export const AssistantSchema = AssistantInput.extend({
  id: z.string(),
  ownerDirectionPath: z.string().nullable(),
  isDefault: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Assistant = z.infer<typeof AssistantSchema>;

/**
 * An assistant as `GET /api/assistants` shows it: whole to those who manage
 * assistants; to the others, what they need to choose and use it, without
 * its instructions and with only the knowledge bases they may read.
 */
export const AssistantViewSchema = AssistantSchema.extend({
  instructions: z
    .string()
    .optional()
    .describe("Pour qui gère les assistants seulement (permission assistants:write)"),
  knowledgeBaseIds: z
    .array(z.string())
    .describe("Les bases que l'appelant peut lire ; toutes pour qui gère les assistants"),
});
export type AssistantView = z.infer<typeof AssistantViewSchema>;
