import { randomInt } from "node:crypto";
import type { Actor } from "../assistants/index.js";
import { type DataClass, stricterClass } from "../guard/index.js";
import { t } from "../i18n/index.js";
import type { Principal } from "../identity/index.js";
import { within } from "../identity/index.js";
import { auditActor, type RecordAudit } from "../observatory/index.js";
import type { SovereigntyClass, Turn } from "../pipeline/index.js";
import type { Clock, Ids } from "../shared/clock.js";
import { AppError, appError } from "../shared/errors.js";
import type { ArenaMatchTable, ArenaOutputTable } from "../store/index.js";
import type { ArenaRepository, CampaignRow, OutputCosts } from "./arena.repository.js";
import type { CampaignInput, CaseInput, Choice, PairMode, Tag, VoteInput } from "./arena.schema.js";
import { type ArenaVote, fitBradleyTerry, mulberry32, rankContenders } from "./bradley-terry.js";
import { type Candidate, choosePair } from "./pairs.js";
import { type Verdict, verdictOf } from "./verdict.js";

/** What the arena needs of a model: where it runs and how big it is. */
export interface ArenaModel {
  ref: string;
  sovereignty: SovereigntyClass;
  /** Active parameters, in billions, when declared. */
  activeParameters: number | null;
  chat: boolean;
}

export const SUBJECT_KINDS = ["usecase", "assistant"] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/**
 * What a campaign puts to its contenders: a use case (its form, its prompt,
 * its result without AI) or an assistant (a question; its bases' passages as
 * the result without AI). Every answer walks the whole pipeline.
 */
export interface Subject {
  kind: SubjectKind;
  id: string;
  name: string;
  /** Checks a test case's values and gives the prompt the models receive. */
  prompt(principal: Principal, values: Record<string, unknown>): Promise<string>;
  /** The result without AI for these values (null: it cannot be produced here). */
  baseline(principal: Principal, values: Record<string, unknown>): Promise<string | null>;
  /** One model's answer, alone, through the pipeline; `sink` receives its text as written. */
  answer(
    principal: Principal,
    request: { prompt: string; model: string; sink?: (text: string) => void },
  ): Promise<Turn>;
}

/** The ports the arena is built on: the use cases, the models, the charter, the guard, the pipeline. */
export interface ArenaPorts {
  /** Sets the model a use case's runs try first (checked there: who may manage the use case). */
  recommend: (actor: Principal, useCaseId: string, model: string) => Promise<unknown>;
  /** What a campaign compares answers to: a use case of the catalogue, or an assistant. */
  subject: (kind: SubjectKind, id: string) => Promise<Subject | undefined>;
  model: (ref: string) => Promise<ArenaModel | null>;
  /** Whether the charter lets a text of this class reach this hosting class at all. */
  allows: (
    principal: Principal,
    dataClass: DataClass,
    sovereignty: SovereigntyClass,
  ) => Promise<boolean>;
  /** The data class the guard finds in a text. */
  classify: (text: string) => Promise<DataClass>;
  directionPath: (id: string) => Promise<string | undefined>;
  userByEmail: (email: string) => Promise<{ id: string } | undefined>;
}

export interface ContenderView {
  position: number;
  kind: "model" | "baseline";
  /** The model's ref, or « Résultat sans IA ». */
  label: string;
  modelRef: string | null;
}

export interface CampaignView {
  id: string;
  name: string;
  /** The use case compared on, or the assistant (one of the two). */
  useCaseId: string | null;
  useCaseName: string | null;
  assistantId: string | null;
  assistantName: string | null;
  directionId: string | null;
  directionPath: string | null;
  dataClass: DataClass;
  pairMode: PairMode;
  status: "open" | "closed";
  publishCases: boolean;
  createdAt: string;
  closedAt: string | null;
  contenders: ContenderView[];
  members: { id: string; email: string }[];
  cases: { id: string; position: number; title: string }[];
  votes: number;
  /** Whether the caller may manage it (cases, closing), and vote in it. */
  manageable: boolean;
  member: boolean;
  verdict: Verdict | null;
}

