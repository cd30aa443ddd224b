import { hasMessage, t } from "../../i18n/index.js";
import type { Stage } from "../pipeline.js";
import type { DataClass } from "../turn.js";

/** What a scan of one text found: its class, and the types found with their counts (never values). */
export interface GuardFinding {
  dataClass: DataClass;
  types: Record<string, number>;
}

/** Scans a text; throws when it cannot (the turn is then blocked: fail closed). */
export type ScanPort = (text: string) => GuardFinding;

const ORDER: DataClass[] = ["public", "personal", "sensitive"];

/**
 * guard: finds personal and sensitive data in every message of the turn and
 * classifies it (`public`, `personal`, `sensitive`); the route stage then
 * keeps only the models the rules allow for that class. A scan that fails
 * blocks the turn (the pipeline records `guard.failed` and stops): never
 * pass what could not be checked.
 */
export function guardStage(scan: ScanPort): Stage {
  return async (turn, { decide }) => {
    let dataClass: DataClass = "public";
    const types: Record<string, number> = {};
    for (const message of turn.input.messages) {
      const finding = scan(message.content);
      if (ORDER.indexOf(finding.dataClass) > ORDER.indexOf(dataClass))
        dataClass = finding.dataClass;
      for (const [type, count] of Object.entries(finding.types)) {
        types[type] = (types[type] ?? 0) + count;
      }
    }
    turn.dataClass = dataClass;
    const summary = Object.entries(types)
      .sort((a, b) => b[1] - a[1])
      .map(([type, count]) => {
        const label = `guard.type.${type}`;
        return `${count} × ${hasMessage(label) ? t(label) : type}`;
      })
      .join(", ");
    if (!summary) decide("guard.clean", "allow", t("guard.clean"));
    else {
      decide(
        "guard.found",
        "note",
        t("guard.found", { summary, dataClass: t(`route.data_class.${dataClass}`) }),
      );
    }
  };
}
