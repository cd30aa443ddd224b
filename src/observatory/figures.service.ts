import { typeLabel } from "../guard/index.js";
import { hasMessage, t } from "../i18n/index.js";
import { type Principal, within } from "../identity/index.js";
import { equivalentsOf } from "../impact/index.js";
import { appError } from "../shared/errors.js";
import type { AgentKind, FiguresRepository, RollupSums, Scope } from "./figures.repository.js";
import { MAX_MONTHS, monthsBetween, shiftMonth } from "./months.js";

/** What the charter says the observatory may show (`observatory` in the charter). */
export interface ObservatoryRules {
  /** No figure about fewer agents than this. */
  minAgents: number;
  /** The roles that see the names of agents who never used Beffroi. */
  nonUserNamesFor: string[];
}

/** The period and direction a page asks for; both optional. */
export interface FiguresQuery {
  from?: string;
  to?: string;
  direction?: string;
}

export interface DirectionRef {
  id: string;
  path: string;
}

export interface Account {
  id: string;
  roles: string[];
  email: string;
  displayName: string;
  direction: DirectionRef | null;
  disabledAt: string | null;
}

/** A campaign's verdict, as the battles record it. */
export interface CampaignVerdict {
  id: string;
  /** The direction the campaign belongs to (null: the whole collectivité's). */
  directionId: string | null;
  name: string;
  subjectKind: string;
  subjectId: string;
  subjectName: string | null;
  closedAt: string | null;
  votes: number;
  verdict: { kind: string; text: string; bestModel: string | null } | null;
  contenders: { label: string; score: number; low: number; high: number; votes: number }[];
}

export interface FiguresPorts {
  /** Adds the journal's records not rolled up yet to the rollups these figures read. */
  settleJournal: () => Promise<void>;
  rules: () => Promise<ObservatoryRules>;
  directions: () => Promise<DirectionRef[]>;
  accounts: () => Promise<Account[]>;
  /** An assistant's or a use case's name by the id the journal keeps (`usecase:<id>` for a use case). */
  subjectNames: () => Promise<Map<string, string>>;
  /** Documents held in quarantine, and those released, with when they came and were released. */
  quarantine: () => Promise<{ createdAt: string; releasedAt: string | null }[]>;
  verdicts: () => Promise<CampaignVerdict[]>;
  /** The charter's monthly quotas per agent and per direction. */
  quotaRules: () => Promise<{ agent?: QuotaLimits; direction?: QuotaLimits }>;
  /** What a quota scope (`user:ID`, `direction:ID`) consumed in a month. */
  quotaUsage: (scope: string, month: string) => Promise<Record<keyof QuotaLimits, number>>;
  /** Every quota scope's consumption in a month. */
  quotaMonth: (month: string) => Promise<(Record<keyof QuotaLimits, number> & { scope: string })[]>;
}

/** A monthly quota's limits (requests, tokens, Wh, gCO2e), each optional. */
export interface QuotaLimits {
  requests?: number;
  tokens?: number;
  wh?: number;
  gco2e?: number;
}

/** A glass of water, for the everyday equivalent of the water figure. */
const GLASS_LITRES = 0.25;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A scope's figures once the threshold is applied: hidden when too few agents stand behind them. */
export type Shown<T> = ({ hidden: false } & T) | { hidden: true; agents: null };

/**
 * The observatory's figures for the DSI, the DPO, auditors and referents
 * (their own direction and those below it), read from the rollups the
 * journal writes: counts and sums only, never a text. Every figure about
 * fewer agents than the charter's `minAgents` is withheld, and says so.
 */
export class FiguresService {
  constructor(
    private readonly deps: {
      figures: FiguresRepository;
      ports: FiguresPorts;
      now: () => Date;
    },
  ) {}

