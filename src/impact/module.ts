import type { ModuleContext } from "../context.js";
import { accountStage } from "../pipeline/index.js";
import type { ResolvedModel } from "../providers/index.js";
import { impactOfTurn } from "./account.js";
import { datacenterOf } from "./datacenter.js";
import { impactRoutes } from "./impact.routes.js";
import { QuotaRepository } from "./quota.repository.js";
import { QuotaService } from "./quota.service.js";

/** Quotas, and the pipeline's account stage: the impact of the model that answered. */
export function impactModule(
  { config, store, clock }: ModuleContext,
  ports: { resolveModel: (ref: string) => Promise<ResolvedModel | null> },
) {
  const repository = new QuotaRepository(store.db);
  const quotas = new QuotaService({ quotas: repository, clock });
  const local = { pue: config.impact.localPue, wue: config.impact.localWue };
  return {
    services: { quotas },
    ports: {
      quotas: quotas.port,
      settleQuota: quotas.settle,
      /** What a quota scope consumed in a month (`user:ID`, `direction:ID`). */
      quotaUsage: (scope: string, month: string) => repository.usage(scope, month),
      /** Every scope's consumption in a month: who reached a quota, for the observatory. */
      quotaMonth: (month: string) => repository.month(month),
    },
    stages: {
      account: accountStage(
        impactOfTurn(async (ref) => {
          const resolved = await ports.resolveModel(ref);
          if (!resolved) return undefined;
          const { model, provider } = resolved;
          return {
            activeParameters: model.activeParameters,
            totalParameters: model.totalParameters,
            ...datacenterOf(provider, local),
          };
        }),
      ),
    },
    routes: impactRoutes(),
  };
}
