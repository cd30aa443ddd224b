/**
 * The shapes of the API answers and bodies only the administration area
 * handles: names for types generated from the server's schemas
 * (`contract.gen.ts`), never copies.
 */
import type { BodyOf, ResponseOf } from "../../api/client";

export type Direction = ResponseOf<"GET /api/directions">[number];
export type KnowledgeBase = ResponseOf<"GET /api/knowledge-bases">[number];

export type Provider = ResponseOf<"GET /api/providers">[number];
export type ProviderModel = Provider["models"][number];
export type ParameterCount = NonNullable<ProviderModel["activeParameters"]>;
/** The models a provider's POST or PUT takes: at least one, context length and capabilities optional. */
export type ProviderModels = BodyOf<"POST /api/providers">["models"];
export type ProviderModelInput = ProviderModels[number];

/** A provider's definition as PUT takes it back: the view without what the server computes. */
export type ProviderDefinition = Omit<
  Provider,
  "apiKeyConfigured" | "apiKeyStored" | "health" | "impact"
>;
/** Whether its models' answers get an impact estimate, and what is missing when not. */
export type ProviderImpact = Provider["impact"];
/** A provider being typed, as the impact check reads it. */
export type ProviderDraft = BodyOf<"POST /api/providers/impact">;

export type ProviderPreset = ResponseOf<"GET /api/providers/presets">[number];
export type ProviderTest = ResponseOf<"POST /api/providers/:id/test">;

export type Assistant = ResponseOf<"GET /api/assistants">[number];
export type AssistantBody = BodyOf<"POST /api/assistants">;
export type Category = Assistant["category"];

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
] as const satisfies readonly Category[];

export type Grounding = Assistant["grounding"];
export const GROUNDING_MODES = [
  "required",
  "preferred",
  "off",
] as const satisfies readonly Grounding[];

/**
 * The mode an assistant gets from its category until someone chooses one:
 * the server's `defaultGrounding` (src/assistants/assistant.schema.ts),
 * which the administration's browser test holds this table to.
 */
export const DEFAULT_GROUNDING = {
  general: "preferred",
  drafting: "preferred",
  summary: "preferred",
  "plain-language": "preferred",
  reception: "required",
  hr: "required",
  "aid-finder": "required",
  watch: "required",
  procurement: "preferred",
  minutes: "preferred",
} as const satisfies Record<Category, Grounding>;

/**
 * An assistant's fields as its form holds them: the whole body, its preferred
 * models as a plain list (the contract spells "at most 20" as tuples; the
 * server counts them).
 */
export type AssistantInput = Required<Omit<AssistantBody, "preferredModels">> & {
  preferredModels: string[];
};

export type ApiKey = ResponseOf<"GET /api/api-keys">[number];

export type CharterPreview = ResponseOf<"POST /api/charter/preview">;
export type CharterProblem = CharterPreview["errors"][number];
export type CharterVersionSummary = ResponseOf<"GET /api/charter/versions">[number];
