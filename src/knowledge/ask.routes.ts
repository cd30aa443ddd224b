import { z } from "zod";
import { type RouteDefinition, route } from "../http/index.js";
import type { Principal } from "../identity/index.js";
import { publicDecisions, type Turn, turnError } from "../pipeline/index.js";
import { AnswerSchema, AskBody } from "./knowledge.schema.js";

const DecisionSchema = z.object({
  stage: z.string(),
  rule: z.string(),
  outcome: z.string(),
  reason: z.string(),
});

/** Walks a question through the pipeline to the default assistant (the chat service). */
export type Ask = (
  principal: Principal,
  question: string,
  knowledgeBaseIds: string[] | undefined,
) => Promise<Turn>;

/** POST /api/ask: a question answered from the knowledge bases, through the whole pipeline. */
export function askRoutes(deps: { ask: Ask }): RouteDefinition[] {
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
        const turn = await deps.ask(principal, body.question, body.knowledgeBaseIds);
        if (turn.status !== "completed" || !turn.output) throw turnError(turn);
        return {
          answer: turn.output.text,
          abstained: turn.output.abstained,
          mode: turn.output.mode,
          confidence: turn.grounding?.confidence ?? 0,
          citations: turn.output.citations,
          model: turn.output.model ?? null,
          decisions: publicDecisions(turn),
        };
      },
    }),
  ];
}