/** A match as its member sees it: the case and two anonymous answers. */
export interface MatchView {
  id: string;
  campaignId: string;
  case: { id: string; position: number; title: string; values: Record<string, unknown> };
  a: { text: string };
  b: { text: string };
  /** Already voted (a match shown again after a reload is the same, still to vote). */
  voted: boolean;
}

/** A side revealed after the vote: who it was and what its answer cost. */
export interface RevealedSide extends ContenderView {
  energyKwh: number | null;
  gwpKgCo2e: number | null;
  latencyMs: number;
  tokens: number;
}

export interface RankingView {
  campaignId: string;
  seed: number;
  tag: Tag | null;
  votes: number;
  contenders: (ContenderView & {
    score: number;
    low: number;
    high: number;
    votes: number;
    wins: number;
    /** Means over its generated answers; cost in tokens (no price registry). */
    energyKwh: number | null;
    gwpKgCo2e: number | null;
    latencyMs: number | null;
    tokens: number | null;
    answers: number;
    failed: number;
  })[];
  /** By position: `winRate[i][j]` is i's share against j (ties half), null without votes. */
  winRate: (number | null)[][];
  pairVotes: number[][];
  verdict: Verdict;
}

/** Where a streamed duel's text goes as it is written. */
export interface DuelStream {
  /** The case of the pair about to be written. */
  begin(testCase: MatchView["case"]): void;
  text(side: "a" | "b", text: string): void;
  /** The pair failed (a model refused or down): what was shown is void, another pair starts. */
  reset(): void;
}

const OUTCOME: Record<Choice, ArenaVote["outcome"]> = {
  a: "a",
  b: "b",
  "both-good": "tie",
  "both-bad": "tie",
};

/** Models in one campaign, besides the result without AI (20 contenders: what bench:arena measures). */
const MAX_MODELS = 19;

/** Bootstrap replicates for intervals shown to people (the spec's default). */
const REPLICATES = 200;

/**
 * LLM battles: campaigns of blind pairwise votes on a use case's test
 * cases, the use case's result without AI in the ring by right; a
 * Bradley–Terry ranking with bootstrap intervals, and a verdict in French.
 * Outputs are generated through the whole pipeline (charter, guard, route,
 * journal), once per case and contender.
 */
export class ArenaService {
  constructor(
    private readonly deps: {
      arena: ArenaRepository;
      ports: ArenaPorts;
      clock: Clock;
      ids: Ids;
      audit?: RecordAudit;
    },
  ) {}

  async create(actor: Principal, input: CampaignInput): Promise<CampaignView> {
    const { ports } = this.deps;
    if ((input.useCaseId === undefined) === (input.assistantId === undefined))
      throw appError("arena_subject_required");
    const subject = input.assistantId
      ? await ports.subject("assistant", input.assistantId)
      : await ports.subject("usecase", input.useCaseId ?? "");
    if (!subject)
      throw input.assistantId
        ? appError("assistant_not_found")
        : appError("usecase_not_found", { id: input.useCaseId ?? "" });
    const directionId =
      input.directionId !== undefined
        ? input.directionId
        : actor.roles.includes("admin")
          ? null
          : actor.directionId;
    this.mayManage(actor, await this.directionPath(directionId), null);
    const models = [...new Set(input.models)];
    if (models.length > MAX_MODELS) throw appError("arena_too_many_models", { max: MAX_MODELS });
    for (const ref of models) {
      const model = await ports.model(ref);
      if (!model?.chat) throw appError("model_unknown", { model: ref });
      if (!(await ports.allows(actor, input.dataClass, model.sovereignty)))
        throw appError("arena_model_not_allowed", {
          model: ref,
          dataClass: t(`arena.data_class.${input.dataClass}`),
        });
    }
    const members = new Set<string>([actor.userId]);
    for (const email of input.members) {
      const user = await ports.userByEmail(email);
      if (!user) throw appError("arena_member_unknown", { email });
      members.add(user.id);
    }
    const id = this.deps.ids.id();
    await this.deps.arena.insertCampaign(
      {
        id,
        name: input.name,
        subject_kind: subject.kind,
        subject_id: subject.id,
        direction_id: directionId,
        data_class: input.dataClass,
        pair_mode: input.pairMode,
        seed: input.seed ?? randomInt(2_147_483_647),
        publish_cases: input.publishCases ? 1 : 0,
        status: "open",
        created_by: actor.userId,
        created_at: this.deps.clock.now().toISOString(),
        closed_at: null,
        verdict: null,
      },
      [
        // The result without AI first: position 0 in every campaign.
        { campaign_id: id, position: 0, kind: "baseline", model_ref: null },
        ...models.map((ref, index) => ({
          campaign_id: id,
          position: index + 1,
          kind: "model",
          model_ref: ref,
        })),
      ],
      [...members],
    );
    await this.deps.audit?.({
      action: "arena-campaign.created",
      target: id,
      actor: auditActor(actor),
      details: {
        subject: `${subject.kind}:${subject.id}`,
        models,
        members: members.size,
        dataClass: input.dataClass,
        pairMode: input.pairMode,
      },
    });
    return this.get(actor, id);
  }