  /** Who may read which directions, and over which months: the scope every figure is read in. */
  async scope(principal: Principal, query: FiguresQuery) {
    const everyone = principal.permissions.includes("audit:read");
    const referent = principal.roles.includes("referent");
    if (!everyone && !referent) throw appError("observatory_forbidden");
    const now = this.deps.now();
    const current = now.toISOString().slice(0, 7);
    const toMonth = query.to ?? current;
    const fromMonth = query.from ?? shiftMonth(toMonth, -11);
    if (!MONTH.test(fromMonth) || !MONTH.test(toMonth) || fromMonth > toMonth)
      throw appError("observatory_period_invalid", { max: MAX_MONTHS });
    if (monthsBetween(fromMonth, toMonth).length > MAX_MONTHS)
      throw appError("observatory_period_invalid", { max: MAX_MONTHS });
    await this.deps.ports.settleJournal();
    const directions = await this.deps.ports.directions();
    // A referent reads their direction and those below it, never another's.
    const own = everyone ? null : directions.find((d) => d.id === principal.directionId);
    if (!everyone && !own) throw appError("observatory_forbidden");
    const asked = query.direction ? directions.find((d) => d.id === query.direction) : own;
    if (query.direction && !asked)
      throw appError("direction_not_found", { direction: query.direction });
    if (asked && own && !within(asked.path, own.path)) throw appError("observatory_forbidden");
    const directionIds = asked
      ? directions.filter((d) => within(d.path, asked.path)).map((d) => d.id)
      : null;
    const rules = await this.deps.ports.rules();
    const scope: Scope = { fromMonth, toMonth, directionIds };
    const agents = (await this.deps.figures.agentsPerKey(scope, "all")).get("") ?? 0;
    return {
      scope,
      rules,
      agents,
      directions,
      names: !!rules.nonUserNamesFor.some((role) => principal.roles.includes(role as never)),
      header: {
        from: fromMonth,
        to: toMonth,
        direction: asked ? { id: asked.id, path: asked.path } : null,
        minAgents: rules.minAgents,
        agents,
        hidden: agents < rules.minAgents,
      },
    };
  }

  /** Adoption: agents active per month, their first uses, returning agents; accounts never used. */
  async adoption(principal: Principal, query: FiguresQuery) {
    const { scope, rules, header, directions, names } = await this.scope(principal, query);
    const { active, first, returning } = await this.deps.figures.adoptionByMonth(scope);
    const k = rules.minAgents;
    const hiddenMonths = await this.hiddenMonths(scope, k, active);
    const months = monthsBetween(scope.fromMonth, scope.toMonth).map((month) => {
      const agents = active.get(month) ?? 0;
      return hiddenMonths.has(month)
        ? { month, hidden: true as const, activeAgents: null, newAgents: null, returning: null }
        : {
            month,
            hidden: false as const,
            activeAgents: agents,
            newAgents: first.get(month) ?? 0,
            returning: returning.get(month) ?? 0,
          };
    });
    const perDirection = await this.deps.figures.agentsPerDirection(scope);
    const ever = await this.deps.figures.everActive();
    const inScope = (id: string | null) =>
      scope.directionIds === null || scope.directionIds.includes(id ?? "");
    // Accounts that may use the assistants: an auditor's (the DPO's) has no chat to use.
    const accounts = (await this.deps.ports.accounts()).filter(
      (account) =>
        account.disabledAt === null &&
        account.roles.some((role) => role !== "auditor") &&
        inScope(account.direction?.id ?? null),
    );
    const pathOf = new Map(directions.map((d) => [d.id, d.path]));
    const byDirection = new Map<string, { accounts: number; never: Account[] }>();
    for (const account of accounts) {
      const id = account.direction?.id ?? "";
      const entry = byDirection.get(id) ?? { accounts: 0, never: [] };
      entry.accounts += 1;
      if (!ever.has(account.id)) entry.never.push(account);
      byDirection.set(id, entry);
    }
    // A direction of fewer accounts than the threshold says nothing of its agents, nor do
    // those withheld together (the totals less the directions shown would tell them).
    const withheldDirections = await withhold(
      [...byDirection].map(([id, entry]) => ({ key: id, agents: entry.accounts })),
      k,
      async (keys) => keys.reduce((sum, id) => sum + (byDirection.get(id)?.accounts ?? 0), 0),
    );
    const rows = [...byDirection.entries()]
      .map(([id, entry]) => {
        const activeAgents = perDirection.get(id) ?? 0;
        const hidden = withheldDirections.has(id);
        return {
          directionId: id || null,
          directionPath: id ? (pathOf.get(id) ?? id) : null,
          hidden,
          accounts: hidden ? null : entry.accounts,
          activeAgents: hidden ? null : activeAgents,
          neverUsed: hidden ? null : entry.never.length,
        };
      })
      .sort((a, b) => (a.directionPath ?? "").localeCompare(b.directionPath ?? ""));
    const never = [...byDirection.values()].flatMap((entry) => entry.never);
    return {
      ...header,
      months,
      directions: rows,
      accounts: header.hidden ? null : accounts.length,
      neverUsed: header.hidden ? null : never.length,
      // For training follow-up, to the roles the charter names only.
      neverUsedNames:
        names && !header.hidden
          ? never
              .map((account) => ({
                displayName: account.displayName,
                email: account.email,
                directionPath: account.direction?.path ?? null,
              }))
              .sort((a, b) => a.displayName.localeCompare(b.displayName, "fr"))
              .slice(0, 1000)
          : null,
    };
  }

