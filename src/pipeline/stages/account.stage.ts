import { hasMessage, t } from "../../i18n/index.js";
import type { Stage } from "../pipeline.js";
import type { ImpactRange, Turn, TurnImpact } from "../turn.js";

/** The turn's impact, or what is missing to estimate it; nothing for a turn without an answer. */
export type EstimateImpact = (
  turn: Turn,
) => Promise<{ impact: TurnImpact } | { missing: string[] } | undefined>;

const number = (value: number) =>
  value.toLocaleString("fr-FR", { maximumSignificantDigits: 2, minimumSignificantDigits: 1 });

/** "0,38 Wh" or "0,38 à 0,62 Wh". */
const range = (value: ImpactRange, scale: number, unit: string) =>
  value.min === value.max
    ? `${number(value.min * scale)} ${unit}`
    : `${number(value.min * scale)} à ${number(value.max * scale)} ${unit}`;

/**
 * account: the environmental impact of the answer (energy, greenhouse gases,
 * abiotic resources, primary energy, water), from the model's declared size,
 * its datacenter and the tokens it wrote; an extractive answer counts as the
 * search it is. A figure that cannot be estimated says what is missing,
 * never a made-up value.
 */
export function accountStage(estimate: EstimateImpact): Stage {
  return async (turn, { decide }) => {
    if (!turn.output) return;
    const result = await estimate(turn);
    if (!result) return;
    if ("missing" in result) {
      decide(
        "account.not-estimated",
        "note",
        t("account.not_estimated", {
          missing: result.missing
            .map((item) => {
              const key = `account.missing.${item}`;
              return hasMessage(key) ? t(key) : item;
            })
            .join(", "),
        }),
      );
      return;
    }
    const { impact } = result;
    turn.impact = impact;
    if (impact.method === "extractive") {
      decide("account.extractive", "note", t("account.extractive"));
      return;
    }
    decide(
      "account.impact",
      "note",
      t("account.impact", {
        energy: range(impact.energyKwh, 1000, "Wh"),
        gwp: range(impact.gwpKgCo2e, 1000, "gCO2e"),
        led: range(impact.ledBulbMinutes, 1, "min"),
        method: impact.method,
      }),
    );
  };
}
