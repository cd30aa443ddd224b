import type { ModuleContext } from "../context.js";
import type { Principal } from "../identity/index.js";
import { AssistantsRepository } from "./assistants.repository.js";
import { assistantsRoutes } from "./assistants.routes.js";
import { AssistantsService } from "./assistants.service.js";

/** Use-case assistants: instructions, bound bases and model, audience. */
export function assistantsModule(
  { store, clock, ids, audit }: ModuleContext,
  ports: {
    modelExists: (ref: string) => Promise<boolean>;
    /** The ids of the knowledge bases a principal (or the CLI) may read. */
    readableBaseIds: (principal: Principal | "cli") => Promise<string[]>;
    directionPath: (id: string) => Promise<string | undefined>;
  },
) {
  const assistants = new AssistantsService({
    assistants: new AssistantsRepository(store.db),
    modelExists: ports.modelExists,
    baseExists: async (id) => (await ports.readableBaseIds("cli")).includes(id),
    directionPath: ports.directionPath,
    readableBaseIds: ports.readableBaseIds,
    clock,
    ids,
    audit,
  });
  return { services: { assistants }, routes: assistantsRoutes({ assistants }) };
}