  /** Uses: per assistant or use case (names), model and hosting, data class; refusals and reasons. */
  async uses(principal: Principal, query: FiguresQuery) {
    const { scope, rules, header } = await this.scope(principal, query);
    if (header.hidden)
      return { ...header, totals: null, subjects: [], models: [], classes: [], refusals: [] };
    const k = rules.minAgents;
    const figures = this.deps.figures;
    const [bySubject, byModel, byClass, byStatus, byRefusal, names] = await Promise.all([
      figures.sums(scope, ["assistant_id", "status"]),
      figures.sums(scope, ["model_ref", "sovereignty"]),
      figures.sums(scope, ["data_class", "status"]),
      figures.sums(scope, ["status"]),
      figures.sums(scope, ["refusal"]),
      this.deps.ports.subjectNames(),
    ]);
    const [subjectAgents, modelAgents, classAgents, refusalAgents] = await Promise.all([
      this.agents(scope, "assistant", k, [...new Set(bySubject.map((row) => row.assistant_id))]),
      this.agents(scope, "model", k, byModel.map((row) => row.model_ref).filter(Boolean)),
      this.agents(scope, "class", k, [...new Set(byClass.map((row) => row.data_class))]),
      this.agents(scope, "refusal", k, byRefusal.map((row) => row.refusal).filter(Boolean)),
    ]);
    const subjects = groups(bySubject, (row) => row.assistant_id).map(([id, rows]) =>
      subjectAgents.show(id, {
        id: id || null,
        name: subjectName(id, names),
        kind: id.startsWith("usecase:") ? ("usecase" as const) : ("assistant" as const),
        ...useFigures(rows),
      }),
    );
    const models = byModel
      .filter((row) => row.model_ref !== "")
      .map((row) =>
        modelAgents.show(row.model_ref, {
          modelRef: row.model_ref,
          sovereignty: row.sovereignty || null,
          turns: row.turns,
          energyKwh: row.energyKwh,
          gwpKgCo2e: row.gwpKgCo2e,
        }),
      );
    const classes = groups(byClass, (row) => row.data_class).map(([dataClass, rows]) =>
      classAgents.show(dataClass, { dataClass, ...useFigures(rows) }),
    );
    const refusals = byRefusal
      .filter((row) => row.refusal !== "")
      .map((row) =>
        refusalAgents.show(row.refusal, {
          rule: row.refusal,
          label: refusalLabel(row.refusal),
          turns: row.turns,
        }),
      );
    return {
      ...header,
      totals: useFigures(byStatus),
      subjects: sortByTurns(subjects),
      models: sortByTurns(models),
      classes,
      refusals: sortByTurns(refusals),
    };
  }

