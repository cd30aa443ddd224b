import { type DataPolicy, dataHandling, matrixPolicy } from "../charter/index.js";
import type { DataClass } from "../guard/index.js";
import { sovereigntyName, t } from "../i18n/index.js";
import type {
  ModelParameter,
  RouteCandidate,
  RouteResult,
  SovereigntyClass,
  Turn,
} from "../pipeline/index.js";
import { estimateTokens } from "./model-provider.js";
import { SOVEREIGNTY } from "./provider.schema.js";
import type { ProvidersService, ResolvedModel } from "./providers.service.js";

/** What a turn holds; the personal-data guard replaces this until-then classifier. */
export type DataClassifier = (turn: Turn) => DataClass;

const rank = (sovereignty: SovereigntyClass) => SOVEREIGNTY.indexOf(sovereignty);

/** A model's active parameters (a range's middle); unknown or unresolved: last. */
const size = (entry: ResolvedModel | string): number => {
  const active = typeof entry === "string" ? undefined : entry.model.activeParameters;
  if (active === undefined) return Number.POSITIVE_INFINITY;
  return typeof active === "number" ? active : (active.min + active.max) / 2;
};
const bySize = (a: ResolvedModel | string, b: ResolvedModel | string) => {
  const [x, y] = [size(a), size(b)];
  return x === y ? 0 : x < y ? -1 : 1;
};

export const candidateOf = (resolved: ResolvedModel, pseudonymise = false): RouteCandidate => ({
  ref: resolved.ref,
  providerId: resolved.provider.id,
  providerLabel: resolved.provider.label ?? resolved.provider.id,
  modelId: resolved.model.id,
  sovereignty: resolved.provider.sovereignty,
  country: resolved.provider.country,
  pseudonymise,
});

/**
 * The route stage's port. Candidates: the model the caller named, else the
 * assistant's preferred models in order, else every chat model, most
 * sovereign first. Left out: models the charter's matrix blocks for the
 * turn's data class, models hosted less sovereignly than the assistant
 * allows (a use case's `sovereignty`), models whose provider is down (circuit open), models
 * too small for the prompt and its passages. A model the matrix allows only
 * with pseudonyms is kept, marked so. When the charter asks for sobriety,
 * the smallest models (active parameters) come first.
 */
export class Router {
  constructor(
    private readonly deps: {
      providers: ProvidersService;
      policy?: DataPolicy;
      classify?: DataClassifier;
    },
  ) {}

  route = async (turn: Turn): Promise<RouteResult> => {
    const { providers } = this.deps;
    const dataClass = turn.dataClass ?? this.deps.classify?.(turn) ?? "public";
    const possible = (turn.personalData ?? []).some((span) => span.certainty === "possible");
    // The charter stage put the agent's matrix on the turn; without it, the default charter's.
    const policy = turn.charter
      ? matrixPolicy(turn.charter.dataMatrix)
      : (this.deps.policy ?? matrixPolicy());
    const allowed = SOVEREIGNTY.filter((sovereignty) => policy(dataClass, sovereignty) !== "block");
    // The assistant's (a use case's) least sovereign hosting class: models hosted less so are never called.
    const least = turn.assistant?.sovereignty;
    const wanted = turn.input.model ? [turn.input.model] : (turn.assistant?.preferredModels ?? []);
    const ordered: (ResolvedModel | string)[] =
      wanted.length > 0
        ? await Promise.all(wanted.map(async (ref) => (await providers.resolve(ref)) ?? ref))
        : (await providers.models("chat")).sort(
            (a, b) => rank(a.provider.sovereignty) - rank(b.provider.sovereignty),
          );
    // Sobriety: the smallest adequate model first (models of unknown size last, in their order).
    if (turn.charter?.sobriety?.preferSmallestModel) ordered.sort(bySize);
    const prompt =
      turn.input.messages.reduce((sum, m) => sum + estimateTokens(m.content), 0) +
      (turn.grounding?.passages ?? []).reduce((sum, p) => sum + estimateTokens(p.text), 0);
    const candidates: RouteCandidate[] = [];
    const skipped: RouteResult["skipped"] = [];
    const asked: ModelParameter[] = [
      ...(Object.keys(turn.input.sampling ?? {}) as ModelParameter[]),
      ...(turn.input.tools?.length ? (["tools"] as const) : []),
      ...(turn.input.responseFormat ? (["response_format"] as const) : []),
    ];
    for (const entry of ordered) {
      const untaken =
        typeof entry === "string"
          ? undefined
          : asked.find((parameter) => !entry.model.parameters.includes(parameter));
      if (typeof entry === "string") {
        skipped.push({ ref: entry, reason: t("route.skip.unknown") });
      } else if (!entry.model.capabilities.includes("chat")) {
        skipped.push({ ref: entry.ref, reason: t("route.skip.no_chat") });
      } else if (least && rank(entry.provider.sovereignty) > rank(least)) {
        skipped.push({
          ref: entry.ref,
          reason: t("route.skip.sovereignty", {
            sovereignty: sovereigntyName(entry.provider.sovereignty),
            least: sovereigntyName(least),
          }),
          sovereignty: true,
        });
      } else if (
        dataHandling(policy, dataClass, possible, entry.provider.sovereignty) === "block"
      ) {
        skipped.push({
          ref: entry.ref,
          reason: t("route.skip.blocked", {
            dataClass: t(`route.data_class.${dataClass}`),
            sovereignty: sovereigntyName(entry.provider.sovereignty),
          }),
          blocked: true,
        });
      } else if (!providers.health.available(entry.provider.id)) {
        skipped.push({ ref: entry.ref, reason: t("route.skip.unhealthy"), unavailable: true });
      } else if (prompt > entry.model.contextLength) {
        skipped.push({ ref: entry.ref, reason: t("route.skip.too_long") });
      } else if (untaken) {
        skipped.push({
          ref: entry.ref,
          reason: t("route.skip.parameter", { parameter: untaken }),
          parameter: untaken,
        });
      } else {
        const handling = dataHandling(policy, dataClass, possible, entry.provider.sovereignty);
        candidates.push(candidateOf(entry, handling === "mask"));
      }
    }
    return { dataClass, allowed, candidates, skipped };
  };
}
