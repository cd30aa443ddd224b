import type { UseCase } from "../assistants/index.js";
import type { ResolvedModel, Sovereignty } from "../providers/index.js";
import { appError } from "../shared/errors.js";
import { journalKey, OPEN_DATA_ROW } from "../store/index.js";
import type { FiguresRepository, Scope } from "./figures.repository.js";
import type { CampaignVerdict, ObservatoryRules } from "./figures.service.js";
import { monthsBetween, shiftMonth } from "./figures.service.js";
import { type OpenDataRow, type SubjectKind, usageTableSchema } from "./opendata.js";
import type { OpenDataRepository } from "./opendata.repository.js";

/** Hosting classes from the most sovereign to the least. */
const HOSTING_ORDER: readonly Sovereignty[] = ["local", "sovereign", "extraterritorial"];

/** How long the counts of a month not over yet are served before being counted again. */
export const RECOUNT_MS = 10 * 60_000;

/** At most this many months in one download of the open data. */
export const OPEN_DATA_MAX_MONTHS = 36;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** What the configuration says Beffroi publishes (`publication`). */
export interface PublicationSettings {
  name?: string | undefined;
  register: boolean;
  openData: boolean;
}

export interface RegisterPorts {
  /** Adds the journal's records not rolled up yet to the rollups the figures read. */
  settleJournal: () => Promise<void>;
  /** The catalogue's current definitions. */
  useCases: () => Promise<UseCase[]>;
  /** The model a use case's runs try first (a battle's verdict), or null. */
  recommendedModel: (id: string) => Promise<string | null>;
  /** Every enabled chat model, with its provider (hosting class and country). */
  chatModels: () => Promise<ResolvedModel[]>;
  /** The battles' campaigns and their verdicts. */
  verdicts: () => Promise<CampaignVerdict[]>;
  /** The charter's threshold of agents. */
  rules: () => Promise<ObservatoryRules>;
  /** Names by the id the journal keeps (an assistant's id, `usecase:<id>`). */
  subjectNames: () => Promise<Map<string, string>>;
}

/** A range of figures: lowest and highest estimate. */
interface Range {
  min: number;
  max: number;
}

/**
 * The public register of the algorithmic processing Beffroi carries out
 * (CRPA art. L. 312-1-3) and the open data of its use: what each use case
 * in the catalogue is for, which models it may reach and where they are
 * hosted, what data it may handle, the human oversight, the battles'
 * verdicts and its impact; monthly aggregates over the whole collectivité.
 * No agent, direction or text: definitions, verdicts and sums only, every
 * figure behind fewer agents than the charter's threshold withheld.
 */
export class RegisterService {
  /** Years being counted in this process, so that concurrent downloads share one count. */
  private readonly counting = new Map<string, Promise<Map<string, Map<string, number>>>>();

  constructor(
    private readonly deps: {
      figures: FiguresRepository;
      openData: OpenDataRepository;
      ports: RegisterPorts;
      publication: PublicationSettings;
      now: () => Date;
    },
  ) {}

  get collectivite(): string | null {
    return this.deps.publication.name ?? null;
  }

