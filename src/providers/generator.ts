import { citedPassages, groundedMessages } from "../knowledge/prompt.js";
import type { StageContext } from "../pipeline/index.js";
import { type Grounding, questionOf, type Turn, type TurnOutput } from "../pipeline/index.js";
import { AppError } from "../shared/errors.js";
import { ProviderError, type Usage } from "./model-provider.js";
import type { ProvidersService } from "./providers.service.js";

/** Why a provider did not answer, in a few French words an agent or a DSI can act on. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof ProviderError)) return "erreur inattendue";
  switch (error.code) {
    case "timeout":
      return "délai dépassé";
    case "unreachable":
      return "service injoignable";
    case "invalid_response":
      return "réponse illisible";
    case "interrupted":
      return "réponse interrompue";
    default:
      if (error.status === 429) return "trop de demandes (429)";
      if (error.status === 401 || error.status === 403)
        return `clé d'API refusée (${error.status})`;
      if ((error.status ?? 0) >= 500) return `erreur du service (${error.status})`;
      return `demande refusée par le service (${error.status})`;
  }
}

/**
 * The generate stage's port: tries the route's candidates in order, passing
 * the text on as it comes; falls back to the next candidate when one fails
 * before writing anything; answers extractively (quoted sources, no model)
 * when none answers. An assistant bound to knowledge bases does not call a
 * model when nothing relevant was found: it says so.
 */
export class Generator {
  constructor(
    private readonly deps: {
      providers: ProvidersService;
      extractive: (question: string, grounding: Grounding | undefined) => TurnOutput;
    },
  ) {}

  generate = async (turn: Turn, decide: StageContext["decide"]): Promise<TurnOutput> => {
    const sink = turn.sink ?? (() => {});
    const bound = turn.assistant?.knowledgeBases;
    const needsSources = Array.isArray(bound) && bound.length > 0;
    const candidates = turn.route?.candidates ?? [];
    if (!(needsSources && turn.grounding?.abstained)) {
      for (const candidate of candidates) {
        const provider = (await this.deps.providers.list()).find(
          (p) => p.id === candidate.providerId,
        );
        if (!provider) continue;
        // A provider of kind `extractive` stands for the quoted passages: the answer below.
        if (provider.kind === "extractive") break;
        let text = "";
        let usage: Usage | undefined;
        turn.upstreamStartedAt = performance.now();
        try {
          const chunks = this.deps.providers.adapter(provider).chat({
            model: candidate.modelId,
            messages: groundedMessages(
              turn.assistant?.instructions ?? "",
              turn.grounding,
              turn.input.messages,
            ),
            stream: turn.input.stream ?? true,
            ...(turn.input.temperature !== undefined && { temperature: turn.input.temperature }),
            ...(turn.input.maxTokens !== undefined && { maxTokens: turn.input.maxTokens }),
            ...(turn.grounding && { grounding: turn.grounding }),
            ...(turn.signal && { signal: turn.signal }),
          });
          for await (const chunk of chunks) {
            if (chunk.type === "delta") {
              text += chunk.text;
              sink(chunk.text, candidate);
            } else usage = chunk.usage;
          }
        } catch (error) {
          if (turn.signal?.aborted) throw new AppError("request_cancelled", 499);
          this.deps.providers.health.failed(provider.id);
          // Text already passed on cannot be taken back: the turn fails rather than mix two answers.
          if (text.length > 0) throw new AppError("model_interrupted", 502);
          decide(
            "generate.fallback",
            "note",
            `${candidate.ref} n'a pas répondu (${describeFailure(error)}) : suivant.`,
          );
          continue;
        }
        this.deps.providers.health.succeeded(provider.id);
        const citations = citedPassages(text, turn.grounding);
        decide(
          "generate.model",
          "allow",
          `Réponse rédigée par ${candidate.modelId} (${candidate.providerLabel}, hébergement ${candidate.sovereignty}, ${candidate.country})${usage?.estimated ? ", jetons estimés" : ""}.`,
        );
        if (
          (turn.grounding?.passages.length ?? 0) > 0 &&
          !turn.grounding?.abstained &&
          citations.length === 0
        ) {
          decide(
            "generate.uncited",
            "note",
            "Le modèle n'a cité aucune source : réponse à vérifier.",
          );
        }
        return {
          text,
          mode: "model",
          citations,
          abstained: false,
          model: candidate,
          ...(usage && { usage }),
        };
      }
    }
    const output = this.deps.extractive(questionOf(turn.input.messages), turn.grounding);
    sink(output.text, undefined);
    decide(
      "generate.extractive",
      "allow",
      output.abstained
        ? "Réponse extractive : aucune source pertinente, abstention."
        : candidates.length > 0 && !(needsSources && turn.grounding?.abstained)
          ? `Aucun modèle n'a répondu : réponse extractive, ${output.citations.length} source(s) citée(s).`
          : `Réponse extractive : ${output.citations.length} source(s) citée(s), sans modèle de langue.`,
    );
    return output;
  };
}
