import type { ModuleContext } from "../context.js";
import type { VaultCipher } from "../guard/index.js";
import { extractiveAnswer } from "../knowledge/index.js";
import { attachmentsStage, generateStage, routeStage } from "../pipeline/index.js";
import { Generator } from "./generator.js";
import { estimateTokens } from "./model-provider.js";
import { keyRulesOf, ProviderKeys } from "./provider-keys.js";
import { ProvidersRepository } from "./providers.repository.js";
import { providersRoutes } from "./providers.routes.js";
import { ProvidersService } from "./providers.service.js";
import { Router } from "./router.js";

/** The model registry, routing by sovereignty class, generation; the route and generate stages. */
export function providersModule(
  { config, store, clock, log, audit }: ModuleContext,
  ports: {
    /** Keys entered by administrators are sealed under the vault key, like pseudonyms. */
    cipher: VaultCipher;
  },
) {
  const providers = new ProvidersService({
    repository: new ProvidersRepository(store.db),
    now: () => clock.now(),
    keys: new ProviderKeys({ rules: keyRulesOf(config), cipher: ports.cipher }),
    adapterOptions: { maxResponseBytes: config.modelProviders.maxResponseBytes },
    audit,
    localDatacenter: { pue: config.impact.localPue, wue: config.impact.localWue },
  });
  const router = new Router({ providers });
  const generator = new Generator({
    providers,
    extractive: extractiveAnswer,
    allowedOrigins: new Set(config.answers.allowedOrigins),
    log,
  });
  const route = routeStage(router.route);
  return {
    services: { providers },
    /** A preview shows where the draft would go: the route, without generating. */
    previewStages: { route },
    stages: {
      route,
      // Documents attached to a conversation ground its turns, cut to the chosen model's context.
      generate: attachmentsStage(generateStage(generator.generate), {
        resolveModel: (ref) => providers.resolve(ref),
        estimateTokens,
      }),
    },
    ports: {
      providers,
      resolveModel: (ref: string) => providers.resolve(ref),
      /** Whether a model ref names a registered model. */
      modelExists: async (ref: string) => (await providers.resolve(ref)) !== null,
    },
    /** The providers the configuration declares, written in the registry at start. */
    start: async () => {
      await providers.seed(config.providers);
    },
    routes: providersRoutes({ providers }),
  };
}