  /** Protection: personal data found, masked and refused, per type and class; quarantine's delay. */
  async protection(principal: Principal, query: FiguresQuery) {
    const { scope, header } = await this.scope(principal, query);
    const documents = await this.deps.ports.quarantine();
    const delays = documents
      .filter((document) => document.releasedAt !== null)
      .map(
        (document) =>
          (Date.parse(document.releasedAt ?? "") - Date.parse(document.createdAt)) / 3_600_000,
      )
      .filter((hours) => Number.isFinite(hours) && hours >= 0);
    const quarantine = {
      held: documents.filter((document) => document.releasedAt === null).length,
      released: delays.length,
      medianReviewHours: delays.length > 0 ? median(delays) : null,
    };
    if (header.hidden)
      return { ...header, totalFindings: null, types: [], actions: [], quarantine };
    const k = header.minAgents;
    const found = await this.deps.figures.findings(scope);
    const actions = (await this.deps.figures.sums(scope, ["data_action"])).filter(
      (row) => row.data_action !== "",
    );
    const [typeAgents, actionAgents] = await Promise.all([
      this.agents(scope, "finding", k, [...new Set(found.map((row) => row.type))]),
      this.agents(
        scope,
        "action",
        k,
        actions.map((row) => row.data_action),
      ),
    ]);
    return {
      ...header,
      // Over the whole scope (enough agents): the types withheld are in it, not told apart.
      totalFindings: found.reduce((sum, row) => sum + row.findings, 0),
      types: found
        .map((row) => typeAgents.show(row.type, { ...row, label: typeLabel(row.type) }))
        .sort(
          (a, b) =>
            Number(a.hidden) - Number(b.hidden) ||
            (b.hidden || a.hidden ? 0 : b.findings - a.findings || a.type.localeCompare(b.type)),
        ),
      actions: actions.map((row) =>
        actionAgents.show(row.data_action, { action: row.data_action, turns: row.turns }),
      ),
      quarantine,
    };
  }

