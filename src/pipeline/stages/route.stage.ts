import { t } from "../../i18n/index.js";
import type { Stage } from "../pipeline.js";
import type { DataClass, RouteCandidate, SovereigntyClass, Turn } from "../turn.js";

export interface RouteResult {
  dataClass: DataClass;
  /** Hosting classes the rules allow for this data. */
  allowed: SovereigntyClass[];
  candidates: RouteCandidate[];
  /** Models left out, and why (a sentence in French). */
  skipped: { ref: string; reason: string }[];
}

/** Chooses, in order, the models this turn may use. */
export type Route = (turn: Turn) => Promise<RouteResult>;

/**
 * route: the models the turn may use, most preferred first, among those
 * whose hosting class the rules allow for the turn's data and whose provider
 * is up. With none, the answer is extractive (quoted sources, no model).
 */
export function routeStage(route: Route): Stage {
  return async (turn, { decide }) => {
    const result = await route(turn);
    turn.dataClass = result.dataClass;
    turn.route = { candidates: result.candidates };
    decide(
      "route.data-class",
      "note",
      t("route.data_class", {
        dataClass: t(`route.data_class.${result.dataClass}`),
        allowed: result.allowed.join(", ") || t("route.none_allowed"),
      }),
    );
    for (const skipped of result.skipped) {
      decide("route.skipped", "note", t("route.skipped", skipped));
    }
    if (result.candidates.length > 0) {
      decide(
        "route.candidates",
        "allow",
        t("route.candidates", {
          candidates: result.candidates.map((c) => `${c.ref} (${c.sovereignty})`).join(", "),
        }),
      );
    } else {
      decide("route.extractive", "note", t("route.extractive"));
    }
  };
}
