import type { DomainModule, ModuleContext, Stages } from "../context.js";
import { Pipeline } from "./pipeline.js";

/**
 * The two pipelines, composed from the stages the domains give (run in the
 * order STAGES fixes, whatever the domains' order):
 * - a turn's: every protection, retrieval, generation, impact and journal;
 * - a draft's preview, shown while the agent types: what sending it would do,
 *   from the stages the domains give for it (up to the route, without quotas,
 *   pseudonyms, retrieval, generation or journal), so that nothing is kept.
 * A slot two domains fill is a wiring mistake, refused at start.
 */
export function pipelineModule(
  { clock, log }: Pick<ModuleContext, "clock" | "log">,
  domains: readonly DomainModule[],
) {
  const pipeline = new Pipeline(merged(domains.map((domain) => domain.stages)), clock, log);
  const preview = new Pipeline(merged(domains.map((domain) => domain.previewStages)), clock, log);
  return {
    services: { pipeline, previewPipeline: preview },
    ports: { pipeline, preview },
    routes: [],
  };
}

function merged(parts: (Stages | undefined)[]): Stages {
  const stages: Stages = {};
  for (const part of parts) {
    for (const [slot, stage] of Object.entries(part ?? {}) as [
      keyof Stages,
      Stages[keyof Stages],
    ][]) {
      if (stages[slot]) throw new Error(`two domains fill the pipeline's ${slot} stage`);
      stages[slot] = stage;
    }
  }
  return stages;
}