  /** The register: every use case of the catalogue, by name. */
  async register() {
    if (!this.deps.publication.register) throw appError("register_unpublished");
    const { ports } = this.deps;
    const now = this.deps.now();
    const toMonth = now.toISOString().slice(0, 7);
    const scope: Scope = { fromMonth: shiftMonth(toMonth, -11), toMonth, directionIds: null };
    await ports.settleJournal();
    const [definitions, models, campaigns, rules, sums, agents] = await Promise.all([
      ports.useCases(),
      ports.chatModels(),
      ports.verdicts(),
      ports.rules(),
      this.deps.figures.sums(scope, ["assistant_id"]),
      this.deps.figures.agentsPerKey(scope, "assistant"),
    ]);
    const useCases = await Promise.all(
      definitions.map(async (useCase) => {
        const key = `usecase:${useCase.id}`;
        const recommended = await ports.recommendedModel(useCase.id);
        const allowed = models
          .filter((m) => admits(useCase.sovereignty, m.provider.sovereignty))
          .map((m) => ({
            ref: m.ref,
            label: m.model.label ?? m.model.id,
            provider: m.provider.label ?? m.provider.id,
            hosting: m.provider.sovereignty,
            country: m.provider.country,
            recommended: m.ref === recommended,
          }))
          .sort(
            (a, b) =>
              Number(b.recommended) - Number(a.recommended) ||
              HOSTING_ORDER.indexOf(a.hosting) - HOSTING_ORDER.indexOf(b.hosting) ||
              a.ref.localeCompare(b.ref),
          );
        const row = sums.find((r) => r.assistant_id === key);
        const used = agents.get(key) ?? 0;
        return {
          id: useCase.id,
          version: useCase.version,
          name: useCase.name,
          purpose: useCase.description,
          category: useCase.category,
          models: allowed,
          data: {
            personalDataFields: useCase.fields
              .filter((field) => field.personalData)
              .map((field) => field.label),
            fields: useCase.fields.map((field) => ({
              label: field.label,
              personalData: field.personalData,
            })),
            leastSovereignHosting: useCase.sovereignty ?? null,
          },
          oversight: { validationRequired: useCase.requiresValidation },
          verdicts: campaigns
            .filter(
              (c) =>
                c.subjectKind === "usecase" &&
                c.subjectId === useCase.id &&
                c.closedAt !== null &&
                c.verdict !== null,
            )
            .sort((a, b) => (b.closedAt ?? "").localeCompare(a.closedAt ?? ""))
            .map((c) => ({
              date: (c.closedAt ?? "").slice(0, 10),
              kind: c.verdict?.kind ?? "",
              text: c.verdict?.text ?? "",
              votes: c.votes,
            })),
          impact:
            used < rules.minAgents
              ? { hidden: true as const }
              : {
                  hidden: false as const,
                  agents: used,
                  turns: row?.turns ?? 0,
                  energyKwh: row?.energyKwh ?? zero(),
                  gwpKgCo2e: row?.gwpKgCo2e ?? zero(),
                  waterL: row?.waterL ?? zero(),
                },
        };
      }),
    );
    return {
      collectivite: this.collectivite,
      generatedAt: now.toISOString(),
      period: { from: scope.fromMonth, to: scope.toMonth },
      minAgents: rules.minAgents,
      useCases: useCases.sort((a, b) => a.name.localeCompare(b.name, "fr")),
    };
  }

  /** The open data's rows over some months (the last twelve by default), small groups withheld. */
  async usage(query: { from?: string | undefined; to?: string | undefined }) {
    if (!this.deps.publication.openData) throw appError("opendata_unpublished");
    const current = this.deps.now().toISOString().slice(0, 7);
    const toMonth = query.to ?? current;
    const fromMonth = query.from ?? shiftMonth(toMonth, -11);
    if (
      !MONTH.test(fromMonth) ||
      !MONTH.test(toMonth) ||
      fromMonth > toMonth ||
      monthsBetween(fromMonth, toMonth).length > OPEN_DATA_MAX_MONTHS
    )
      throw appError("observatory_period_invalid", { max: OPEN_DATA_MAX_MONTHS });
    const scope: Scope = { fromMonth, toMonth, directionIds: null };
    await this.deps.ports.settleJournal();
    const [sums, agents, rules, names] = await Promise.all([
      this.deps.figures.sums(scope, [
        "month",
        "assistant_id",
        "model_ref",
        "sovereignty",
        "data_class",
        "status",
      ]),
      this.agentsPerRow(fromMonth, toMonth),
      this.deps.ports.rules(),
      this.deps.ports.subjectNames(),
    ]);
    const rows = new Map<string, OpenDataRow>();
    for (const sum of sums) {
      const rowKey = journalKey(sum, OPEN_DATA_ROW);
      // Fewer agents than the threshold behind the row (or their months purged): withheld.
      if ((agents.get(sum.month)?.get(rowKey) ?? 0) < rules.minAgents) continue;
      const key = `${sum.month}\u0000${rowKey}`;
      const row = rows.get(key) ?? {
        month: sum.month,
        subjectKind: subjectKindOf(sum.assistant_id),
        subject: sum.assistant_id
          ? (names.get(sum.assistant_id) ?? sum.assistant_id.replace(/^usecase:/, ""))
          : "",
        model: sum.model_ref,
        hosting: sum.sovereignty,
        dataClass: sum.data_class,
        turns: 0,
        refused: 0,
        energyKwh: zero(),
        gwpKgCo2e: zero(),
        waterL: zero(),
        minutesSaved: 0,
      };
      row.turns += sum.turns;
      if (sum.status !== "completed") row.refused += sum.turns;
      add(row.energyKwh, sum.energyKwh);
      add(row.gwpKgCo2e, sum.gwpKgCo2e);
      add(row.waterL, sum.waterL);
      row.minutesSaved += sum.minutesSaved;
      rows.set(key, row);
    }
    const ordered = [...rows.values()].sort(
      (a, b) =>
        a.month.localeCompare(b.month) ||
        a.subjectKind.localeCompare(b.subjectKind) ||
        a.subject.localeCompare(b.subject, "fr") ||
        a.model.localeCompare(b.model) ||
        a.hosting.localeCompare(b.hosting) ||
        a.dataClass.localeCompare(b.dataClass),
    );
    return { from: fromMonth, to: toMonth, minAgents: rules.minAgents, rows: ordered };
  }

