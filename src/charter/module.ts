import type { ModuleContext } from "../context.js";
import type { Principal } from "../identity/index.js";
import { auditActor } from "../observatory/index.js";
import { charterStage, type QuotaPort } from "../pipeline/index.js";
import { CharterRepository } from "./charter.repository.js";
import { charterRoutes } from "./charter.routes.js";
import { CharterService } from "./charter.service.js";

/** The usage charter as versioned data; the pipeline's charter stage. */
export function charterModule(
  { store, clock, audit }: ModuleContext,
  ports: {
    userExists: (id: string) => Promise<boolean>;
    /** Impact's quotas, which a turn is admitted against after the charter. */
    quotas: QuotaPort;
  },
) {
  const charter = new CharterService({
    repository: new CharterRepository(store.db),
    clock,
    onChange: ({ actor, version, changes }) =>
      audit({
        action: "charter.changed",
        target: String(version),
        details: { changes },
        ...(actor && { actor: auditActor(actor) }),
      }),
    onAcceptedFor: ({ actor, userId, version }) =>
      audit({
        action: "charter.accepted-for",
        target: userId,
        details: { version, ...(actor?.via === "api-key" && { via: "api-key" }) },
        ...(actor && { actor: auditActor(actor) }),
      }),
  });
  const current = async () => (await charter.current()).charter;
  return {
    services: { charter },
    /** The stage admits a turn against the charter, then against the quotas. */
    stages: { charter: charterStage(charter.port, ports.quotas) },
    /** A preview is admitted against the charter only: it holds no quota. */
    previewStages: { charter: charterStage(charter.port) },
    ports: {
      retentionPeriods: async () => (await current()).retention,
      /** What the observatory may show (its threshold of agents, who sees non-users' names). */
      observatoryRules: async () => (await current()).observatory,
      /** The monthly quotas per agent and per direction, for an agent's own view of them. */
      quotaRules: async () => (await current()).quotas,
      disclosure: async () => (await current()).disclosure,
      /** The charter's matrix for an agent: what a text of each data class may reach. */
      policyFor: (principal: Principal) => charter.policyFor(principal),
    },
    routes: charterRoutes({ charter, userExists: ports.userExists }),
  };
}
