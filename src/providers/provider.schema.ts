import { z } from "zod";
import { t } from "../i18n/index.js";
import { MISSING_IMPACT_INPUTS } from "../impact/index.js";
import type { ModelParameter } from "../pipeline/index.js";

/**
 * Where a provider's servers are and which law reaches them:
 * - `local`: the collectivité's own servers;
 * - `sovereign`: a provider in the EU not subject to extraterritorial law;
 * - `extraterritorial`: a provider subject to non-EU law (CLOUD Act, FISA…).
 * Ordered from most to least sovereign.
 */
export const SOVEREIGNTY = ["local", "sovereign", "extraterritorial"] as const;
export type Sovereignty = (typeof SOVEREIGNTY)[number];

/**
 * `openai-compatible`: any service speaking OpenAI's API; `extractive`: no
 * model, the passages quoted with their citations (an assistant may prefer
 * it; it is also every route's last resort).
 */
export const PROVIDER_KINDS = ["openai-compatible", "extractive"] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** Ids no provider may take: the built-in extractive provider, and assistant model names. */
export const RESERVED_PROVIDER_IDS = ["extractive", "assistant", "beffroi"];

/** Billions of parameters: exact, or a range when the provider does not publish it. */
export const ParameterCount = z.union([
  z.number().positive(),
  z
    .strictObject({ min: z.number().positive(), max: z.number().positive() })
    .refine((range) => range.min <= range.max, { message: t("provider.range_order") }),
]);
export type ParameterCount = z.infer<typeof ParameterCount>;

/**
 * A datacenter figure (PUE, WUE): exact, or a range when only bounds are
 * published (the method's PUE for Anthropic: 1.09–1.14).
 */
function datacenterFigure(bounds: { min: number; max: number }) {
  const value = z.number().min(bounds.min).max(bounds.max);
  return z.union([
    value,
    z
      .strictObject({ min: value, max: value })
      .refine((range) => range.min <= range.max, { message: t("provider.range_order") }),
  ]);
}
const Pue = datacenterFigure({ min: 1, max: 3 });
const Wue = datacenterFigure({ min: 0, max: 20 });

/**
 * The optional request parameters an OpenAI-compatible server may take
 * (vLLM, Ollama, Albert, Mistral…): sampling settings, tools, structured output.
 */
export const MODEL_PARAMETERS = [
  "top_p",
  "stop",
  "seed",
  "presence_penalty",
  "frequency_penalty",
  "tools",
  "response_format",
] as const satisfies readonly ModelParameter[];

export const ModelSchema = z.strictObject({
  id: z.string().min(1).max(200),
  label: z.string().min(1).max(200).optional(),
  contextLength: z.number().int().positive().max(10_000_000).default(8192),
  capabilities: z
    .array(z.enum(["chat", "embeddings"]))
    .min(1)
    .default(["chat"]),
  /** Billions of parameters active per token (a mixture of experts activates a share). */
  activeParameters: ParameterCount.optional(),
  totalParameters: ParameterCount.optional(),
  /**
   * The optional parameters (OpenAI's names) its server takes and Beffroi
   * passes on; a request that sets another is not sent to this model. Default:
   * all of them, as OpenAI-compatible servers take them.
   */
  parameters: z.array(z.enum(MODEL_PARAMETERS)).default([...MODEL_PARAMETERS]),
});
export type Model = z.infer<typeof ModelSchema>;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const ProviderFields = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: t("provider.id_format") })
    .refine((id) => !RESERVED_PROVIDER_IDS.includes(id), { message: t("provider.id_reserved") }),
  label: z.string().min(1).max(200).optional(),
  kind: z.enum(PROVIDER_KINDS).default("openai-compatible"),
  /** The API's base URL, up to and including `/v1`. */
  baseUrl: z.url().optional(),
  /** Name of the environment variable that holds the API key (one `modelProviders.keyVariables` allows). */
  apiKeyEnv: z.string().regex(ENV_NAME).optional(),
  /** Or a file that holds it (a container secret), in `modelProviders.keyDirectory`. */
  apiKeyFile: z.string().min(1).max(1024).optional(),
  sovereignty: z.enum(SOVEREIGNTY),
  /** ISO 3166-1 alpha-3 code of the hosting country (FRA, DEU, USA…). */
  country: z.string().regex(/^[A-Z]{3}$/, { message: t("provider.country") }),
  /** Datacenter power usage effectiveness, when known (impact estimate). */
  pue: Pue.optional(),
  /** Datacenter (on-site) water usage effectiveness in L/kWh, when known. */
  wue: Wue.optional(),
  enabled: z.boolean().default(true),
  timeoutSeconds: z.number().int().positive().max(3600).default(120),
  models: z.array(ModelSchema).min(1),
});

function checkProvider(provider: z.infer<typeof ProviderFields>, context: z.RefinementCtx): void {
  if (provider.kind === "openai-compatible" && !provider.baseUrl) {
    context.addIssue({
      code: "custom",
      path: ["baseUrl"],
      message: t("provider.base_url_required"),
    });
  }
  if (provider.baseUrl) {
    const url = new URL(provider.baseUrl);
    if (url.username || url.password) {
      context.addIssue({
        code: "custom",
        path: ["baseUrl"],
        message: t("provider.credentials_in_url"),
      });
    }
  }
  if (provider.apiKeyEnv && provider.apiKeyFile) {
    context.addIssue({
      code: "custom",
      path: ["apiKeyFile"],
      message: t("provider.one_key_source"),
    });
  }
  const ids = provider.models.map((model) => model.id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) {
    context.addIssue({
      code: "custom",
      path: ["models"],
      message: `modèle en double : ${duplicate}`,
    });
  }
}

