import { z } from "zod";
import { type RouteDefinition, route } from "../http/index.js";
import { EquivalentsSchema, RangeSchema } from "../impact/index.js";
import type { FiguresService } from "./figures.service.js";

const MonthSchema = z.string().max(20);

/** The period (months, both included; the last twelve by default) and the direction asked for. */
// Months are checked by the service, which says what a period must be (`observatory_period_invalid`).
const FiguresQuerySchema = z.object({
  from: MonthSchema.optional(),
  to: MonthSchema.optional(),
  direction: z.string().min(1).max(100).optional(),
});

/** What every answer starts with: what it covers and whether the threshold hid it. */
const Header = {
  from: z.string(),
  to: z.string(),
  direction: z.object({ id: z.string(), path: z.string() }).nullable(),
  /** The charter's threshold: no figure about fewer agents. */
  minAgents: z.int(),
  /** Agents active over the period in the scope. */
  agents: z.int(),
  /** True when they are fewer than the threshold: every figure below is then withheld. */
  hidden: z.boolean(),
};

/** A group withheld because fewer agents than the threshold stand behind it. */
const Hidden = z.object({ hidden: z.literal(true), agents: z.null() });
const shown = <T extends z.ZodRawShape>(shape: T) =>
  z.union([z.object({ hidden: z.literal(false), agents: z.int(), ...shape }), Hidden]);

const UseFigures = {
  turns: z.number(),
  completed: z.number(),
  refused: z.number(),
  abstained: z.number(),
  validated: z.number(),
  positive: z.number(),
  negative: z.number(),
  minutesSaved: z.number(),
  minutesAnswers: z.number(),
};

const ImpactFigures = {
  turns: z.number(),
  energyKwh: RangeSchema,
  gwpKgCo2e: RangeSchema,
  waterL: RangeSchema,
};

const Adoption = z.object({
  ...Header,
  months: z.array(
    z.object({
      month: z.string(),
      hidden: z.boolean(),
      activeAgents: z.int().nullable(),
      newAgents: z.int().nullable(),
      returning: z.int().nullable(),
    }),
  ),
  directions: z.array(
    z.object({
      directionId: z.string().nullable(),
      directionPath: z.string().nullable(),
      hidden: z.boolean(),
      accounts: z.int().nullable(),
      activeAgents: z.int().nullable(),
      neverUsed: z.int().nullable(),
    }),
  ),
  accounts: z.int().nullable(),
  neverUsed: z.int().nullable(),
  neverUsedNames: z
    .array(
      z.object({
        displayName: z.string(),
        email: z.string(),
        directionPath: z.string().nullable(),
      }),
    )
    .nullable(),
});

const Uses = z.object({
  ...Header,
  totals: z.object(UseFigures).nullable(),
  subjects: z.array(
    shown({
      id: z.string().nullable(),
      name: z.string().nullable(),
      kind: z.enum(["assistant", "usecase"]),
      ...UseFigures,
    }),
  ),
  models: z.array(
    shown({
      modelRef: z.string(),
      sovereignty: z.string().nullable(),
      turns: z.number(),
      energyKwh: RangeSchema,
      gwpKgCo2e: RangeSchema,
    }),
  ),
  classes: z.array(shown({ dataClass: z.string(), ...UseFigures })),
  refusals: z.array(shown({ rule: z.string(), label: z.string(), turns: z.number() })),
});

const Protection = z.object({
  ...Header,
  totalFindings: z.number().nullable(),
  types: z.array(
    shown({
      type: z.string(),
      /** The type's name in French. */
      label: z.string(),
      dataClass: z.string(),
      action: z.string(),
      findings: z.number(),
      turns: z.number(),
    }),
  ),
  actions: z.array(shown({ action: z.string(), turns: z.number() })),
  quarantine: z.object({
    held: z.int(),
    released: z.int(),
    medianReviewHours: z.number().nullable(),
  }),
});

const QuotaLimits = z
  .object({
    requests: z.number().optional(),
    tokens: z.number().optional(),
    wh: z.number().optional(),
    gco2e: z.number().optional(),
  })
  .nullable();

