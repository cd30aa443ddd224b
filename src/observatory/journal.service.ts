import { publicDecisions, type Turn } from "../pipeline/index.js";
import type { Clock } from "../shared/clock.js";
import type { UsageRepository } from "./usage.repository.js";

/** Totals over a period, per assistant, model, hosting class and data class. */
export interface UsageSummaryRow {
  assistantId: string | null;
  modelRef: string | null;
  sovereignty: string | null;
  dataClass: string;
  turns: number;
  denied: number;
  /** Answers the agents found useful, and not. */
  positive: number;
  negative: number;
  promptTokens: number;
  completionTokens: number;
  energyKwh: { min: number; max: number };
  gwpKgCo2e: { min: number; max: number };
  /** Minutes the answers saved the agents, by their own estimates, and how many answers had one. */
  minutesSaved: number;
  answersWithMinutes: number;
}

/**
 * The personal data a turn held, as counts per type (never a value), and
 * what was done with it: refused (`block`), masked for the model that
 * answered (`pseudonymise`), or sent as it is (`allow`); none without any.
 */
function protectionOf(turn: Turn): { personal_data: string | null; data_action: string | null } {
  const spans = turn.personalData ?? [];
  if (spans.length === 0) return { personal_data: null, data_action: null };
  const counts: Record<string, number> = {};
  for (const span of spans) counts[span.type] = (counts[span.type] ?? 0) + 1;
  const refused = turn.decisions.some(
    (decision) =>
      decision.outcome === "deny" &&
      (decision.stage === "guard" || decision.rule === "route.blocked"),
  );
  const action = refused ? "block" : turn.output?.model?.pseudonymise ? "pseudonymise" : "allow";
  return { personal_data: JSON.stringify(counts), data_action: action };
}

/** The charter's sobriety rule that answered the turn, if one did. */
function sobrietyOf(turn: Turn): string | null {
  if (turn.decisions.some((decision) => decision.rule === "route.passages-first"))
    return "passages-first";
  if (turn.output?.mode === "model" && turn.charter?.sobriety?.preferSmallestModel)
    return "smallest-model";
  return null;
}

/**
 * The usage journal: one record per turn, kept from the turn's facts (who,
 * what, how it ended, tokens, time, impact, decisions). The text of a
 * question or an answer never reaches it, whatever the turn's data class.
 */
export class UsageJournal {
  constructor(private readonly deps: { usage: UsageRepository; clock: Clock }) {}

  record = async (turn: Turn): Promise<void> => {
    const output = turn.output;
    const usage = output?.usage;
    const impact = turn.impact;
    const now = this.deps.clock.now();
    await this.deps.usage.insert({
      turn_id: turn.id,
      at: turn.startedAt,
      user_id: turn.principal?.userId ?? null,
      direction_id: turn.principal?.directionId ?? null,
      via: turn.principal?.via ?? turn.credential.kind,
      assistant_id: turn.assistant?.id ?? null,
      provider_id: output?.model?.providerId ?? null,
      model_ref: output?.model?.ref ?? null,
      sovereignty: output?.model?.sovereignty ?? (output ? "local" : null),
      data_class: turn.dataClass ?? "public",
      status: turn.status,
      stopped_at: turn.stoppedAt ?? null,
      mode: output?.mode ?? null,
      prompt_tokens: usage?.promptTokens ?? 0,
      completion_tokens: usage?.completionTokens ?? 0,
      tokens_estimated: usage?.estimated === false ? 0 : 1,
      latency_ms: Math.max(0, Math.round(now.getTime() - Date.parse(turn.startedAt))),
      impact_method: impact?.method ?? null,
      energy_kwh_min: impact?.energyKwh.min ?? null,
      energy_kwh_max: impact?.energyKwh.max ?? null,
      gwp_kg_min: impact?.gwpKgCo2e.min ?? null,
      gwp_kg_max: impact?.gwpKgCo2e.max ?? null,
      decisions: JSON.stringify(publicDecisions(turn)),
      use_case_id: turn.useCase?.id ?? null,
      use_case_version: turn.useCase?.version ?? null,
      water_l_min: impact?.waterL.min ?? null,
      water_l_max: impact?.waterL.max ?? null,
      ...protectionOf(turn),
      refusal:
        turn.status === "completed"
          ? null
          : (turn.decisions.find((decision) => decision.outcome === "deny")?.rule ?? null),
      sobriety: sobrietyOf(turn),
      abstained: output?.abstained ? 1 : 0,
    });
  };

  /** An answer validated by its agent (the charter's human validation): counted once. */
  async validated(turnId: string): Promise<void> {
    await this.deps.usage.setValidated(turnId, this.deps.clock.now().toISOString());
  }

  /**
   * The agent's opinion of a turn's answer, and the minutes it saved them;
   * a rating without minutes clears earlier ones, as the message's metadata does.
   */
  async feedback(turnId: string, rating: "up" | "down", minutesSaved?: number): Promise<void> {
    await this.deps.usage.setFeedback(turnId, rating, minutesSaved ?? null);
  }

  /**
   * Totals between two instants (ISO, both included), for the observatory;
   * months already purged count whole, through their monthly totals.
   */
  async summary(from: string, to: string): Promise<UsageSummaryRow[]> {
    const rows = await this.deps.usage.summary(from, to);
    // Months whose records were purged (retention) count through their monthly totals.
    const monthly = await this.deps.usage.monthly(from.slice(0, 7), to.slice(0, 7));
    const merged = rows.map((row) => ({
      assistantId: row.assistant_id,
      modelRef: row.model_ref,
      sovereignty: row.sovereignty,
      dataClass: row.data_class,
      turns: Number(row.turns),
      denied: Number(row.denied),
      positive: Number(row.positive),
      negative: Number(row.negative),
      promptTokens: Number(row.prompt_tokens),
      completionTokens: Number(row.completion_tokens),
      energyKwh: { min: Number(row.energy_min), max: Number(row.energy_max) },
      gwpKgCo2e: { min: Number(row.gwp_min), max: Number(row.gwp_max) },
      minutesSaved: Number(row.minutes_saved),
      answersWithMinutes: Number(row.minutes_answers),
    }));
    for (const total of monthly) {
      const key = {
        assistantId: total.assistant_id || null,
        modelRef: total.model_ref || null,
        sovereignty: total.sovereignty || null,
        dataClass: total.data_class,
      };
      let row = merged.find(
        (r) =>
          r.assistantId === key.assistantId &&
          r.modelRef === key.modelRef &&
          r.sovereignty === key.sovereignty &&
          r.dataClass === key.dataClass,
      );
      if (!row) {
        row = {
          ...key,
          turns: 0,
          denied: 0,
          positive: 0,
          negative: 0,
          promptTokens: 0,
          completionTokens: 0,
          energyKwh: { min: 0, max: 0 },
          gwpKgCo2e: { min: 0, max: 0 },
          minutesSaved: 0,
          answersWithMinutes: 0,
        };
        merged.push(row);
      }
      row.turns += Number(total.turns);
      row.denied += Number(total.denied);
      row.promptTokens += Number(total.prompt_tokens);
      row.completionTokens += Number(total.completion_tokens);
      row.energyKwh.min += Number(total.energy_kwh_min);
      row.energyKwh.max += Number(total.energy_kwh_max);
      row.gwpKgCo2e.min += Number(total.gwp_kg_min);
      row.gwpKgCo2e.max += Number(total.gwp_kg_max);
      row.minutesSaved += Number(total.minutes_saved);
      row.answersWithMinutes += Number(total.minutes_answers);
    }
    return merged;
  }
}