  /** The campaigns the caller votes in or may manage (every one for administrators and auditors). */
  async list(actor: Principal): Promise<CampaignView[]> {
    const rows = await this.deps.arena.list();
    const views: CampaignView[] = [];
    for (const row of rows) {
      const view = await this.view(actor, row);
      if (view.member || view.manageable || this.seesAll(actor)) views.push(view);
    }
    return views;
  }

  /** Every campaign, for the command line (which acts for the installation). */
  async listAll() {
    const rows = await this.deps.arena.list();
    return Promise.all(
      rows.map(async (row) => ({
        id: row.id,
        name: row.name,
        subject: `${row.subject_kind}:${row.subject_id}`,
        status: row.status as "open" | "closed",
        votes: (await this.deps.arena.votes(row.id)).length,
      })),
    );
  }

  /**
   * Every campaign with its recorded verdict and ranking (closed ones), for
   * the observatory and the public register: names and figures, no vote, no voter.
   */
  async verdicts() {
    const rows = await this.deps.arena.list();
    return Promise.all(
      rows.map(async (row) => {
        const recorded = row.verdict
          ? (JSON.parse(row.verdict) as Verdict & {
              bestModel?: string | null;
              ranking?: {
                label: string;
                score: number;
                low: number;
                high: number;
                votes: number;
              }[];
            })
          : null;
        const subject = await this.deps.ports.subject(
          row.subject_kind as SubjectKind,
          row.subject_id,
        );
        return {
          id: row.id,
          directionId: row.direction_id,
          name: row.name,
          subjectKind: row.subject_kind,
          subjectId: row.subject_id,
          subjectName: subject?.name ?? null,
          status: row.status as "open" | "closed",
          closedAt: row.closed_at,
          votes: recorded ? Number((recorded as { votes?: number }).votes ?? 0) : 0,
          verdict: recorded
            ? { kind: recorded.kind, text: recorded.text, bestModel: recorded.bestModel ?? null }
            : null,
          contenders: recorded?.ranking ?? [],
        };
      }),
    );
  }

  async get(actor: Principal, id: string): Promise<CampaignView> {
    const view = await this.view(actor, await this.row(id));
    if (!view.member && !view.manageable && !this.seesAll(actor))
      throw appError("arena_campaign_not_found");
    return view;
  }

  /** A test case: the use case's form values, checked, and no more personal than the campaign says. */
  async addCase(actor: Principal, id: string, input: CaseInput) {
    const [added] = await this.importCases(actor, id, [input]);
    if (!added) throw new Error("one case in, one case out");
    return added;
  }

