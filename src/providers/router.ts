import { t } from "../i18n/index.js";
import type {
  DataClass,
  RouteCandidate,
  RouteResult,
  SovereigntyClass,
  Turn,
} from "../pipeline/index.js";
import { estimateTokens } from "./model-provider.js";
import { SOVEREIGNTY } from "./provider.schema.js";
import type { ProvidersService, ResolvedModel } from "./providers.service.js";

/**
 * Which hosting classes may receive a turn's data. Until the charter lands,
 * its default matrix with "pseudonymise" read as "not allowed" (the guard
 * that pseudonymises is not installed yet): fail closed.
 */
export type SovereigntyPolicy = (dataClass: DataClass) => SovereigntyClass[];

export const DEFAULT_POLICY: SovereigntyPolicy = (dataClass) =>
  dataClass === "public"
    ? ["local", "sovereign", "extraterritorial"]
    : dataClass === "personal"
      ? ["local", "sovereign"]
      : ["local"];

/** What a turn holds; the personal-data guard replaces this until-then classifier. */
export type DataClassifier = (turn: Turn) => DataClass;

const rank = (sovereignty: SovereigntyClass) => SOVEREIGNTY.indexOf(sovereignty);

export const candidateOf = (resolved: ResolvedModel): RouteCandidate => ({
  ref: resolved.ref,
  providerId: resolved.provider.id,
  providerLabel: resolved.provider.label ?? resolved.provider.id,
  modelId: resolved.model.id,
  sovereignty: resolved.provider.sovereignty,
  country: resolved.provider.country,
});

/**
 * The route stage's port. Candidates: the model the caller named, else the
 * assistant's preferred models in order, else every chat model, most
 * sovereign first. Left out: models the data class does not allow, models
 * whose provider is down (circuit open), models too small for the prompt.
 */
export class Router {
  constructor(
    private readonly deps: {
      providers: ProvidersService;
      policy?: SovereigntyPolicy;
      classify?: DataClassifier;
    },
  ) {}

  route = async (turn: Turn): Promise<RouteResult> => {
    const { providers } = this.deps;
    const dataClass = turn.dataClass ?? this.deps.classify?.(turn) ?? "public";
    const allowed = (this.deps.policy ?? DEFAULT_POLICY)(dataClass);
    const wanted = turn.input.model ? [turn.input.model] : (turn.assistant?.preferredModels ?? []);
    const ordered: (ResolvedModel | string)[] =
      wanted.length > 0
        ? await Promise.all(wanted.map(async (ref) => (await providers.resolve(ref)) ?? ref))
        : (await providers.models("chat")).sort(
            (a, b) => rank(a.provider.sovereignty) - rank(b.provider.sovereignty),
          );
    const prompt = turn.input.messages.reduce((sum, m) => sum + estimateTokens(m.content), 0);
    const candidates: RouteCandidate[] = [];
    const skipped: RouteResult["skipped"] = [];
    for (const entry of ordered) {
      if (typeof entry === "string") {
        skipped.push({ ref: entry, reason: t("route.skip.unknown") });
      } else if (!entry.model.capabilities.includes("chat")) {
        skipped.push({ ref: entry.ref, reason: t("route.skip.no_chat") });
      } else if (!allowed.includes(entry.provider.sovereignty)) {
        skipped.push({
          ref: entry.ref,
          reason: t("route.skip.not_allowed", { sovereignty: entry.provider.sovereignty }),
        });
      } else if (!providers.health.available(entry.provider.id)) {
        skipped.push({ ref: entry.ref, reason: t("route.skip.unhealthy") });
      } else if (prompt > entry.model.contextLength) {
        skipped.push({ ref: entry.ref, reason: t("route.skip.too_long") });
      } else {
        candidates.push(candidateOf(entry));
      }
    }
    return { dataClass, allowed, candidates, skipped };
  };
}
