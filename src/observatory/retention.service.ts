import type { Clock } from "../shared/clock.js";
import type { UsageRepository } from "./usage.repository.js";

const DAY_MS = 24 * 3600 * 1000;

/** The charter's retention periods, in days. */
export interface RetentionPeriods {
  conversationsDays: number;
  journalDays: number;
}

/**
 * Applies the charter's retention periods: conversations without activity
 * for longer are deleted by the chat domain (their messages and pseudonym
 * vaults with them); older usage records are rolled up into monthly totals,
 * then deleted, in one transaction — so the observatory's figures survive
 * (`UsageRepository.rollUpBefore`).
 */
export class RetentionService {
  constructor(
    private readonly deps: {
      usage: UsageRepository;
      /** The chat domain's port: deletes conversations inactive since before an instant; how many. */
      purgeConversations: (before: string) => Promise<number>;
      clock: Clock;
      periods: () => Promise<RetentionPeriods>;
    },
  ) {}

  async purge(): Promise<{ conversations: number; usageRecords: number }> {
    const periods = await this.deps.periods();
    const now = this.deps.clock.now().getTime();
    const conversationsBefore = new Date(now - periods.conversationsDays * DAY_MS).toISOString();
    const journalBefore = new Date(now - periods.journalDays * DAY_MS).toISOString();
    const conversations = await this.deps.purgeConversations(conversationsBefore);
    const usageRecords = await this.deps.usage.rollUpBefore(journalBefore);
    return { conversations, usageRecords };
  }
}
