import type { Quantity } from "./estimator.js";
import type { Datacenter } from "./model.js";

/** The collectivité's own datacenter, from the configuration (`impact.localPue`, `impact.localWue`). */
export interface LocalDatacenter {
  pue?: number | undefined;
  wue?: number | undefined;
}

/** What a registered provider says of where it runs (the providers' `ProviderDefinition`). */
export interface ProviderSite {
  sovereignty: string;
  country: string;
  pue?: Quantity | undefined;
  wue?: Quantity | undefined;
}

/**
 * The datacenter an estimate takes for a provider's models: its own PUE and
 * WUE, else, for a local provider, the collectivité's (it runs there). A
 * provider elsewhere is never given the collectivité's figures.
 */
export function datacenterOf(provider: ProviderSite, local: LocalDatacenter): Datacenter {
  const isLocal = provider.sovereignty === "local";
  return {
    country: provider.country,
    pue: provider.pue ?? (isLocal ? local.pue : undefined),
    wue: provider.wue ?? (isLocal ? local.wue : undefined),
  };
}
