import type { LocalDatacenter } from "../impact/index.js";
import type { AuditActor, AuditDetails, RecordAudit } from "../observatory/index.js";
import { AppError, appError } from "../shared/errors.js";
import { type AdapterOptions, OpenAiCompatibleProvider } from "./adapters/openai-compatible.js";
import { ProviderHealth } from "./health.js";
import type { ModelProvider } from "./model-provider.js";
import {
  type Model,
  modelRef,
  type ProviderBody,
  type ProviderDefinition,
  type ProviderDraft,
  type ProviderImpact,
  ProviderSchema,
  parseModelRef,
} from "./provider.schema.js";
import { providerImpact } from "./provider-impact.js";
import type { ProviderKeys } from "./provider-keys.js";
import type { ProvidersRepository } from "./providers.repository.js";

/** A model found by its ref, with its provider. */
export interface ResolvedModel {
  ref: string;
  provider: ProviderDefinition;
  model: Model;
}

/** A provider as the API shows it: its definition (a key's variable name, never the key) and health. */
export type ProviderView = ProviderDefinition & {
  /** A key would be sent: a stored one, or an allowed variable or file that holds one. */
  apiKeyConfigured: boolean;
  /** A key entered by an administrator is kept (sealed): the API never returns it. */
  apiKeyStored: boolean;
  health: ReturnType<ProviderHealth["status"]>;
  /** Whether its models' answers get an impact figure, and what is missing when not. */
  impact: ProviderImpact;
};

/** A key entered through the API; an input without one (the configuration's) is a plain definition. */
type ProviderInput = ProviderDefinition | ProviderBody;

const originOf = (url: string | undefined) => (url ? new URL(url).origin : undefined);

/** A stored row: the definition, and the key entered for it, sealed (`apiKey` in clear: an older row). */
function parseRow(json: string): { definition: unknown; sealed?: string; clear?: string } {
  const { apiKeySealed, apiKey, ...definition } = JSON.parse(json) as Record<string, unknown>;
  return {
    definition,
    ...(typeof apiKeySealed === "string" && { sealed: apiKeySealed }),
    ...(typeof apiKey === "string" && apiKey !== "" && { clear: apiKey }),
  };
}

