import type {
  ArenaCampaignTable,
  ArenaCaseTable,
  ArenaContenderTable,
  ArenaMatchTable,
  ArenaOutputTable,
  Database,
} from "../store/index.js";

export type CampaignRow = ArenaCampaignTable & { direction_path: string | null };

/** What each contender's outputs cost on average (generated ones only). */
export interface OutputCosts {
  contender: number;
  answers: number;
  failed: number;
  energy_kwh: number | null;
  gwp_kg: number | null;
  latency_ms: number | null;
  tokens: number | null;
}

/** The only place that speaks SQL about the LLM battles. */
export class ArenaRepository {
  constructor(private readonly db: Database) {}

  /** A campaign with its contenders and members, in one transaction. */
  async insertCampaign(
    campaign: ArenaCampaignTable,
    contenders: ArenaContenderTable[],
    members: string[],
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto("arena_campaigns").values(campaign).execute();
      await trx.insertInto("arena_contenders").values(contenders).execute();
      if (members.length > 0)
        await trx
          .insertInto("arena_members")
          .values(members.map((user_id) => ({ campaign_id: campaign.id, user_id })))
          .execute();
    });
  }

  private campaigns() {
    return this.db
      .selectFrom("arena_campaigns as c")
      .leftJoin("directions as d", "d.id", "c.direction_id")
      .selectAll("c")
      .select("d.path as direction_path");
  }

  campaign(id: string): Promise<CampaignRow | undefined> {
    return this.campaigns().where("c.id", "=", id).executeTakeFirst();
  }

  /** Every campaign, or those a user votes in; the newest first. */
  list(memberId?: string): Promise<CampaignRow[]> {
    let query = this.campaigns();
    if (memberId !== undefined)
      query = query.where("c.id", "in", (eb) =>
        eb.selectFrom("arena_members").select("campaign_id").where("user_id", "=", memberId),
      );
    return query.orderBy("c.created_at", "desc").orderBy("c.id").execute();
  }

  contenders(campaignId: string): Promise<ArenaContenderTable[]> {
    return this.db
      .selectFrom("arena_contenders")
      .selectAll()
      .where("campaign_id", "=", campaignId)
      .orderBy("position")
      .execute();
  }

  async members(campaignId: string): Promise<{ id: string; email: string }[]> {
    return this.db
      .selectFrom("arena_members as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["u.id as id", "u.email as email"])
      .where("m.campaign_id", "=", campaignId)
      .orderBy("u.email")
      .execute();
  }

  async isMember(campaignId: string, userId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("arena_members")
      .select("user_id")
      .where("campaign_id", "=", campaignId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Adds a case at the next position; two added at once get distinct positions or one fails. */
  async addCase(row: Omit<ArenaCaseTable, "position">): Promise<ArenaCaseTable> {
    const last = await this.db
      .selectFrom("arena_cases")
      .select((eb) => eb.fn.max("position").as("last"))
      .where("campaign_id", "=", row.campaign_id)
      .executeTakeFirst();
    const stored = { ...row, position: Number(last?.last ?? 0) + 1 };
    await this.db.insertInto("arena_cases").values(stored).execute();
    return stored;
  }

  cases(campaignId: string): Promise<ArenaCaseTable[]> {
    return this.db
      .selectFrom("arena_cases")
      .selectAll()
      .where("campaign_id", "=", campaignId)
      .orderBy("position")
      .execute();
  }

  output(caseId: string, contender: number): Promise<ArenaOutputTable | undefined> {
    return this.db
      .selectFrom("arena_outputs")
      .selectAll()
      .where("case_id", "=", caseId)
      .where("contender", "=", contender)
      .executeTakeFirst();
  }

  /** Keeps the first output stored for a case and contender (two members may ask at once). */
  async saveOutput(row: ArenaOutputTable): Promise<ArenaOutputTable> {
    await this.db
      .insertInto("arena_outputs")
      .values(row)
      .onConflict((conflict) => conflict.columns(["case_id", "contender"]).doNothing())
      .execute();
    return (await this.output(row.case_id, row.contender)) ?? row;
  }

  async costs(campaignId: string): Promise<OutputCosts[]> {
    const rows = await this.db
      .selectFrom("arena_outputs as o")
      .innerJoin("arena_cases as k", "k.id", "o.case_id")
      .where("k.campaign_id", "=", campaignId)
      .select((eb) => [
        "o.contender as contender",
        eb.fn.count<number>("o.contender").filterWhere("o.status", "=", "ok").as("answers"),
        eb.fn.count<number>("o.contender").filterWhere("o.status", "=", "failed").as("failed"),
        eb.fn.avg<number>("o.energy_kwh").as("energy_kwh"),
        eb.fn.avg<number>("o.gwp_kg").as("gwp_kg"),
        eb.fn.avg<number>("o.latency_ms").filterWhere("o.status", "=", "ok").as("latency_ms"),
        eb.fn.avg<number>("o.tokens").filterWhere("o.status", "=", "ok").as("tokens"),
      ])
      .groupBy("o.contender")
      .execute();
    const number = (value: unknown) =>
      value === null || value === undefined ? null : Number(value);
    return rows.map((row) => ({
      contender: Number(row.contender),
      answers: Number(row.answers),
      failed: Number(row.failed),
      energy_kwh: number(row.energy_kwh),
      gwp_kg: number(row.gwp_kg),
      latency_ms: number(row.latency_ms),
      tokens: number(row.tokens),
    }));
  }

  async insertMatch(row: ArenaMatchTable): Promise<void> {
    await this.db.insertInto("arena_matches").values(row).execute();
  }

  match(id: string): Promise<ArenaMatchTable | undefined> {
    return this.db.selectFrom("arena_matches").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** The pairs a member was shown in a campaign (voted or not). */
  shown(campaignId: string, userId: string): Promise<ArenaMatchTable[]> {
    return this.db
      .selectFrom("arena_matches")
      .selectAll()
      .where("campaign_id", "=", campaignId)
      .where("user_id", "=", userId)
      .execute();
  }

  /** The campaign's votes, in the order they were cast. */
  votes(campaignId: string): Promise<ArenaMatchTable[]> {
    return this.db
      .selectFrom("arena_matches")
      .selectAll()
      .where("campaign_id", "=", campaignId)
      .where("voted_at", "is not", null)
      .orderBy("voted_at")
      .orderBy("id")
      .execute();
  }

  /** Records a vote on a match not voted yet; false when it already was (nothing changes). */
  async recordVote(
    id: string,
    vote: Pick<ArenaMatchTable, "voted_at" | "choice" | "tags" | "comment" | "minutes_saved">,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable("arena_matches")
      .set(vote)
      .where("id", "=", id)
      .where("voted_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async close(id: string, closedAt: string, verdict: string): Promise<boolean> {
    const result = await this.db
      .updateTable("arena_campaigns")
      .set({ status: "closed", closed_at: closedAt, verdict })
      .where("id", "=", id)
      .where("status", "=", "open")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