  /**
   * Test cases written or imported by the group (a file of form values):
   * every case checked first — the use case's form, and no more personal
   * than the campaign says (the guard reads each) —, then all stored, or
   * none (`arena_case_invalid` names the case at fault).
   */
  async importCases(actor: Principal, id: string, inputs: CaseInput[]) {
    const row = await this.row(id);
    this.mayManage(actor, row.direction_path, row.created_by);
    if (row.status !== "open") throw appError("arena_campaign_closed");
    const subject = await this.subject(row);
    const declared = row.data_class as DataClass;
    for (const [index, input] of inputs.entries()) {
      try {
        const prompt = await subject.prompt(actor, input.values);
        const found = await this.deps.ports.classify(`${input.title}\n${prompt}`);
        if (stricterClass(found, declared) !== declared)
          throw appError("arena_case_data_class", {
            found: t(`arena.data_class.${found}`),
            declared: t(`arena.data_class.${declared}`),
          });
      } catch (error) {
        if (inputs.length === 1 || !(error instanceof AppError)) throw error;
        throw appError("arena_case_invalid", {
          number: index + 1,
          title: input.title,
          reason: error.message,
        });
      }
    }
    const added = [];
    for (const input of inputs) {
      const stored = await this.deps.arena.addCase({
        id: this.deps.ids.id(),
        campaign_id: id,
        title: input.title,
        values_json: JSON.stringify(input.values),
        created_at: this.deps.clock.now().toISOString(),
      });
      added.push({ id: stored.id, position: stored.position, title: stored.title });
    }
    return added;
  }

  /**
   * The caller's next match: the one shown and not voted yet, else a new
   * pair on a case, chosen by the campaign's mode among those this member has
   * not seen; both answers generated (once per case and contender) before
   * it is shown. A contender whose answer failed on a case leaves that case's
   * pairs. `arena_nothing_left` when every pair has been seen.
   *
   * With `stream`, the two answers are generated side by side and their text
   * is passed on as it is written (a stored answer at once, whole); `reset`
   * says that a pair failed and another one starts.
   */
  async next(actor: Principal, id: string, stream?: DuelStream): Promise<MatchView> {
    const row = await this.row(id);
    await this.mustBeMember(actor, row);
    if (row.status !== "open") throw appError("arena_campaign_closed");
    const shown = await this.deps.arena.shown(id, actor.userId);
    const pending = shown.find((match) => match.voted_at === null);
    if (pending) return this.matchView(pending);
    const [contenders, cases] = await Promise.all([
      this.deps.arena.contenders(id),
      this.deps.arena.cases(id),
    ]);
    if (cases.length === 0) throw appError("arena_no_cases");
    const seen = new Set(shown.map((m) => pairKey(m.case_id, m.contender_a, m.contender_b)));
    const failed = new Set<string>();
    const subject = await this.subject(row);
    const context = await this.pairContext(row, contenders);
    for (let attempt = 0; attempt < 5; attempt++) {
      const candidates: Candidate[] = [];
      for (const testCase of cases)
        for (const x of contenders)
          for (const y of contenders)
            if (
              x.position < y.position &&
              !seen.has(pairKey(testCase.id, x.position, y.position)) &&
              !failed.has(`${testCase.id}:${x.position}`) &&
              !failed.has(`${testCase.id}:${y.position}`)
            )
              candidates.push({ caseId: testCase.id, a: x.position, b: y.position });
      const pair = choosePair(candidates, row.pair_mode as PairMode, context);
      if (!pair) break;
      const testCase = cases.find((c) => c.id === pair.caseId);
      if (!testCase) break;
      const values = JSON.parse(testCase.values_json) as Record<string, unknown>;
      stream?.begin({
        id: testCase.id,
        position: testCase.position,
        title: testCase.title,
        values,
      });
      const generate = (position: number, side: "a" | "b") =>
        this.output(actor, subject, testCase.id, values, contenders, position, (text) =>
          stream?.text(side, text),
        );
      // Streamed, both at once (the member watches both); else one after the other.
      const outputs = stream
        ? await Promise.all([generate(pair.a, "a"), generate(pair.b, "b")])
        : [await generate(pair.a, "a"), await generate(pair.b, "b")];
      for (const [index, output] of outputs.entries())
        if (output.status !== "ok") failed.add(`${testCase.id}:${index === 0 ? pair.a : pair.b}`);
      if (outputs.some((output) => output.status !== "ok")) {
        stream?.reset();
        continue;
      }
      const match: ArenaMatchTable = {
        id: this.deps.ids.id(),
        campaign_id: id,
        case_id: testCase.id,
        user_id: actor.userId,
        contender_a: pair.a,
        contender_b: pair.b,
        shown_at: this.deps.clock.now().toISOString(),
        voted_at: null,
        choice: null,
        tags: null,
        comment: null,
        minutes_saved: null,
      };
      await this.deps.arena.insertMatch(match);
      return this.matchView(match);
    }
    throw appError("arena_nothing_left");
  }

