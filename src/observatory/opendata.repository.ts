import { sql } from "kysely";
import type { Database } from "../store/index.js";

/** The key of one open-data row: a month, a subject, a model, its hosting class and a data class. */
export interface OpenDataKey {
  month: string;
  assistant_id: string;
  model_ref: string;
  sovereignty: string;
  data_class: string;
}

/** The key's columns joined, as the service matches the rollup's rows against these counts. */
export const openDataKey = (key: OpenDataKey) =>
  [key.month, key.assistant_id, key.model_ref, key.sovereignty, key.data_class].join("\u0000");

/**
 * The only place that speaks SQL for the open data: how many distinct agents
 * stand behind each row. The rollups keep agents per subject, model or class,
 * not per combination of them, so they are counted on the journal's records
 * (which retention deletes: a row whose records are gone counts fewer agents,
 * never more, and is withheld rather than guessed).
 */
export class OpenDataRepository {
  constructor(private readonly db: Database) {}

  /** Distinct agents per row key, over the records between two instants (ISO; `to` excluded). */
  async agentsPerRow(from: string, to: string): Promise<Map<string, number>> {
    const result = await sql<OpenDataKey & { agents: number | string }>`
      select substr(at, 1, 7) as month,
        coalesce(assistant_id, '') as assistant_id,
        coalesce(model_ref, '') as model_ref,
        coalesce(sovereignty, '') as sovereignty,
        data_class,
        count(distinct user_id) as agents
      from usage_records
      where at >= ${from} and at < ${to}
      group by substr(at, 1, 7), coalesce(assistant_id, ''), coalesce(model_ref, ''),
        coalesce(sovereignty, ''), data_class`.execute(this.db);
    return new Map(result.rows.map((row) => [openDataKey(row), Number(row.agents)]));
  }
}
