import type { DataPolicy } from "../charter/index.js";
import type { ModuleContext } from "../context.js";
import type { DataClass, GuardFinding } from "../guard/index.js";
import type { Principal } from "../identity/index.js";
import type { ResolvedModel } from "../providers/index.js";
import { ArenaRepository } from "./arena.repository.js";
import { arenaRoutes } from "./arena.routes.js";
import { type ArenaPorts, ArenaService } from "./arena.service.js";

/**
 * LLM battles, built after the chat domain (its outputs are turns through
 * the pipeline) and the use-case runs (whose prompts and baselines they
 * reuse). Adapts the other domains' ports to the arena's own.
 */
export function arenaModule(
  { store, clock, ids, audit }: ModuleContext,
  ports: {
    useCase: ArenaPorts["useCase"];
    prepare: ArenaPorts["prepare"];
    answer: ArenaPorts["answer"];
    resolveModel: (ref: string) => Promise<ResolvedModel | null>;
    policyFor: (principal: Principal) => Promise<DataPolicy>;
    scan: (text: string) => Promise<GuardFinding>;
    directionPath: (id: string) => Promise<string | undefined>;
    findUserByEmail: (email: string) => Promise<{ id: string } | undefined>;
    recommend: ArenaPorts["recommend"];
  },
) {
  const arena = new ArenaService({
    arena: new ArenaRepository(store.db),
    ports: {
      useCase: ports.useCase,
      prepare: ports.prepare,
      answer: ports.answer,
      model: async (ref) => {
        const resolved = await ports.resolveModel(ref);
        return (
          resolved && {
            ref,
            sovereignty: resolved.provider.sovereignty,
            activeParameters: billions(resolved.model.activeParameters),
            chat:
              resolved.provider.kind !== "extractive" &&
              resolved.model.capabilities.includes("chat"),
          }
        );
      },
      allows: async (principal, dataClass: DataClass, sovereignty) =>
        (await ports.policyFor(principal))(dataClass, sovereignty) !== "block",
      classify: async (text) => (await ports.scan(text)).dataClass,
      directionPath: ports.directionPath,
      userByEmail: ports.findUserByEmail,
      recommend: ports.recommend,
    },
    clock,
    ids,
    audit,
  });
  return { services: { arena }, routes: arenaRoutes({ arena }) };
}

/** A declared parameter count (billions, or a range where the provider gives one), as one number. */
const billions = (count: number | { min: number; max: number } | undefined): number | null =>
  count === undefined ? null : typeof count === "number" ? count : (count.min + count.max) / 2;