  /**
   * A member's vote on the match they were shown: refused, changing nothing,
   * when the match was not shown to them, was already voted, or the campaign
   * is closed. Reveals both sides, with what their answers cost.
   */
  async vote(actor: Principal, matchId: string, input: VoteInput) {
    const match = await this.deps.arena.match(matchId);
    if (!match || match.user_id !== actor.userId) throw appError("arena_match_not_shown");
    const row = await this.row(match.campaign_id);
    if (row.status !== "open") throw appError("arena_campaign_closed");
    if (match.voted_at !== null) throw appError("arena_already_voted");
    const recorded = await this.deps.arena.recordVote(matchId, {
      voted_at: this.deps.clock.now().toISOString(),
      choice: input.choice,
      tags: JSON.stringify([...new Set(input.tags)]),
      comment: input.comment ?? null,
      minutes_saved: input.minutesSaved ?? null,
    });
    if (!recorded) {
      // Closed or voted between the checks and the write: say which, as above.
      const now = await this.row(match.campaign_id);
      throw appError(now.status !== "open" ? "arena_campaign_closed" : "arena_already_voted");
    }
    const contenders = await this.deps.arena.contenders(match.campaign_id);
    const reveal = async (position: number): Promise<RevealedSide> => {
      const output = await this.deps.arena.output(match.case_id, position);
      return {
        ...contenderView(contenders.find((c) => c.position === position)),
        energyKwh: output?.energy_kwh ?? null,
        gwpKgCo2e: output?.gwp_kg ?? null,
        latencyMs: output?.latency_ms ?? 0,
        tokens: output?.tokens ?? 0,
      };
    };
    return {
      matchId,
      choice: input.choice,
      a: await reveal(match.contender_a),
      b: await reveal(match.contender_b),
    };
  }

  /** The ranking on the votes so far (those carrying `tag`, if given), deterministic for a seed. */
  async ranking(
    actor: Principal | "cli",
    id: string,
    options: { seed?: number; tag?: Tag } = {},
  ): Promise<RankingView> {
    const row = await this.row(id);
    if (actor !== "cli") await this.get(actor, id);
    const [contenders, matches, costs] = await Promise.all([
      this.deps.arena.contenders(id),
      this.deps.arena.votes(id),
      this.deps.arena.costs(id),
    ]);
    const votes = matches
      .filter((m) => options.tag === undefined || tagsOf(m).includes(options.tag))
      .map(
        (m): ArenaVote => ({
          a: m.contender_a,
          b: m.contender_b,
          outcome: OUTCOME[m.choice as Choice],
        }),
      );
    const seed = options.seed ?? row.seed;
    const ranked = await rankContenders(contenders.length, votes, {
      seed,
      replicates: REPLICATES,
    });
    const costOf = (position: number): OutputCosts | undefined =>
      costs.find((cost) => cost.contender === position);
    const rows = contenders.map((contender) => {
      const r = ranked.contenders[contender.position];
      const cost = costOf(contender.position);
      return {
        ...contenderView(contender),
        score: r?.score ?? 0,
        low: r?.low ?? 0,
        high: r?.high ?? 0,
        votes: r?.votes ?? 0,
        wins: r?.wins ?? 0,
        energyKwh: cost?.energy_kwh ?? null,
        gwpKgCo2e: cost?.gwp_kg ?? null,
        latencyMs: cost?.latency_ms ?? null,
        tokens: cost?.tokens ?? null,
        answers: cost?.answers ?? 0,
        failed: cost?.failed ?? 0,
      };
    });
    const verdict = verdictOf(rows, votes.length);
    return {
      campaignId: id,
      seed,
      tag: options.tag ?? null,
      votes: votes.length,
      contenders: rows.sort((x, y) => y.score - x.score),
      winRate: ranked.winRate,
      pairVotes: ranked.pairVotes,
      verdict,
    };
  }