  /** Impact: energy, CO2e and water per month, use case and model; what sobriety avoided. */
  async impact(principal: Principal, query: FiguresQuery) {
    const { scope, rules, header } = await this.scope(principal, query);
    if (header.hidden)
      return {
        ...header,
        totals: null,
        equivalents: null,
        quotas: null,
        months: [],
        subjects: [],
        models: [],
        sobriety: null,
      };
    const k = rules.minAgents;
    const figures = this.deps.figures;
    const [byMonth, bySubject, byModel, bySobriety, totals, names, monthly] = await Promise.all([
      figures.sums(scope, ["month"]),
      figures.sums(scope, ["assistant_id"]),
      figures.sums(scope, ["model_ref", "sovereignty"]),
      figures.sums(scope, ["sobriety", "mode"]),
      figures.sums(scope, []),
      this.deps.ports.subjectNames(),
      this.deps.figures.adoptionByMonth(scope),
    ]);
    const [subjectAgents, modelAgents, hiddenMonths] = await Promise.all([
      this.agents(
        scope,
        "assistant",
        k,
        bySubject.map((row) => row.assistant_id),
      ),
      this.agents(scope, "model", k, byModel.map((row) => row.model_ref).filter(Boolean)),
      this.hiddenMonths(scope, k, monthly.active),
    ]);
    const impactOf = (row: RollupSums) => ({
      turns: row.turns,
      energyKwh: row.energyKwh,
      gwpKgCo2e: row.gwpKgCo2e,
      waterL: row.waterL,
    });
    const months = monthsBetween(scope.fromMonth, scope.toMonth).map((month) => {
      const row = byMonth.find((r) => r.month === month);
      return hiddenMonths.has(month)
        ? { month, hidden: true as const }
        : { month, hidden: false as const, ...impactOf(row ?? emptySums()) };
    });
    // Turns the passages answered first cost a search, not a model: what a model turn costs on average.
    const modelTurns = bySobriety.filter((row) => row.mode === "model");
    const modelCount = modelTurns.reduce((sum, row) => sum + row.turns, 0);
    const modelEnergy = modelTurns.reduce(
      (sum, row) => ({ min: sum.min + row.energyKwh.min, max: sum.max + row.energyKwh.max }),
      { min: 0, max: 0 },
    );
    const passagesFirst = bySobriety
      .filter((row) => row.sobriety === "passages-first")
      .reduce((sum, row) => sum + row.turns, 0);
    const smallest = bySobriety
      .filter((row) => row.sobriety === "smallest-model")
      .reduce((sum, row) => sum + row.turns, 0);
    const avoided =
      modelCount > 0
        ? {
            min: (modelEnergy.min / modelCount) * passagesFirst,
            max: (modelEnergy.max / modelCount) * passagesFirst,
          }
        : null;
    const total = totals[0] ?? emptySums();
    return {
      ...header,
      totals: impactOf(total),
      equivalents: everydayEquivalents(total),
      quotas: await this.quotasReached(scope, k),
      months,
      subjects: sortByTurns(
        bySubject.map((row) =>
          subjectAgents.show(row.assistant_id, {
            id: row.assistant_id || null,
            name: subjectName(row.assistant_id, names),
            ...impactOf(row),
          }),
        ),
      ),
      models: sortByTurns(
        byModel
          .filter((row) => row.model_ref !== "")
          .map((row) =>
            modelAgents.show(row.model_ref, {
              modelRef: row.model_ref,
              sovereignty: row.sovereignty || null,
              ...impactOf(row),
            }),
          ),
      ),
      sobriety: {
        passagesFirstTurns: passagesFirst,
        smallestModelTurns: smallest,
        avoidedKwh: avoided,
        // The share of the energy the turns would have taken had a model answered those too.
        avoidedShare:
          avoided && avoided.max + total.energyKwh.max > 0
            ? avoided.max / (avoided.max + total.energyKwh.max)
            : null,
      },
    };
  }

  /**
   * The distinct agents behind each group of a breakdown, and which groups
   * to withhold: every group behind fewer agents than the threshold; then,
   * while the groups withheld stand together for fewer agents than that
   * (the total minus the groups shown would tell their figures), the
   * smallest group shown as well.
   */
  private async agents(scope: Scope, kind: AgentKind, k: number, keys: string[]) {
    const counts = await this.deps.figures.agentsPerKey(scope, kind);
    const withheld = await withhold(
      keys.map((key) => ({ key, agents: counts.get(key) ?? 0 })),
      k,
      (hidden) => this.deps.figures.agentsOver(scope, kind, hidden),
    );
    return {
      show: <T extends object>(key: string, row: T) =>
        withheld.has(key)
          ? { hidden: true as const, agents: null }
          : { hidden: false as const, agents: counts.get(key) ?? 0, ...row },
    };
  }

