import type { ModuleContext } from "../context.js";
import { accountStage } from "../pipeline/index.js";
import type { ResolvedModel } from "../providers/index.js";
import { impactOfTurn } from "./account.js";
import { impactRoutes } from "./impact.routes.js";
import { QuotaRepository } from "./quota.repository.js";
import { QuotaService } from "./quota.service.js";

/** Quotas, and the pipeline's account stage: the impact of the model that answered. */
export function impactModule(
  { config, store, clock }: ModuleContext,
  ports: { resolveModel: (ref: string) => Promise<ResolvedModel | null> },
) {
  const quotas = new QuotaService({ quotas: new QuotaRepository(store.db), clock });
  // A local provider without its own figures runs in the collectivité's datacenter.
  const local = (sovereignty: string, own: number | undefined, configured: number | undefined) =>
    own ?? (sovereignty === "local" ? configured : undefined);
  return {
    services: { quotas },
    ports: { quotas: quotas.port, settleQuota: quotas.settle },
    stages: {
      account: accountStage(
        impactOfTurn(async (ref) => {
          const resolved = await ports.resolveModel(ref);
          if (!resolved) return undefined;
          const { model, provider } = resolved;
          return {
            activeParameters: model.activeParameters,
            totalParameters: model.totalParameters,
            country: provider.country,
            pue: local(provider.sovereignty, provider.pue, config.impact.localPue),
            wue: local(provider.sovereignty, provider.wue, config.impact.localWue),
          };
        }),
      ),
    },
    routes: impactRoutes(),
  };
}