  /** Closes the campaign: no more votes; its verdict (on every vote, its own seed) is recorded. */
  async close(actor: Principal, id: string): Promise<CampaignView> {
    const row = await this.row(id);
    this.mayManage(actor, row.direction_path, row.created_by);
    if (row.status !== "open") throw appError("arena_campaign_closed");
    const ranking = await this.ranking(actor, id);
    const closedAt = this.deps.clock.now().toISOString();
    const recorded = {
      ...ranking.verdict,
      votes: ranking.votes,
      seed: ranking.seed,
      bestModel:
        ranking.verdict.best === null
          ? null
          : (ranking.contenders.find((c) => c.position === ranking.verdict.best)?.modelRef ?? null),
      // The ranking as it closed, for the observatory and the public register.
      ranking: ranking.contenders.map(({ label, score, low, high, votes }) => ({
        label,
        score,
        low,
        high,
        votes,
      })),
    };
    if (!(await this.deps.arena.close(id, closedAt, JSON.stringify(recorded))))
      throw appError("arena_campaign_closed");
    await this.deps.audit?.({
      action: "arena-campaign.closed",
      target: id,
      actor: auditActor(actor),
      details: { votes: ranking.votes, verdict: ranking.verdict.kind },
    });
    return this.get(actor, id);
  }

  /**
   * Makes the closed campaign's winner the use case's recommended model,
   * when its verdict found a gain over the result without AI (`arena_no_gain`
   * otherwise: there is no model to recommend).
   */
  async recommend(actor: Principal, id: string): Promise<{ useCaseId: string; model: string }> {
    const row = await this.row(id);
    this.mayManage(actor, row.direction_path, row.created_by);
    if (row.status !== "closed" || row.verdict === null) throw appError("arena_campaign_open");
    const verdict = JSON.parse(row.verdict) as Verdict & { bestModel: string | null };
    if (verdict.kind !== "gain" || !verdict.bestModel) throw appError("arena_no_gain");
    if (row.subject_kind !== "usecase") throw appError("arena_recommend_use_case");
    await this.deps.ports.recommend(actor, row.subject_id, verdict.bestModel);
    return { useCaseId: row.subject_id, model: verdict.bestModel };
  }

  /**
   * The campaign as open data: contenders, anonymised votes (no voter, no
   * comment), the ranking, and the test cases' text only when the campaign
   * publishes them.
   */
  async export(actor: Principal | "cli", id: string) {
    const row = await this.row(id);
    const ranking = await this.ranking(actor, id);
    const [contenders, cases, matches] = await Promise.all([
      this.deps.arena.contenders(id),
      this.deps.arena.cases(id),
      this.deps.arena.votes(id),
    ]);
    const position = new Map(cases.map((c) => [c.id, c.position]));
    return {
      campaign: {
        id: row.id,
        name: row.name,
        subjectKind: row.subject_kind as SubjectKind,
        subjectId: row.subject_id,
        dataClass: row.data_class,
        pairMode: row.pair_mode,
        seed: row.seed,
        status: row.status,
      },
      contenders: contenders.map(contenderView),
      cases: cases.map((c) => ({
        position: c.position,
        ...(row.publish_cases === 1 && {
          title: c.title,
          values: JSON.parse(c.values_json) as Record<string, unknown>,
        }),
      })),
      votes: matches.map((m) => ({
        case: position.get(m.case_id) ?? 0,
        a: m.contender_a,
        b: m.contender_b,
        choice: m.choice as Choice,
        tags: tagsOf(m),
        minutesSaved: m.minutes_saved,
        // The day only: the order of votes, not who voted when.
        day: (m.voted_at ?? "").slice(0, 10),
      })),
      ranking: ranking.contenders.map(({ position, label, score, low, high, votes, wins }) => ({
        position,
        label,
        score,
        low,
        high,
        votes,
        wins,
      })),
      verdict: { kind: ranking.verdict.kind, text: ranking.verdict.text },
    };
  }

