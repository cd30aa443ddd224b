import type { AuditActor, AuditDetails, RecordAudit } from "../observatory/index.js";
import { AppError, conflict, notFound } from "../shared/errors.js";
import { type AdapterOptions, OpenAiCompatibleProvider } from "./adapters/openai-compatible.js";
import { ProviderHealth } from "./health.js";
import type { ModelProvider } from "./model-provider.js";
import {
  type Model,
  modelRef,
  type ProviderDefinition,
  ProviderSchema,
  parseModelRef,
} from "./provider.schema.js";
import type { ProvidersRepository } from "./providers.repository.js";

/** A model found by its ref, with its provider. */
export interface ResolvedModel {
  ref: string;
  provider: ProviderDefinition;
  model: Model;
}

/** A provider as the API shows it: its definition (a key's variable name, never the key) and health. */
export type ProviderView = ProviderDefinition & {
  apiKeyConfigured: boolean;
  health: ReturnType<ProviderHealth["status"]>;
};

/**
 * What the audit log keeps of a definition: where it runs and what it
 * offers. Never the base URL (a query string may carry a key) nor where the
 * key is read from.
 */
const AUDITED_FIELDS = [
  "kind",
  "sovereignty",
  "country",
  "enabled",
  "models",
  "pue",
  "wue",
  "timeoutSeconds",
] as const;

const audited = (provider: ProviderDefinition, fields: readonly string[]): AuditDetails =>
  Object.fromEntries(
    AUDITED_FIELDS.filter((field) => fields.includes(field)).map((field) => [
      field,
      field === "models" ? provider.models.map((model) => model.id) : (provider[field] ?? null),
    ]),
  );

/** The fields an edit changed (names only), and the audited ones' values before and after. */
function changesOf(before: ProviderDefinition, after: ProviderDefinition): AuditDetails {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter(
      (field) =>
        JSON.stringify(before[field as keyof ProviderDefinition]) !==
        JSON.stringify(after[field as keyof ProviderDefinition]),
    )
    .sort();
  return { changed: fields, before: audited(before, fields), after: audited(after, fields) };
}

/** How long an instance trusts its copy of the registry before checking for edits made elsewhere. */
const CACHE_MS = 2000;

/**
 * The provider and model registry, kept in the database and edited by
 * administrators; every instance sees an edit within two seconds, without a
 * restart. Adapters are built once per definition and reused (keep-alive).
 */
export class ProvidersService {
  private cache: { at: number; version: string; providers: ProviderDefinition[] } | undefined;
  private readonly adapters = new Map<string, { json: string; adapter: ModelProvider }>();
  readonly health: ProviderHealth;

  constructor(
    private readonly deps: {
      repository: ProvidersRepository;
      now: () => Date;
      env?: NodeJS.ProcessEnv;
      adapterOptions?: AdapterOptions;
      /** The audit log: providers added, edited, removed. */
      audit?: RecordAudit;
    },
  ) {
    this.health = new ProviderHealth(() => deps.now().getTime());
  }

  async list(): Promise<ProviderDefinition[]> {
    const now = this.deps.now().getTime();
    if (this.cache && now - this.cache.at < CACHE_MS) return this.cache.providers;
    // The table is a handful of rows: reading it whole is the surest way to see any edit.
    const rows = await this.deps.repository.list();
    const version = rows.map((row) => `${row.id}\u0000${row.definition}`).join("\u0001");
    if (this.cache && this.cache.version === version) {
      this.cache.at = now;
      return this.cache.providers;
    }
    const providers = rows.map((row) => ProviderSchema.parse(JSON.parse(row.definition)));
    this.cache = { at: now, version, providers };
    return providers;
  }

  async get(id: string): Promise<ProviderDefinition> {
    const provider = (await this.list()).find((candidate) => candidate.id === id);
    if (!provider) throw notFound("provider_not_found", { id });
    return provider;
  }

  view(provider: ProviderDefinition): ProviderView {
    const env = this.deps.env ?? process.env;
    return {
      ...provider,
      apiKeyConfigured: provider.apiKeyEnv
        ? Boolean(env[provider.apiKeyEnv])
        : provider.apiKeyFile !== undefined,
      health: this.health.status(provider.id),
    };
  }

