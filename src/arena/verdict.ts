import { t } from "../i18n/index.js";

/** A contender as the verdict reads it: its place in the ranking and what its answers cost. */
export interface VerdictContender {
  position: number;
  kind: "model" | "baseline";
  label: string;
  score: number;
  low: number;
  high: number;
  votes: number;
  /** Mean energy of one of its answers (kWh), when measured. */
  energyKwh: number | null;
}

export type VerdictKind = "no-votes" | "gain" | "no-gain";

export interface Verdict {
  kind: VerdictKind;
  /** The best-ranked contender's position, and the baseline's. */
  best: number | null;
  baseline: number;
  /** The energy one AI answer would spend for no measured gain (kWh); null with a gain. */
  energyForNothingKwh: number | null;
  /** In plain French. */
  text: string;
}

const decimal = (value: number, digits = 2) =>
  new Intl.NumberFormat("fr-FR", { maximumFractionDigits: digits }).format(value);

/**
 * A campaign's verdict: the best contender; whether it beats the result
 * without AI with the 95 % intervals apart (its low bound above the
 * baseline's high bound); otherwise « l'IA n'apporte pas de gain mesurable
 * sur ce cas d'usage », with the energy an AI answer would spend for nothing
 * (the best-ranked model's mean, as the one a service would pick).
 */
export function verdictOf(contenders: readonly VerdictContender[], votes: number): Verdict {
  const baseline = contenders.find((contender) => contender.kind === "baseline");
  if (!baseline) throw new Error("a campaign always has its baseline");
  if (votes === 0)
    return {
      kind: "no-votes",
      best: null,
      baseline: baseline.position,
      energyForNothingKwh: null,
      text: t("arena.verdict.no_votes"),
    };
  const ranked = [...contenders].sort((x, y) => y.score - x.score);
  const best = ranked[0] as VerdictContender;
  const bestModel = ranked.find((contender) => contender.kind === "model");
  const interval = (c: VerdictContender) =>
    t("arena.verdict.interval", { low: decimal(c.low), high: decimal(c.high) });
  if (best.kind === "model" && best.low > baseline.high)
    return {
      kind: "gain",
      best: best.position,
      baseline: baseline.position,
      energyForNothingKwh: null,
      text: t("arena.verdict.gain", {
        best: best.label,
        interval: interval(best),
        baseline: interval(baseline),
        votes,
      }),
    };
  const energy = bestModel?.energyKwh ?? null;
  const reason =
    best.kind === "baseline"
      ? t("arena.verdict.baseline_first", { interval: interval(baseline) })
      : t("arena.verdict.overlap", {
          best: best.label,
          interval: interval(best),
          baseline: interval(baseline),
        });
  return {
    kind: "no-gain",
    best: best.position,
    baseline: baseline.position,
    energyForNothingKwh: energy,
    text: [
      t("arena.verdict.no_gain", { reason, votes }),
      energy === null
        ? ""
        : t("arena.verdict.energy", {
            model: bestModel?.label ?? "",
            wh: decimal(energy * 1000, 3),
          }),
    ]
      .filter(Boolean)
      .join(" "),
  };
}