  private async output(
    actor: Principal,
    subject: Subject,
    caseId: string,
    values: Record<string, unknown>,
    contenders: { position: number; kind: string; model_ref: string | null }[],
    position: number,
    sink?: (text: string) => void,
  ): Promise<ArenaOutputTable> {
    const stored = await this.deps.arena.output(caseId, position);
    if (stored) {
      if (stored.status === "ok") sink?.(stored.text);
      return stored;
    }
    const contender = contenders.find((c) => c.position === position);
    const started = Date.now();
    const base = {
      case_id: caseId,
      contender: position,
      created_at: this.deps.clock.now().toISOString(),
    };
    if (contender?.kind !== "model" || !contender.model_ref) {
      const baseline = await subject.baseline(actor, values);
      if (baseline !== null) sink?.(baseline);
      return this.deps.arena.saveOutput({
        ...base,
        status: baseline === null ? "failed" : "ok",
        text: baseline ?? t("arena.output.baseline_unavailable"),
        model_ref: null,
        energy_kwh: 0,
        gwp_kg: 0,
        latency_ms: Date.now() - started,
        tokens: 0,
      });
    }
    const turn = await subject.answer(actor, {
      prompt: await subject.prompt(actor, values),
      model: contender.model_ref,
      ...(sink && { sink }),
    });
    const output = turn.status === "completed" ? turn.output : undefined;
    const ok = output?.mode === "model";
    const mid = (range: { min: number; max: number } | undefined) =>
      range === undefined ? null : (range.min + range.max) / 2;
    return this.deps.arena.saveOutput({
      ...base,
      // A refusal or a failure is kept as such: that contender leaves this case's pairs.
      status: ok ? "ok" : "failed",
      text: ok && output ? output.text : t("arena.output.failed"),
      model_ref: output?.model?.ref ?? contender.model_ref,
      energy_kwh: mid(turn.impact?.energyKwh),
      gwp_kg: mid(turn.impact?.gwpKgCo2e),
      latency_ms: Date.now() - started,
      tokens: (output?.usage?.promptTokens ?? 0) + (output?.usage?.completionTokens ?? 0),
    });
  }

  private async matchView(match: ArenaMatchTable): Promise<MatchView> {
    const cases = await this.deps.arena.cases(match.campaign_id);
    const testCase = cases.find((c) => c.id === match.case_id);
    const text = async (position: number) =>
      (await this.deps.arena.output(match.case_id, position))?.text ?? "";
    return {
      id: match.id,
      campaignId: match.campaign_id,
      case: {
        id: match.case_id,
        position: testCase?.position ?? 0,
        title: testCase?.title ?? "",
        values: testCase ? (JSON.parse(testCase.values_json) as Record<string, unknown>) : {},
      },
      a: { text: await text(match.contender_a) },
      b: { text: await text(match.contender_b) },
      voted: match.voted_at !== null,
    };
  }

  /** Scores and vote counts so far (no intervals: cheap), and each contender's size. */
  private async pairContext(
    row: CampaignRow,
    contenders: { position: number; kind: string; model_ref: string | null }[],
  ) {
    const matches = await this.deps.arena.votes(row.id);
    const votes = matches.map(
      (m): ArenaVote => ({
        a: m.contender_a,
        b: m.contender_b,
        outcome: OUTCOME[m.choice as Choice],
      }),
    );
    const counts = contenders.map(() => 0);
    for (const vote of votes) {
      counts[vote.a] = (counts[vote.a] ?? 0) + 1;
      counts[vote.b] = (counts[vote.b] ?? 0) + 1;
    }
    const sizes = await Promise.all(
      contenders.map(async (c) =>
        c.kind === "model" && c.model_ref
          ? ((await this.deps.ports.model(c.model_ref))?.activeParameters ?? null)
          : 0,
      ),
    );
    return {
      scores: fitBradleyTerry(contenders.length, votes),
      votes: counts,
      sizes,
      random: mulberry32(randomInt(2_147_483_647)),
    };
  }

