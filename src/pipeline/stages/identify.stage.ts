import type { Authentication } from "../../identity/index.js";
import { AppError } from "../../shared/errors.js";
import type { Stage } from "../pipeline.js";
import type { Credential } from "../turn.js";

/** Resolves a session or API key credential; throws a 401 AppError when it is not valid. */
export type ResolveCredential = (
  credential: Exclude<Credential, { kind: "principal" }>,
) => Promise<Authentication>;

/**
 * identify: who is asking. Resolves the credential into a principal and
 * checks that the principal may use assistants at all (`chat`).
 */
export function identifyStage(resolve: ResolveCredential): Stage {
  return async (turn, { decide }) => {
    let principal = turn.credential.kind === "principal" ? turn.credential.principal : undefined;
    if (!principal) {
      try {
        principal = (await resolve(turn.credential as Exclude<Credential, { kind: "principal" }>))
          .principal;
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 401) throw error;
        decide(`identity.${error.code}`, "deny", error.message);
        return;
      }
    }
    turn.principal = principal;
    if (!principal.permissions.includes("chat")) {
      decide(
        "identity.chat-permission",
        "deny",
        principal.via === "api-key"
          ? "Cette clé d'API n'a pas la portée « chat » : créez une clé qui l'inclut."
          : "Votre rôle ne donne pas accès aux assistants : demandez le rôle « agent » à votre administrateur.",
      );
      return;
    }
    decide(
      `identity.${principal.via}`,
      "allow",
      `Identifié (${principal.via}), direction ${principal.directionPath ?? "non renseignée"}.`,
    );
  };
}
