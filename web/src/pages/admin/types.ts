/** The shapes of the API answers only the administration area reads. */
import type { Permission, Sovereignty } from "../../api/types";

// The knowledge area owns the shapes of directions and bases (the administration reads the same answers).
export type { Direction, KnowledgeBase } from "../knowledge/types";

export type ParameterCount = number | { min: number; max: number };

export interface ProviderModel {
  id: string;
  label?: string;
  contextLength: number;
  capabilities: ("chat" | "embeddings")[];
  activeParameters?: ParameterCount;
  totalParameters?: ParameterCount;
}

export interface Provider {
  id: string;
  label?: string;
  kind: "openai-compatible" | "extractive";
  baseUrl?: string;
  apiKeyEnv?: string;
  apiKeyFile?: string;
  sovereignty: Sovereignty;
  country: string;
  pue?: number;
  wue?: number;
  enabled: boolean;
  timeoutSeconds: number;
  models: ProviderModel[];
  /** A key would be sent: a stored one, or an allowed variable or file that holds one. */
  apiKeyConfigured: boolean;
  /** A key typed by an administrator is kept, sealed (the API never returns the key itself). */
  apiKeyStored: boolean;
  health: { state: "up" | "down"; until?: string; failures: number };
}

/** A provider's definition as PUT takes it back: the view without what the server computes. */
export type ProviderDefinition = Omit<Provider, "apiKeyConfigured" | "apiKeyStored" | "health">;

export interface ProviderPreset {
  name: string;
  description: string;
  provider: Omit<
    Provider,
    | "apiKeyConfigured"
    | "apiKeyStored"
    | "health"
    | "kind"
    | "enabled"
    | "timeoutSeconds"
    | "models"
  > & {
    models: Partial<ProviderModel>[];
  };
}

export interface ProviderTest {
  listed: string[];
  missing: string[];
}

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

export interface AssistantInput {
  name: string;
  description: string;
  instructions: string;
  knowledgeBaseIds: string[];
  preferredModels: string[];
  audience: "agents" | "citizens";
  category: Category;
  requiresValidation: boolean;
  ownerDirectionId: string | null;
}

export interface Assistant extends AssistantInput {
  id: string;
  ownerDirectionPath: string | null;
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ApiKey {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  scopes: Permission[];
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface CharterProblem {
  line: number;
  column: number;
  path: string;
  message: string;
}

export interface CharterRuleSection {
  title: string;
  sentences: string[];
}

export interface CharterPreview {
  valid: boolean;
  errors: CharterProblem[];
  rules: CharterRuleSection[];
}

export interface CharterVersionSummary {
  version: number;
  title: string;
  changes: string[];
  createdBy: string | null;
  createdAt: string;
}

export interface CharterTemplate {
  name: "balanced" | "strict" | "experimentation";
  yaml: string;
}