  /**
   * The charter's monthly quotas, and how many agents and directions of the
   * scope reached one in the scope's last month (withheld under the
   * threshold, as any group of agents).
   */
  private async quotasReached(scope: Scope, k: number) {
    const rules = await this.deps.ports.quotaRules();
    const usage = await this.deps.ports.quotaMonth(scope.toMonth);
    const reached = (limits: QuotaLimits | undefined, used: Record<keyof QuotaLimits, number>) =>
      !!limits &&
      (["requests", "tokens", "wh", "gco2e"] as const).some(
        (measure) => limits[measure] !== undefined && used[measure] >= (limits[measure] ?? 0),
      );
    const directionOf = new Map(
      (await this.deps.ports.accounts()).map((account) => [
        account.id,
        account.direction?.id ?? "",
      ]),
    );
    const inScope = (direction: string) =>
      scope.directionIds === null || scope.directionIds.includes(direction);
    let agents = 0;
    let directions = 0;
    for (const row of usage) {
      const [kind, id = ""] = row.scope.split(":");
      if (kind === "user" && inScope(directionOf.get(id) ?? "") && reached(rules.agent, row))
        agents += 1;
      if (kind === "direction" && inScope(id) && reached(rules.direction, row)) directions += 1;
    }
    return {
      month: scope.toMonth,
      agent: rules.agent ?? null,
      direction: rules.direction ?? null,
      // A count of fewer agents than the threshold (but some) would point at them: withheld.
      agentsAtLimit: agents > 0 && agents < k ? null : agents,
      directionsAtLimit: directions,
    };
  }

  /** The months of the scope to withhold (as `agents` does, with the agents active each month). */
  private hiddenMonths(scope: Scope, k: number, active: Map<string, number>) {
    return withhold(
      monthsBetween(scope.fromMonth, scope.toMonth)
        .filter((month) => (active.get(month) ?? 0) > 0)
        .map((month) => ({ key: month, agents: active.get(month) ?? 0 })),
      k,
      (hidden) => this.deps.figures.agentsInMonths(scope, hidden),
    );
  }

  /** Battles: each campaign's verdict, and the use cases where AI brought no measurable gain. */
  async battles(principal: Principal, query: FiguresQuery) {
    const { header, scope } = await this.scope(principal, query);
    // A direction's reader sees its campaigns and the collectivité's, not another direction's.
    const campaigns = (await this.deps.ports.verdicts()).filter(
      (campaign) =>
        scope.directionIds === null ||
        campaign.directionId === null ||
        scope.directionIds.includes(campaign.directionId),
    );
    return {
      ...header,
      campaigns,
      noGain: campaigns.filter((campaign) => campaign.verdict?.kind === "no-gain"),
    };
  }

  /**
   * An agent's own use this month: requests, validated answers, minutes
   * saved, energy, CO2e and water with everyday equivalents, against the
   * quotas that apply to them, and the collectivité's median (withheld
   * below the charter's threshold).
   */
  async mine(principal: Principal) {
    const now = this.deps.now();
    const month = now.toISOString().slice(0, 7);
    const from = `${month}-01T00:00:00.000Z`;
    const to = now.toISOString();
    await this.deps.ports.settleJournal();
    const totals = await this.deps.figures.agentTotals(principal.userId, from, to);
    const rules = await this.deps.ports.quotaRules();
    const quotas = [];
    for (const [level, limits, scope] of [
      ["agent", rules.agent, `user:${principal.userId}`],
      ["direction", rules.direction, principal.directionId && `direction:${principal.directionId}`],
    ] as const) {
      if (!limits || !scope) continue;
      const used = await this.deps.ports.quotaUsage(scope, month);
      for (const measure of ["requests", "tokens", "wh", "gco2e"] as const) {
        const limit = limits[measure];
        if (limit !== undefined) quotas.push({ level, measure, used: used[measure], limit });
      }
    }
    const { median: medianTurns, agents } = await this.medianTurns(month);
    return {
      month,
      from,
      to,
      ...totals,
      equivalents: {
        ...equivalentsOf(totals.energyKwh, totals.gwpKgCo2e),
        waterGlasses: {
          min: totals.waterL.min / GLASS_LITRES,
          max: totals.waterL.max / GLASS_LITRES,
        },
      },
      quotas,
      median: { turns: medianTurns, agents },
    };
  }