  /** Adds a provider; `by` is who does it, for the audit log. */
  async create(
    provider: ProviderDefinition,
    by?: AuditActor,
    source: "administrator" | "configuration" = "administrator",
  ): Promise<ProviderDefinition> {
    if ((await this.fresh()).some((existing) => existing.id === provider.id)) {
      throw conflict("provider_exists", { id: provider.id });
    }
    await this.deps.repository.insert(
      provider.id,
      JSON.stringify(provider),
      this.deps.now().toISOString(),
    );
    this.cache = undefined;
    await this.deps.audit?.({
      action: "provider.added",
      target: provider.id,
      details: { ...audited(provider, AUDITED_FIELDS), source },
      ...(by && { actor: by }),
    });
    return provider;
  }

  /** Adds the providers the configuration declares that the registry does not hold yet. */
  async seed(declared: ProviderDefinition[]): Promise<string[]> {
    const added: string[] = [];
    if (declared.length === 0) return added;
    const existing = new Set((await this.fresh()).map((provider) => provider.id));
    for (const provider of declared) {
      if (existing.has(provider.id)) continue;
      try {
        await this.create(provider, { kind: "system" }, "configuration");
        added.push(provider.id);
      } catch (error) {
        // Another instance added it first.
        if (!(error instanceof AppError && error.code === "provider_exists")) throw error;
      }
    }
    return added;
  }

  async replace(
    id: string,
    provider: ProviderDefinition,
    by?: AuditActor,
  ): Promise<ProviderDefinition> {
    const definition = { ...provider, id };
    const previous = (await this.fresh()).find((existing) => existing.id === id);
    const updated = await this.deps.repository.update(
      id,
      JSON.stringify(definition),
      this.deps.now().toISOString(),
    );
    if (!updated) throw notFound("provider_not_found", { id });
    this.cache = undefined;
    const details = previous ? changesOf(previous, definition) : { changed: [] };
    if (!previous || (details.changed as string[]).length > 0) {
      await this.deps.audit?.({
        action: "provider.updated",
        target: id,
        details,
        ...(by && { actor: by }),
      });
    }
    return definition;
  }

  async remove(id: string, by?: AuditActor): Promise<void> {
    const previous = (await this.fresh()).find((existing) => existing.id === id);
    if (!(await this.deps.repository.delete(id))) throw notFound("provider_not_found", { id });
    this.cache = undefined;
    await this.deps.audit?.({
      action: "provider.removed",
      target: id,
      details: previous ? audited(previous, ["kind", "sovereignty", "country"]) : {},
      ...(by && { actor: by }),
    });
  }

  /** A model by its ref (`PROVIDER/MODEL`), enabled and known; null otherwise. */
  async resolve(ref: string): Promise<ResolvedModel | null> {
    const parsed = parseModelRef(ref);
    if (!parsed) return null;
    const provider = (await this.list()).find((p) => p.id === parsed.providerId && p.enabled);
    const model = provider?.models.find((m) => m.id === parsed.modelId);
    return provider && model ? { ref, provider, model } : null;
  }

  /** Every enabled model with the capability, as refs. */
  async models(capability: "chat" | "embeddings"): Promise<ResolvedModel[]> {
    return (await this.list())
      .filter((provider) => provider.enabled)
      .flatMap((provider) =>
        provider.models
          .filter((model) => model.capabilities.includes(capability))
          .map((model) => ({ ref: modelRef(provider.id, model.id), provider, model })),
      );
  }

  adapter(provider: ProviderDefinition): ModelProvider {
    const json = JSON.stringify(provider);
    const cached = this.adapters.get(provider.id);
    if (cached && cached.json === json) return cached.adapter;
    const adapter = new OpenAiCompatibleProvider(provider, {
      ...this.deps.adapterOptions,
      ...(this.deps.env && { env: this.deps.env }),
    });
    this.adapters.set(provider.id, { json, adapter });
    return adapter;
  }

  /**
   * Checks a provider: it answers, and which configured models it lists
   * (`beffroi provider test`, the administration page).
   */
  async test(id: string): Promise<{ listed: string[]; missing: string[] }> {
    const provider = await this.get(id);
    if (provider.kind === "extractive") return { listed: [], missing: [] };
    const adapter = this.adapter(provider) as OpenAiCompatibleProvider;
    const listed = await adapter.listModels(AbortSignal.timeout(15_000));
    return {
      listed,
      missing: provider.models.map((model) => model.id).filter((m) => !listed.includes(m)),
    };
  }

  private async fresh(): Promise<ProviderDefinition[]> {
    this.cache = undefined;
    return this.list();
  }
}