  private async view(actor: Principal, row: CampaignRow): Promise<CampaignView> {
    const [contenders, members, cases, votes, subject] = await Promise.all([
      this.deps.arena.contenders(row.id),
      this.deps.arena.members(row.id),
      this.deps.arena.cases(row.id),
      this.deps.arena.votes(row.id),
      this.deps.ports.subject(row.subject_kind as SubjectKind, row.subject_id),
    ]);
    return {
      id: row.id,
      name: row.name,
      useCaseId: row.subject_kind === "usecase" ? row.subject_id : null,
      useCaseName: row.subject_kind === "usecase" ? (subject?.name ?? null) : null,
      assistantId: row.subject_kind === "assistant" ? row.subject_id : null,
      assistantName: row.subject_kind === "assistant" ? (subject?.name ?? null) : null,
      directionId: row.direction_id,
      directionPath: row.direction_path,
      dataClass: row.data_class as DataClass,
      pairMode: row.pair_mode as PairMode,
      status: row.status as "open" | "closed",
      publishCases: row.publish_cases === 1,
      createdAt: row.created_at,
      closedAt: row.closed_at,
      contenders: contenders.map(contenderView),
      members,
      cases: cases.map((c) => ({ id: c.id, position: c.position, title: c.title })),
      votes: votes.length,
      manageable: this.canManage(actor, row.direction_path, row.created_by),
      member: members.some((m) => m.id === actor.userId),
      verdict: row.verdict ? (JSON.parse(row.verdict) as Verdict) : null,
    };
  }

  private async mustBeMember(actor: Principal, row: CampaignRow): Promise<void> {
    if (!(await this.deps.arena.isMember(row.id, actor.userId))) throw appError("arena_not_member");
  }

  private async row(id: string): Promise<CampaignRow> {
    const row = await this.deps.arena.campaign(id);
    if (!row) throw appError("arena_campaign_not_found");
    return row;
  }

  private async subject(row: CampaignRow): Promise<Subject> {
    const subject = await this.deps.ports.subject(row.subject_kind as SubjectKind, row.subject_id);
    if (!subject)
      throw row.subject_kind === "assistant"
        ? appError("assistant_not_found")
        : appError("usecase_not_found", { id: row.subject_id });
    return subject;
  }

  private async directionPath(id: string | null): Promise<string | null> {
    if (id === null) return null;
    const path = await this.deps.ports.directionPath(id);
    if (!path) throw appError("direction_not_found", { direction: id });
    return path;
  }

  private seesAll = (actor: Principal) =>
    actor.roles.includes("admin") || actor.permissions.includes("audit:read");

  private canManage(actor: Actor, directionPath: string | null, createdBy: string | null): boolean {
    if (actor === "cli") return true;
    if (!actor.permissions.includes("assistants:write")) return false;
    if (actor.roles.includes("admin") || actor.userId === createdBy) return true;
    return actor.roles.includes("referent") && within(directionPath, actor.directionPath);
  }

  /** Administrators manage every campaign; referents those of their direction, and their own. */
  private mayManage(actor: Actor, directionPath: string | null, createdBy: string | null): void {
    if (actor !== "cli" && !actor.permissions.includes("assistants:write"))
      throw appError("forbidden");
    if (!this.canManage(actor, directionPath, createdBy))
      throw appError("arena_campaign_not_manageable");
  }
}

const pairKey = (caseId: string, x: number, y: number) =>
  `${caseId}:${Math.min(x, y)}:${Math.max(x, y)}`;

const tagsOf = (match: ArenaMatchTable): Tag[] =>
  match.tags ? (JSON.parse(match.tags) as Tag[]) : [];

function contenderView(
  contender: { position: number; kind: string; model_ref: string | null } | undefined,
): ContenderView {
  const kind = contender?.kind === "model" ? "model" : "baseline";
  return {
    position: contender?.position ?? 0,
    kind,
    label: kind === "model" ? (contender?.model_ref ?? "") : t("arena.baseline"),
    modelRef: contender?.model_ref ?? null,
  };
}
