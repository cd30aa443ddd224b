import { z } from "zod";
import { GROUNDING_MODES, type GroundingMode } from "../pipeline/index.js";

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
export type Category = (typeof CATEGORIES)[number];

/**
 * Categories whose requests are mostly drafting or rewriting (a letter, a
 * summary, plain language, minutes, a procurement document): the agent
 * brings the text, the bases only help. Bound to `required`, such an
 * assistant refuses every request its bases do not cover.
 */
export const DRAFTING_CATEGORIES: ReadonlySet<Category> = new Set([
  "drafting",
  "summary",
  "plain-language",
  "minutes",
  "procurement",
]);

/**
 * The mode a new assistant gets when none is chosen: `preferred` for the
 * drafting categories and for general use (asked for anything, it should
 * not refuse what its bases do not cover), `required` for the others,
 * which answer questions on the collectivité's own rules, services and aids.
 */
export const defaultGrounding = (category: Category): GroundingMode =>
  category === "general" || DRAFTING_CATEGORIES.has(category) ? "preferred" : "required";

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
  /** Absent: the category's default (see `defaultGrounding`). */
  grounding: z
    .enum(GROUNDING_MODES)
    .optional()
    .describe(
      "required : réponses tirées des bases seulement, abstention sinon ; preferred : les bases quand elles répondent, sinon le modèle seul avec un avertissement ; off : bases non consultées. Absent : selon la catégorie.",
    ),
  /** Its answers are drafts until an agent validates them. */
  requiresValidation: z.boolean().default(true),
  /** The direction that owns it (its referents manage it); none for a shared assistant (admins only). */
  ownerDirectionId: z.string().min(1).nullable().default(null),
});
export type AssistantInput = z.infer<typeof AssistantInput>;

export const AssistantSchema = AssistantInput.extend({
  grounding: z.enum(GROUNDING_MODES),
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
