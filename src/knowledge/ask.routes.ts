import { z } from "zod";
import { type RouteDefinition, route } from "../http/index.js";
import type { Pipeline, TurnAssistant } from "../pipeline/index.js";
import type { Clock, Ids } from "../shared/clock.js";
import { AppError } from "../shared/errors.js";
import { AnswerSchema, AskBody } from "./knowledge.schema.js";

const DecisionSchema = z.object({
  stage: z.string(),
  rule: z.string(),
  outcome: z.string(),
  reason: z.string(),
});

/** POST /api/ask: a question answered from the knowledge bases, through the whole pipeline. */
export function askRoutes(deps: {
  pipeline: Pipeline;
  clock: Clock;
  ids: Ids;
  /** The assistant questions go to (the default one): its models and instructions. */
  assistant: () => Promise<TurnAssistant>;
}): RouteDefinition[] {
  return [
    route({
      method: "POST",
      url: "/api/ask",
      summary: "Poser une question aux bases de connaissances (réponse sourcée, ou abstention)",
      tags: ["knowledge"],
      access: "chat",
      body: AskBody,
      response: AnswerSchema.extend({ decisions: DecisionSchema.array() }),
      handler: async ({ principal, body }) => {
        const turn = await deps.pipeline.walk({
          id: deps.ids.id(),
          startedAt: deps.clock.now().toISOString(),
          credential: { kind: "principal", principal },
          assistant: await deps.assistant(),
          input: {
            messages: [{ role: "user", content: body.question }],
            ...(body.knowledgeBaseIds && { knowledgeBaseIds: body.knowledgeBaseIds }),
          },
          decisions: [],
          status: "walking",
        });
        const decisions = turn.decisions.map(({ stage, rule, outcome, reason }) => ({
          stage,
          rule,
          outcome,
          reason,
        }));
        if (turn.status !== "completed" || !turn.output) {
          const denial = turn.decisions.find((decision) => decision.outcome === "deny");
          throw new AppError(
            "turn_denied",
            turn.status === "failed" ? 500 : 403,
            {
              reason: denial?.reason ?? "",
            },
            decisions,
          );
        }
        return {
          answer: turn.output.text,
          abstained: turn.output.abstained,
          mode: turn.output.mode,
          confidence: turn.grounding?.confidence ?? 0,
          citations: turn.output.citations,
          model: turn.output.model ?? null,
          decisions,
        };
      },
    }),
  ];
}