  /**
   * The distinct agents behind each row, per month: as kept when the month
   * was counted after its end, or in the last `RECOUNT_MS`; counted again
   * otherwise (the current month, or one never counted) with the rest of
   * its year, one count per year at a time in this process.
   */
  private async agentsPerRow(fromMonth: string, toMonth: string) {
    const now = this.deps.now();
    const current = now.toISOString().slice(0, 7);
    const kept = await this.deps.openData.kept(fromMonth, toMonth);
    const agents = new Map<string, Map<string, number>>();
    for (const month of monthsBetween(fromMonth, toMonth)) {
      if (month > current) continue;
      const counts = kept.get(month);
      const fresh =
        counts && (counts.final || now.getTime() - Date.parse(counts.countedAt) < RECOUNT_MS);
      agents.set(
        month,
        fresh
          ? counts.agents
          : ((await this.recount(month.slice(0, 4), now)).get(month) ?? new Map()),
      );
    }
    return agents;
  }

  /**
   * Counts a year's months' agents per row and keeps those begun by now (a
   * month over then, final); a count of that year already running is
   * awaited instead.
   */
  private recount(year: string, now: Date): Promise<Map<string, Map<string, number>>> {
    let counting = this.counting.get(year);
    if (!counting) {
      counting = (async () => {
        const counts = await this.deps.openData.countYear(year);
        const kept = await this.deps.openData.kept(`${year}-01`, `${year}-12`);
        const current = now.toISOString().slice(0, 7);
        for (let index = 1; index <= 12; index++) {
          const month = `${year}-${String(index).padStart(2, "0")}`;
          if (month > current) break;
          // A month counted once over stays as counted (retention may have cleared its masks since).
          if (kept.get(month)?.final) continue;
          const final = now.toISOString() >= `${shiftMonth(month, 1)}-01T00:00:00.000Z`;
          await this.deps.openData.keep(
            month,
            now.toISOString(),
            final,
            counts.get(month) ?? new Map(),
          );
        }
        return counts;
      })().finally(() => this.counting.delete(year));
      this.counting.set(year, counting);
    }
    return counting;
  }

  /** The Table Schema of the open data's CSV. */
  async usageSchema() {
    if (!this.deps.publication.openData) throw appError("opendata_unpublished");
    return usageTableSchema((await this.deps.ports.rules()).minAgents);
  }
}

/** Whether a model's hosting class is within what a use case admits (none said: the charter decides). */
function admits(least: Sovereignty | undefined, hosting: Sovereignty): boolean {
  return least === undefined || HOSTING_ORDER.indexOf(hosting) <= HOSTING_ORDER.indexOf(least);
}

function subjectKindOf(assistantId: string): SubjectKind {
  if (assistantId.startsWith("usecase:")) return "cas_usage";
  return assistantId ? "assistant" : "conversation";
}

const zero = (): Range => ({ min: 0, max: 0 });

function add(into: Range, value: Range) {
  into.min += value.min;
  into.max += value.max;
}