  /** The collectivité's median turns per active agent in a month (null under the threshold). */
  async medianTurns(month: string): Promise<{ median: number | null; agents: number }> {
    const turns = await this.deps.figures.turnsPerAgent(month);
    const rules = await this.deps.ports.rules();
    return turns.length < rules.minAgents
      ? { median: null, agents: turns.length }
      : { median: median(turns), agents: turns.length };
  }
}

/** A refusal's reason in French, from the rule of the decision that refused the turn. */
function refusalLabel(rule: string): string {
  const key = `observatory.refusal.${rule}`;
  if (hasMessage(key)) return t(key);
  if (rule.startsWith("identity.")) return t("observatory.refusal.identity");
  if (rule.endsWith(".failed"))
    return t("observatory.refusal.failed", { stage: rule.split(".")[0] ?? rule });
  return t("observatory.refusal.other", { rule });
}

/** What a period's energy, CO2e and water amount to, in everyday terms. */
function everydayEquivalents(total: RollupSums) {
  return {
    ...equivalentsOf(total.energyKwh, total.gwpKgCo2e),
    waterGlasses: { min: total.waterL.min / GLASS_LITRES, max: total.waterL.max / GLASS_LITRES },
  };
}

/** The figures of a group of rollup rows of one subject or class, statuses together. */
function useFigures(rows: (RollupSums & { status?: string })[]) {
  const sum = (pick: (row: RollupSums) => number, status?: string) =>
    rows.filter((row) => !status || row.status === status).reduce((s, row) => s + pick(row), 0);
  const completed = sum((row) => row.turns, "completed");
  return {
    turns: sum((row) => row.turns),
    completed,
    refused: sum((row) => row.turns) - completed,
    abstained: sum((row) => row.abstained),
    validated: sum((row) => row.validated),
    positive: sum((row) => row.positive),
    negative: sum((row) => row.negative),
    minutesSaved: sum((row) => row.minutesSaved),
    minutesAnswers: sum((row) => row.minutesAnswers),
  };
}

function groups<R>(rows: R[], key: (row: R) => string): [string, R[]][] {
  const map = new Map<string, R[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return [...map.entries()];
}

/**
 * The keys of the groups to withhold (see `FiguresService.agents`): those
 * behind fewer than `k` agents, then the smallest shown until the withheld
 * ones together stand for at least `k` agents (`together` counts them).
 */
export async function withhold(
  groups: { key: string; agents: number }[],
  k: number,
  together: (keys: string[]) => Promise<number>,
): Promise<Set<string>> {
  const hidden = new Set(groups.filter((group) => group.agents < k).map((group) => group.key));
  if (hidden.size === 0) return hidden;
  const shown = groups
    .filter((group) => !hidden.has(group.key))
    .sort((a, b) => a.agents - b.agents || a.key.localeCompare(b.key));
  while (shown.length > 0 && (await together([...hidden])) < k) {
    const next = shown.shift();
    if (next) hidden.add(next.key);
  }
  return hidden;
}

/** A subject's name: an assistant's or a use case's, or what a call without assistant is. */
function subjectName(id: string, names: Map<string, string>): string | null {
  if (id === "") return null;
  if (id === "direct") return t("observatory.subject.direct");
  return names.get(id) ?? id;
}

const sortByTurns = <T extends { hidden: boolean }>(rows: T[]) =>
  [...rows].sort(
    (a, b) =>
      Number(a.hidden) - Number(b.hidden) ||
      ((b as { turns?: number }).turns ?? 0) - ((a as { turns?: number }).turns ?? 0),
  );

const emptySums = (): RollupSums => ({
  turns: 0,
  abstained: 0,
  promptTokens: 0,
  completionTokens: 0,
  energyKwh: { min: 0, max: 0 },
  gwpKgCo2e: { min: 0, max: 0 },
  waterL: { min: 0, max: 0 },
  minutesSaved: 0,
  minutesAnswers: 0,
  positive: 0,
  negative: 0,
  validated: 0,
});

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export { MAX_MONTHS, monthsBetween, shiftMonth } from "./months.js";