const rowOf = (definition: ProviderDefinition, sealed: string | undefined) =>
  JSON.stringify(sealed ? { ...definition, apiKeySealed: sealed } : definition);

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
  /** Keys entered by administrators, sealed, by provider id: opened only for a call. */
  private readonly sealedKeys = new Map<string, string>();
  readonly health: ProviderHealth;

  constructor(
    private readonly deps: {
      repository: ProvidersRepository;
      now: () => Date;
      /** Where keys come from, and what the configuration allows. */
      keys: ProviderKeys;
      adapterOptions?: Omit<AdapterOptions, "apiKey">;
      /** The audit log: providers added, edited, removed. */
      audit?: RecordAudit;
      /** The collectivité's datacenter, which local providers without figures of their own run in. */
      localDatacenter?: LocalDatacenter;
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
    const providers: ProviderDefinition[] = [];
    const sealedKeys = new Map<string, string>();
    for (const row of rows) {
      const { definition, sealed, clear } = parseRow(row.definition);
      const provider = ProviderSchema.parse(definition);
      providers.push(provider);
      const kept = clear ? await this.sealOlderKey(row, provider, sealed, clear) : sealed;
      if (kept) sealedKeys.set(provider.id, kept);
    }
    // Swapped at once: a call in flight never finds its key missing.
    this.sealedKeys.clear();
    for (const [id, sealed] of sealedKeys) this.sealedKeys.set(id, sealed);
    this.cache = { at: now, version, providers };
    return providers;
  }

  /**
   * A key an older version kept in clear: sealed (unless it already was) and
   * the row written back without it, so that nothing stored is lost and no
   * key stays readable in the database. Only the row as read is rewritten:
   * an edit made meanwhile wins (and, coming through the API, sealed its key).
   */
  private async sealOlderKey(
    row: { id: string; definition: string },
    provider: ProviderDefinition,
    sealed: string | undefined,
    clear: string,
  ): Promise<string> {
    const kept = sealed ?? this.deps.keys.seal(provider.id, clear);
    await this.deps.repository.rewrite(
      row.id,
      row.definition,
      rowOf(provider, kept),
      this.deps.now().toISOString(),
    );
    return kept;
  }

  async get(id: string): Promise<ProviderDefinition> {
    const provider = (await this.list()).find((candidate) => candidate.id === id);
    if (!provider) throw appError("provider_not_found", { id });
    return provider;
  }

  view(provider: ProviderDefinition): ProviderView {
    const sealed = this.sealedKeys.get(provider.id);
    return {
      ...provider,
      apiKeyConfigured: this.deps.keys.configured(provider, sealed),
      apiKeyStored: sealed !== undefined,
      health: this.health.status(provider.id),
      impact: this.impact(provider),
    };
  }

  /** Whether the answers of a provider's models, saved or being typed, will get an impact figure. */
  impact(provider: ProviderDraft): ProviderImpact {
    return providerImpact(provider, this.deps.localDatacenter ?? {});
  }

  /**
   * Adds a provider; `by` is who does it, for the audit log. A key file or
   * variable the configuration does not allow is refused (400); a key given
   * itself is stored sealed.
   */
  async create(
    input: ProviderInput,
    by?: AuditActor,
    source: "administrator" | "configuration" = "administrator",
  ): Promise<ProviderDefinition> {
    const { apiKey, ...provider } = { apiKey: undefined, ...input };
    // The configuration's own providers name what the operator allowed (checked again at each call).
    if (source === "administrator") this.deps.keys.check(provider);
    if ((await this.fresh()).some((existing) => existing.id === provider.id)) {
      throw appError("provider_exists", { id: provider.id });
    }
    const sealed = apiKey ? this.deps.keys.seal(provider.id, apiKey) : undefined;
    await this.deps.repository.insert(
      provider.id,
      rowOf(provider, sealed),
      this.deps.now().toISOString(),
    );
    this.cache = undefined;
    if (sealed) this.sealedKeys.set(provider.id, sealed);
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

  /**
   * Replaces a definition. Without `apiKey`, a stored key is kept, unless the
   * definition now names another source, or another host: a key entered for
   * one host is not sent to another without being entered again.
   */
  async replace(id: string, input: ProviderInput, by?: AuditActor): Promise<ProviderDefinition> {
    const { apiKey, ...provider } = { apiKey: undefined, ...input };
    const definition = { ...provider, id };
    this.deps.keys.check(definition);
    const previous = (await this.fresh()).find((existing) => existing.id === id);
    if (!previous) throw appError("provider_not_found", { id });
    const before = this.sealedKeys.get(id);
    let sealed: string | undefined;
    if (apiKey) sealed = this.deps.keys.seal(id, apiKey);
    else if (apiKey === undefined && before && !definition.apiKeyEnv && !definition.apiKeyFile) {
      if (originOf(previous.baseUrl) !== originOf(definition.baseUrl)) {
        throw appError("provider_key_reentry");
      }
      sealed = before;
    }
    const updated = await this.deps.repository.update(
      id,
      rowOf(definition, sealed),
      this.deps.now().toISOString(),
    );
    if (!updated) throw appError("provider_not_found", { id });
    this.cache = undefined;
    if (sealed) this.sealedKeys.set(id, sealed);
    else this.sealedKeys.delete(id);
    const details = changesOf(previous, definition);
    // Which key, never: only that it changed.
    if (sealed !== before) details.changed = [...(details.changed as string[]), "apiKey"].sort();
    if ((details.changed as string[]).length > 0) {
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
    if (!(await this.deps.repository.delete(id))) throw appError("provider_not_found", { id });
    this.cache = undefined;
    this.sealedKeys.delete(id);
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
      // Read at each call: a rotated file or variable, or a key entered since, needs no restart.
      apiKey: () => this.deps.keys.read(provider, this.sealedKeys.get(provider.id)),
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
