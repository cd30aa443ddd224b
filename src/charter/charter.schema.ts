import { z } from "zod";
import { CATEGORIES } from "../assistants/index.js";
import { t } from "../i18n/index.js";
import { DEFAULT_MATRIX } from "./matrix.js";

const Action = z.enum(["allow", "pseudonymise", "block"], {
  error: () => t("charter.schema.action"),
});

const Row = z.strictObject({ local: Action, sovereign: Action, extraterritorial: Action });

/** The data-class × sovereignty matrix; each row may be partial (what is left out keeps the default). */
const Matrix = z.strictObject({
  public: Row.partial().optional(),
  personal: Row.partial().optional(),
  sensitive: Row.partial().optional(),
});

/** Monthly limits for one scope (an agent, a direction); a limit left out does not apply. */
const QuotaLimits = z.strictObject({
  requests: z.number().int().positive().optional(),
  tokens: z.number().int().positive().optional(),
  /** Energy, in watt-hours (the estimate's upper bound). */
  wh: z.number().positive().optional(),
  /** Greenhouse gases, in grams of CO2 equivalent (the estimate's upper bound). */
  gco2e: z.number().positive().optional(),
});
export type QuotaLimits = z.infer<typeof QuotaLimits>;

/** Categories a charter may forbid: the assistants' own, and uses no assistant may serve. */
export const CHARTER_CATEGORIES = [...CATEGORIES, "decision", "automatic-action"] as const;

/**
 * A collectivité's usage charter, as the YAML an administrator writes. Every
 * field has the default of the balanced template, so a charter only says
 * where it departs from it.
 */
export const CharterSchema = z.strictObject({
  /** A name for this charter ("Charte d'usage de l'IA — Ville de …"). */
  title: z.string().trim().min(1).max(200).default("Charte d'usage de l'IA générative"),
  /** The principles agents read and accept before their first use (Markdown). */
  principles: z
    .string()
    .trim()
    .min(1, { error: () => t("charter.schema.principles") })
    .max(20_000),
  audiences: z
    .strictObject({
      /** Whether an assistant may answer citizens directly (default: no). */
      citizens: z.boolean().default(false),
    })
    .prefault({}),
  /** Assistant categories no one may use (e.g. `decision`: an AI does not decide on a citizen's file). */
  forbiddenCategories: z
    .array(z.enum(CHARTER_CATEGORIES, { error: () => t("charter.schema.category") }))
    .default(["decision", "automatic-action"]),
  /**
   * Tools a caller declares through the API (n8n, code assistants): a model
   * may ask the caller to run them; Beffroi never runs one. `allowed: false`
   * refuses every request that brings tools (the "no autonomous agents" rule);
   * `forbiddenAssistants` refuses them for those assistants only.
   */
  toolUse: z
    .strictObject({
      allowed: z.boolean().default(true),
      forbiddenAssistants: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
  /** What to do with each class of data for each class of model host. */
  dataMatrix: Matrix.default({}),
  /** A pilot group (directions by path, users by e-mail) with its own matrix, e.g. to test models. */
  pilot: z
    .strictObject({
      directions: z.array(z.string().trim().min(1)).default([]),
      users: z.array(z.email()).default([]),
      dataMatrix: Matrix,
    })
    .optional(),
  humanValidation: z
    .strictObject({
      /** `all`: every assistant's answers are drafts until an agent validates them; else the listed assistants' ids. */
      assistants: z.union([z.literal("all"), z.array(z.string().min(1))]).default("all"),
      label: z.string().trim().min(1).max(200).default("Brouillon assisté par IA — à vérifier"),
    })
    .prefault({}),
  /**
   * Monthly quotas (calendar month, UTC) per agent and per direction; on
   * reaching one: `warn` (a note), `degrade` (extractive answers only) or
   * `deny`. None by default.
   */
  quotas: z
    .strictObject({
      agent: QuotaLimits.optional(),
      direction: QuotaLimits.optional(),
      onExceed: z
        .enum(["warn", "degrade", "deny"], { error: () => t("charter.schema.on_exceed") })
        .default("deny"),
    })
    .prefault({}),
  sobriety: z
    .strictObject({
      /** An assistant takes the smallest adequate model of its list first (active parameters). */
      preferSmallestModel: z.boolean().default(false),
      /** When retrieval alone answers well, the agent gets the cited passages first. */
      offerPassagesFirst: z.boolean().default(false),
      /** The grounding confidence (0 to 1) from which passages come first. */
      passagesFirstConfidence: z.number().min(0).max(1).default(0.8),
    })
    .prefault({}),
  /**
   * How long conversations (with their pseudonym vaults) and usage records
   * are kept, in days since their last activity; usage records are rolled
   * up into monthly totals before they go, so the observatory's figures
   * survive.
   */
  retention: z
    .strictObject({
      conversationsDays: z.number().int().min(1).max(3650).default(365),
      journalDays: z.number().int().min(1).max(3650).default(400),
    })
    .prefault({}),
  /**
   * What the observatory may show: no figure about fewer than `minAgents`
   * agents (a group that small is hidden, its figures counted only in the
   * totals above it); the names of agents who never used Beffroi only to the
   * roles listed (for training follow-up), counts to everyone else.
   */
  observatory: z
    .strictObject({
      minAgents: z.number().int().min(1).max(1000).default(5),
      nonUserNamesFor: z
        .array(z.enum(["admin", "auditor", "referent"]))
        .max(3)
        .default([]),
    })
    .prefault({}),
  /** Shown at the start of every conversation: the agent is talking to an AI (AI Act, art. 50). */
  disclosure: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .default(
      "Vous échangez avec une intelligence artificielle. Ses réponses peuvent être inexactes : vérifiez-les, vous en restez responsable.",
    ),
});
export type Charter = z.infer<typeof CharterSchema>;
export type CharterMatrix = z.infer<typeof Matrix>;

/** A partial matrix completed by the default one. */
export function completeMatrix(matrix: CharterMatrix | undefined, base = DEFAULT_MATRIX) {
  return {
    public: { ...base.public, ...matrix?.public },
    personal: { ...base.personal, ...matrix?.personal },
    sensitive: { ...base.sensitive, ...matrix?.sensitive },
  };
}