const Impact = z.object({
  ...Header,
  totals: z.object(ImpactFigures).nullable(),
  equivalents: EquivalentsSchema.extend({ waterGlasses: RangeSchema }).nullable(),
  /** The charter's monthly quotas, and who reached one in the period's last month. */
  quotas: z
    .object({
      month: z.string(),
      agent: QuotaLimits,
      direction: QuotaLimits,
      /** Null when fewer agents than the threshold (but some) reached one. */
      agentsAtLimit: z.int().nullable(),
      directionsAtLimit: z.int(),
    })
    .nullable(),
  months: z.array(
    z.union([
      z.object({ month: z.string(), hidden: z.literal(false), ...ImpactFigures }),
      z.object({ month: z.string(), hidden: z.literal(true) }),
    ]),
  ),
  subjects: z.array(
    shown({ id: z.string().nullable(), name: z.string().nullable(), ...ImpactFigures }),
  ),
  models: z.array(
    shown({ modelRef: z.string(), sovereignty: z.string().nullable(), ...ImpactFigures }),
  ),
  sobriety: z
    .object({
      passagesFirstTurns: z.number(),
      smallestModelTurns: z.number(),
      avoidedKwh: RangeSchema.nullable(),
      avoidedShare: z.number().nullable(),
    })
    .nullable(),
});

const Campaign = z.object({
  id: z.string(),
  name: z.string(),
  subjectKind: z.string(),
  subjectId: z.string(),
  subjectName: z.string().nullable(),
  status: z.enum(["open", "closed"]),
  closedAt: z.string().nullable(),
  votes: z.number(),
  verdict: z
    .object({ kind: z.string(), text: z.string(), bestModel: z.string().nullable() })
    .nullable(),
  contenders: z.array(
    z.object({
      label: z.string(),
      score: z.number(),
      low: z.number(),
      high: z.number(),
      votes: z.number(),
    }),
  ),
});

const Battles = z.object({
  ...Header,
  campaigns: z.array(Campaign),
  noGain: z.array(Campaign),
});

const MyUsage = z.object({
  month: z.string(),
  from: z.string(),
  to: z.string(),
  turns: z.int(),
  validated: z.int(),
  energyKwh: RangeSchema,
  gwpKgCo2e: RangeSchema,
  waterL: RangeSchema,
  minutesSaved: z.number(),
  answersWithMinutes: z.int(),
  equivalents: EquivalentsSchema.extend({ waterGlasses: RangeSchema }),
  quotas: z.array(
    z.object({
      level: z.enum(["agent", "direction"]),
      measure: z.enum(["requests", "tokens", "wh", "gco2e"]),
      used: z.number(),
      limit: z.number(),
    }),
  ),
  median: z.object({ turns: z.number().nullable(), agents: z.int() }),
});

/**
 * The observatory's pages: adoption, uses, protection, impact and battles,
 * for a period and a direction. Open to administrators and auditors (every
 * direction) and to referents (their own and below, checked by the service);
 * counts and sums only, groups of too few agents withheld.
 */
export function figuresRoutes(deps: { figures: FiguresService }): RouteDefinition[] {
  const { figures } = deps;
  const section = (
    name: "adoption" | "uses" | "protection" | "impact" | "battles",
    summary: string,
    response: z.ZodType,
  ) =>
    route({
      method: "GET",
      url: `/api/observatory/${name}`,
      summary,
      tags: ["observatory"],
      access: "authenticated",
      query: FiguresQuerySchema,
      response,
      handler: ({ principal, query }) => figures[name](principal, query),
    });
  return [
    route({
      method: "GET",
      url: "/api/me/usage",
      summary:
        "Mon usage du mois en cours : demandes, réponses validées, minutes gagnées, énergie, CO2e et eau avec des équivalents parlants, mes quotas, et la médiane de la collectivité",
      tags: ["observatory"],
      access: "authenticated",
      response: MyUsage,
      handler: ({ principal }) => figures.mine(principal),
    }),
    section(
      "adoption",
      "Adoption : agents actifs par mois, premiers usages, agents revenus, comptes jamais utilisés par direction",
      Adoption,
    ),
    section(
      "uses",
      "Usages par assistant et cas d'usage (noms), modèle et hébergement, classe de données ; validations, avis, minutes gagnées, abstentions, refus et leurs motifs",
      Uses,
    ),
    section(
      "protection",
      "Protection : données personnelles trouvées, pseudonymisées, bloquées, par type et classe (comptes seulement) ; quarantaine et son délai de revue",
      Protection,
    ),
    section(
      "impact",
      "Impact : énergie, CO2e et eau par mois, cas d'usage et modèle ; ce que la sobriété a évité",
      Impact,
    ),
    section(
      "battles",
      "Comparaisons : le verdict et le classement de chaque campagne, les cas d'usage où l'IA n'apporte pas de gain",
      Battles,
    ),
  ];
}
