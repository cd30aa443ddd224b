import { z } from "zod";
import { type RouteDefinition, route } from "../http/index.js";
import { csvText } from "../shared/csv.js";
import { AppError } from "../shared/errors.js";
import { formatEvent, openEventStream } from "../shared/event-stream.js";
import {
  CAMPAIGN_DATA_CLASSES,
  CampaignInput,
  CaseInput,
  CHOICES,
  PAIR_MODES,
  TAGS,
  VoteInput,
} from "./arena.schema.js";
import type { ArenaService } from "./arena.service.js";

const Params = z.object({ id: z.string().min(1).max(100) });

const Contender = z.object({
  position: z.int(),
  kind: z.enum(["model", "baseline"]),
  label: z.string(),
  modelRef: z.string().nullable(),
});

const VerdictSchema = z.object({
  kind: z.enum(["no-votes", "gain", "no-gain"]),
  best: z.int().nullable(),
  baseline: z.int(),
  energyForNothingKwh: z.number().nullable(),
  text: z.string(),
});

const Campaign = z.object({
  id: z.string(),
  name: z.string(),
  useCaseId: z.string().nullable(),
  useCaseName: z.string().nullable(),
  assistantId: z.string().nullable(),
  assistantName: z.string().nullable(),
  directionId: z.string().nullable(),
  directionPath: z.string().nullable(),
  dataClass: z.enum(CAMPAIGN_DATA_CLASSES),
  pairMode: z.enum(PAIR_MODES),
  status: z.enum(["open", "closed"]),
  publishCases: z.boolean(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  contenders: z.array(Contender),
  members: z.array(z.object({ id: z.string(), email: z.string() })),
  cases: z.array(z.object({ id: z.string(), position: z.int(), title: z.string() })),
  votes: z.int(),
  manageable: z.boolean(),
  member: z.boolean(),
  verdict: VerdictSchema.nullable(),
});

const Match = z.object({
  id: z.string(),
  campaignId: z.string(),
  case: z.object({
    id: z.string(),
    position: z.int(),
    title: z.string(),
    values: z.record(z.string(), z.unknown()),
  }),
  a: z.object({ text: z.string() }),
  b: z.object({ text: z.string() }),
  voted: z.boolean(),
});

const Side = Contender.extend({
  energyKwh: z.number().nullable(),
  gwpKgCo2e: z.number().nullable(),
  latencyMs: z.number(),
  tokens: z.number(),
});

const Ranking = z.object({
  campaignId: z.string(),
  seed: z.int(),
  tag: z.enum(TAGS).nullable(),
  votes: z.int(),
  contenders: z.array(
    Contender.extend({
      score: z.number(),
      low: z.number(),
      high: z.number(),
      votes: z.int(),
      wins: z.number(),
      energyKwh: z.number().nullable(),
      gwpKgCo2e: z.number().nullable(),
      latencyMs: z.number().nullable(),
      tokens: z.number().nullable(),
      answers: z.int(),
      failed: z.int(),
    }),
  ),
  winRate: z.array(z.array(z.number().nullable())),
  pairVotes: z.array(z.array(z.int())),
  verdict: VerdictSchema,
});

const RankingQuery = z.object({
  seed: z.coerce.number().int().min(0).max(2_147_483_647).optional(),
  tag: z.enum(TAGS).optional(),
});

/** A campaign's open data in JSON: no voter, no test case's text unless the group publishes it. */
const OpenData = z.object({
  campaign: z.object({
    id: z.string(),
    name: z.string(),
    subjectKind: z.enum(["usecase", "assistant"]),
    subjectId: z.string(),
    dataClass: z.enum(CAMPAIGN_DATA_CLASSES),
    pairMode: z.enum(PAIR_MODES),
    seed: z.int(),
    status: z.enum(["open", "closed"]),
  }),
  contenders: z.array(Contender),
  cases: z.array(
    z.object({
      position: z.int(),
      title: z.string().optional(),
      values: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
  votes: z.array(
    z.object({
      case: z.int(),
      a: z.int(),
      b: z.int(),
      choice: z.enum(CHOICES),
      tags: z.array(z.enum(TAGS)),
      minutesSaved: z.number().nullable(),
      day: z.string(),
    }),
  ),
  ranking: z.array(
    z.object({
      position: z.int(),
      label: z.string(),
      score: z.number(),
      low: z.number(),
      high: z.number(),
      votes: z.int(),
      wins: z.number(),
    }),
  ),
  verdict: z.object({ kind: VerdictSchema.shape.kind, text: z.string() }),
});

const ExportQuery = z.object({
  format: z.enum(["json", "csv"]).default("json"),
  /** In CSV, one table at a time: the votes (default) or the ranking. */
  table: z.enum(["votes", "ranking"]).default("votes"),
});

/**
 * LLM battles: referents (`assistants:write`) create campaigns, add test
 * cases and close them; members ask for their next blind match and vote, by
 * the page or by API (an API key with the `chat` scope); members, managers
 * and auditors (the service checks which) read the ranking and export the
 * open data.
 */
export function arenaRoutes(deps: { arena: ArenaService }): RouteDefinition[] {
  const { arena } = deps;
  return [
    route({
      method: "GET",
      url: "/api/arena/campaigns",
      summary: "Les campagnes de comparaison où je vote, ou que je gère",
      tags: ["arena"],
      access: "authenticated",
      response: Campaign.array(),
      handler: async ({ principal }) => arena.list(principal),
    }),
    route({
      method: "POST",
      url: "/api/arena/campaigns",
      summary: "Créer une campagne de comparaison de modèles pour un cas d'usage",
      tags: ["arena"],
      access: "assistants:write",
      body: CampaignInput,
      response: Campaign,
      status: 201,
      handler: async ({ principal, body }) => arena.create(principal, body),
    }),
    route({
      method: "GET",
      url: "/api/arena/campaigns/:id",
      summary: "Une campagne : concurrents, membres, cas de test, votes, verdict",
      tags: ["arena"],
      access: "authenticated",
      params: Params,
      response: Campaign,
      handler: async ({ principal, params }) => arena.get(principal, params.id),
    }),
    route({
      method: "POST",
      url: "/api/arena/campaigns/:id/cases",
      summary: "Ajouter un cas de test (les valeurs du formulaire du cas d'usage)",
      tags: ["arena"],
      access: "assistants:write",
      params: Params,
      body: CaseInput,
      response: z.object({ id: z.string(), position: z.int(), title: z.string() }),
      status: 201,
      handler: async ({ principal, params, body }) => arena.addCase(principal, params.id, body),
    }),
    route({
      method: "POST",
      url: "/api/arena/campaigns/:id/cases/import",
      summary: "Importer des cas de test (un fichier JSON : tous, ou aucun)",
      tags: ["arena"],
      access: "assistants:write",
      params: Params,
      body: z.strictObject({ cases: z.array(CaseInput).min(1) }),
      response: z.array(z.object({ id: z.string(), position: z.int(), title: z.string() })),
      status: 201,
      handler: async ({ principal, params, body }) =>
        arena.importCases(principal, params.id, body.cases),
    }),
    route({
      method: "POST",
      url: "/api/arena/campaigns/:id/next",
      summary:
        "Mon prochain duel : un cas et deux réponses anonymes ; en flux (SSE) si le client l'accepte, les deux réponses s'écrivent côte à côte",
      tags: ["arena"],
      access: "chat",
      params: Params,
      response: Match,
      eventStream: true,
      handler: async ({ principal, params, request, reply }) => {
        if (!/text\/event-stream/.test(request.headers.accept ?? ""))
          return arena.next(principal, params.id);
        // The stream opens with the first text: a refusal before it is a plain HTTP error.
        let started = false;
        const event = (name: string, data: unknown) => {
          if (!started) {
            started = true;
            openEventStream(reply);
          }
          if (!reply.raw.writableEnded) reply.raw.write(formatEvent(data, name));
        };
        try {
          const match = await arena.next(principal, params.id, {
            begin: (testCase) => event("case", testCase),
            text: (side, text) => event("delta", { side, text }),
            reset: () => event("reset", {}),
          });
          event("done", match);
        } catch (error) {
          if (!started) throw error;
          const failure =
            error instanceof AppError ? error : new AppError("internal", { requestId: request.id });
          // The failure's name only: its message could quote what was being generated.
          if (!(error instanceof AppError))
            request.log.error(
              { error: error instanceof Error ? error.name : "Error" },
              "arena duel failed",
            );
          event("error", { code: failure.code, message: failure.message });
        }
        reply.raw.end();
        return reply;
      },
    }),
    route({
      method: "POST",
      url: "/api/arena/matches/:id/vote",
      summary: "Voter pour un duel présenté ; les identités et l'impact sont révélés après",
      tags: ["arena"],
      access: "chat",
      params: Params,
      body: VoteInput,
      response: z.object({
        matchId: z.string(),
        choice: z.enum(CHOICES),
        a: Side,
        b: Side,
      }),
      handler: async ({ principal, params, body }) => arena.vote(principal, params.id, body),
    }),
    route({
      method: "GET",
      url: "/api/arena/campaigns/:id/ranking",
      summary: "Le classement (Bradley–Terry, intervalles à 95 %) et le verdict",
      tags: ["arena"],
      access: "authenticated",
      params: Params,
      query: RankingQuery,
      response: Ranking,
      handler: async ({ principal, params, query }) =>
        arena.ranking(principal, params.id, {
          ...(query.seed !== undefined && { seed: query.seed }),
          ...(query.tag !== undefined && { tag: query.tag }),
        }),
    }),
    route({
      method: "POST",
      url: "/api/arena/campaigns/:id/close",
      summary: "Clore une campagne et enregistrer son verdict",
      tags: ["arena"],
      access: "assistants:write",
      params: Params,
      response: Campaign,
      handler: async ({ principal, params }) => arena.close(principal, params.id),
    }),
    route({
      method: "POST",
      url: "/api/arena/campaigns/:id/recommend",
      summary:
        "Faire du gagnant d'une campagne close le modèle recommandé de son cas d'usage (verdict « gain » seulement)",
      tags: ["arena"],
      access: "assistants:write",
      params: Params,
      response: z.object({ useCaseId: z.string(), model: z.string() }),
      handler: async ({ principal, params }) => arena.recommend(principal, params.id),
    }),
    route({
      method: "GET",
      url: "/api/arena/campaigns/:id/export",
      summary: "Les votes anonymisés et le classement, en JSON ou CSV (données ouvertes)",
      tags: ["arena"],
      access: "authenticated",
      params: Params,
      query: ExportQuery,
      // JSON by default; in CSV (`format=csv`), the table asked for as text.
      response: z.union([OpenData, z.string()]),
      handler: async ({ principal, params, query, reply }) => {
        await arena.get(principal, params.id);
        const data = await arena.export(principal, params.id);
        if (query.format === "json") {
          reply.header("content-disposition", `attachment; filename="campagne-${params.id}.json"`);
          return data;
        }
        reply.header("content-type", "text/csv; charset=utf-8");
        reply.header(
          "content-disposition",
          `attachment; filename="campagne-${params.id}-${query.table === "ranking" ? "classement" : "votes"}.csv"`,
        );
        return query.table === "ranking" ? rankingCsv(data) : votesCsv(data);
      },
    }),
  ];
}

type ExportData = Awaited<ReturnType<ArenaService["export"]>>;

/** One line per contender, best first: its score and 95 % interval, votes and wins. */
export function rankingCsv(data: ExportData): string {
  return csvText([
    ["campaign", "rank", "contender", "score", "low", "high", "votes", "wins"],
    ...data.ranking.map((row, index) => [
      data.campaign.id,
      index + 1,
      data.contenders.find((c) => c.position === row.position)?.modelRef ?? "baseline",
      row.score,
      row.low,
      row.high,
      row.votes,
      row.wins,
    ]),
  ]);
}

/** One line per vote; the contenders named by their model (or « baseline »). */
export function votesCsv(data: ExportData): string {
  const name = (position: number) =>
    data.contenders.find((c) => c.position === position)?.modelRef ?? "baseline";
  return csvText([
    ["campaign", "case", "contender_a", "contender_b", "choice", "tags", "minutes_saved", "day"],
    ...data.votes.map((vote) => [
      data.campaign.id,
      vote.case,
      name(vote.a),
      name(vote.b),
      vote.choice,
      vote.tags.join(" "),
      vote.minutesSaved,
      vote.day,
    ]),
  ]);
}
