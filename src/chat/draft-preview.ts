import { z } from "zod";
import { dataHandling, matrixPolicy } from "../charter/index.js";
import { ENTITY_TYPES } from "../guard/index.js";
import { t } from "../i18n/index.js";
import type { Turn } from "../pipeline/index.js";
import type { AssistantModel } from "./chat.service.js";

/**
 * What sending a draft would do, as the page shows it while the agent types:
 * the values the guard found (types and places in the draft: the page holds
 * the text, the answer never repeats it), and the outcome for the chosen
 * assistant.
 */
export const DraftPreviewSchema = z.object({
  dataClass: z.enum(["public", "personal", "sensitive"]),
  entities: z.array(
    z.object({
      type: z.enum(ENTITY_TYPES),
      start: z.number(),
      end: z.number(),
      certainty: z.enum(["certain", "possible"]),
    }),
  ),
  outcome: z
    .object({
      kind: z
        .enum(["send", "pseudonymise", "block", "extractive"])
        .describe(
          "send : envoyé tel quel ; pseudonymise : les valeurs remplacées par des pseudonymes avant l'envoi ; block : refusé ; extractive : aucun modèle, les passages cités",
        ),
      /** The model the draft would go to first (send, pseudonymise). */
      model: z.string().nullable(),
      sovereignty: z.enum(["local", "sovereign", "extraterritorial"]).nullable(),
      /** Why, in French (the rule that refuses it, for `block`). */
      reason: z.string(),
    })
    .describe("Ce que l'envoi ferait pour l'assistant choisi"),
  models: z
    .array(
      z.object({
        ref: z.string(),
        name: z.string(),
        provider: z.string(),
        sovereignty: z.enum(["local", "sovereign", "extraterritorial"]),
        country: z.string(),
        /** The charter lets the message go there only with its personal data pseudonymised. */
        pseudonymise: z.boolean(),
      }),
    )
    .describe(
      "Les modèles de l'assistant que la charte autorise pour les données de ce message (à choisir pour l'envoyer à l'un d'eux plutôt que de laisser Beffroi choisir) ; aucun quand il serait refusé",
    ),
});
export type DraftPreview = z.infer<typeof DraftPreviewSchema>;

/**
 * The assistant's models the charter's matrix lets the message go to, for
 * the data the guard found (the rule the router applies, `dataHandling`);
 * none when the preview refused it before the route.
 */
function allowedModels(turn: Turn, models: readonly AssistantModel[]): DraftPreview["models"] {
  if (turn.status !== "walking" && turn.status !== "completed") return [];
  const policy = matrixPolicy(turn.charter?.dataMatrix);
  const dataClass = turn.dataClass ?? "public";
  const possible = (turn.personalData ?? []).some((span) => span.certainty === "possible");
  return models.flatMap((model) => {
    const handling = dataHandling(policy, dataClass, possible, model.sovereignty);
    return handling === "block" ? [] : [{ ...model, pseudonymise: handling === "mask" }];
  });
}

/**
 * Reads a turn walked by the preview pipeline: what the guard found in its
 * last message, where it would go, and which of the assistant's `models` it
 * may be sent to.
 */
export function draftPreview(turn: Turn, models: readonly AssistantModel[] = []): DraftPreview {
  const allowed = allowedModels(turn, models);
  const last = turn.input.messages.length - 1;
  const entities = (turn.personalData ?? [])
    .filter((span) => span.message === last && ENTITY_TYPES.includes(span.type as never))
    .map((span) => ({
      type: span.type as (typeof ENTITY_TYPES)[number],
      start: span.start,
      end: span.end,
      certainty: span.certainty ?? ("certain" as const),
    }));
  const dataClass = turn.dataClass ?? "public";
  const refusal = [...turn.decisions].reverse().find((decision) => decision.outcome === "deny");
  if (turn.status !== "walking" && turn.status !== "completed") {
    return {
      dataClass,
      entities,
      models: allowed,
      outcome: {
        kind: "block",
        model: null,
        sovereignty: null,
        reason: turn.failure?.message ?? refusal?.reason ?? t("pipeline.stage_failed"),
      },
    };
  }
  const first = turn.route?.candidates[0];
  if (!first) {
    return {
      dataClass,
      entities,
      models: allowed,
      outcome: {
        kind: "extractive",
        model: null,
        sovereignty: null,
        reason: t("chat.preview.extractive"),
      },
    };
  }
  const model = `${first.providerLabel} — ${first.modelId}`;
  return {
    dataClass,
    entities,
    models: allowed,
    outcome: {
      kind: first.pseudonymise ? "pseudonymise" : "send",
      model,
      sovereignty: first.sovereignty,
      reason: t(first.pseudonymise ? "chat.preview.pseudonymise" : "chat.preview.send", {
        model,
      }),
    },
  };
}