/** A provider as the registry keeps it, and as `beffroi.yaml` declares it: never a key itself. */
export const ProviderSchema = ProviderFields.superRefine(checkProvider);

/**
 * Whether the answers of a provider's models get an impact figure, by the
 * impact domain's own rule (`providers/provider-impact.ts`): the PUE and WUE
 * the estimate takes (the provider's, or the collectivité's for a local
 * one), and each chat model that would be "not estimated", with what is
 * missing.
 */
export const ProviderImpactSchema = z.object({
  pue: Pue.optional(),
  wue: Wue.optional(),
  unestimated: z.array(
    z.object({ model: z.string(), missing: z.array(z.enum(MISSING_IMPACT_INPUTS)).min(1) }),
  ),
});
export type ProviderImpact = z.infer<typeof ProviderImpactSchema>;

/**
 * A provider being typed on the administration page, as far as the impact
 * estimate reads it. Lenient where typing is under way (a country not yet
 * three letters is simply an unknown electricity mix, a model without a
 * name is left out).
 */
export const ProviderDraftSchema = z.strictObject({
  kind: z.enum(PROVIDER_KINDS).default("openai-compatible"),
  sovereignty: z.enum(SOVEREIGNTY),
  country: z.string().max(16),
  pue: Pue.optional(),
  wue: Wue.optional(),
  models: z
    .array(
      z.strictObject({
        id: z.string().max(200),
        capabilities: ModelSchema.shape.capabilities,
        activeParameters: ParameterCount.optional(),
        totalParameters: ParameterCount.optional(),
      }),
    )
    .max(500),
});
export type ProviderDraft = z.infer<typeof ProviderDraftSchema>;

/**
 * A provider as the API shows it: its definition, whether a key is there,
 * its health, and whether its answers' impact can be estimated. Strict: a
 * field beyond these (a key, sealed or not) fails the suite's response check.
 */
export const ProviderViewSchema = ProviderFields.extend({
  apiKeyConfigured: z.boolean(),
  apiKeyStored: z.boolean(),
  health: z.object({
    state: z.enum(["up", "down"]),
    until: z.string().optional(),
    failures: z.number(),
  }),
  impact: ProviderImpactSchema,
});
export type ProviderDefinition = z.infer<typeof ProviderSchema>;

/**
 * What an administrator sends (API, CLI): a definition and, instead of a
 * variable or a file, possibly the key itself, which is kept sealed and
 * never returned. Absent on an edit: the stored key is kept; null: removed.
 */
export const ProviderBodySchema = ProviderFields.extend({
  apiKey: z
    .string()
    .trim()
    .min(1)
    .max(4096)
    // It becomes an HTTP header: one line of visible ASCII.
    .regex(/^[\x21-\x7e]+$/, { message: t("provider.api_key_format") })
    .nullable()
    .optional(),
}).superRefine((provider, context) => {
  checkProvider(provider, context);
  if (provider.apiKey && (provider.apiKeyEnv || provider.apiKeyFile)) {
    context.addIssue({ code: "custom", path: ["apiKey"], message: t("provider.one_key_source") });
  }
});
export type ProviderBody = z.infer<typeof ProviderBodySchema>;
export type ProviderInput = z.input<typeof ProviderSchema>;

/**
 * A model as routes, assistants and `/v1/models` name it: `PROVIDER/MODEL`
 * (the provider id never holds a slash; the model id may).
 */
export const modelRef = (providerId: string, modelId: string) => `${providerId}/${modelId}`;

export function parseModelRef(ref: string): { providerId: string; modelId: string } | null {
  const slash = ref.indexOf("/");
  if (slash <= 0 || slash === ref.length - 1) return null;
  return { providerId: ref.slice(0, slash), modelId: ref.slice(slash + 1) };
}

/**
 * `NAME[:ACTIVE/TOTAL]` from the CLI: billions of parameters, a range as
 * `44-132`; `gpt-4o:44-132/440`, `mistral-small:24`, `mixtral:13/47`.
 * The last colon separates the counts, so model names with a colon
 * (`llama3.1:8b`) keep it when no counts follow.
 */
export function parseModelOption(option: string): Model | null {
  const match =
    /^(.+?):((?:\d+(?:\.\d+)?)(?:-\d+(?:\.\d+)?)?)(?:\/((?:\d+(?:\.\d+)?)(?:-\d+(?:\.\d+)?)?))?$/.exec(
      option,
    );
  const count = (text: string | undefined): ParameterCount | undefined => {
    if (!text) return undefined;
    const [min, max] = text.split("-").map(Number);
    if (min === undefined || Number.isNaN(min) || min <= 0) return undefined;
    return max === undefined ? min : { min, max };
  };
  const base = {
    contextLength: 8192,
    capabilities: ["chat" as const],
    parameters: [...MODEL_PARAMETERS],
  };
  if (!match) return option.trim() ? { id: option.trim(), ...base } : null;
  const active = count(match[2]);
  const total = count(match[3]) ?? active;
  if (!active) return null;
  return {
    id: match[1] as string,
    ...base,
    activeParameters: active,
    ...(total !== undefined && { totalParameters: total }),
  };
}
