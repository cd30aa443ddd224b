import { datacenterOf, type LocalDatacenter, missingImpactInputs } from "../impact/index.js";
import type { ProviderDraft, ProviderImpact } from "./provider.schema.js";

/**
 * Whether the answers of a provider's models will get an impact figure: the
 * impact domain's rule (what `estimateModelImpact` needs, the collectivité's
 * datacenter for a local provider) applied to each chat model, so that an
 * administrator is told what to fill in before an agent reads "Impact non
 * estimé". Embedding models are left out (the method models text generation
 * only), and so is an extractive provider (its answers are a search, counted
 * as zero).
 */
export function providerImpact(provider: ProviderDraft, local: LocalDatacenter): ProviderImpact {
  const datacenter = datacenterOf(provider, local);
  const unestimated =
    provider.kind === "extractive"
      ? []
      : provider.models
          .filter((model) => model.id.trim() !== "" && model.capabilities.includes("chat"))
          .map((model) => ({ model: model.id, missing: missingImpactInputs(model, datacenter) }))
          .filter((entry) => entry.missing.length > 0);
  return {
    ...(datacenter.pue !== undefined && { pue: datacenter.pue }),
    ...(datacenter.wue !== undefined && { wue: datacenter.wue }),
    unestimated,
  };
}
