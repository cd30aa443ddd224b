import type { UseCase } from "../assistants/index.js";
import { type ModuleContext, servicesOf } from "../context.js";
import type { GuardFinding } from "../guard/index.js";
import type { Principal } from "../identity/index.js";
import { journalStage, type Turn } from "../pipeline/index.js";
import type { ResolvedModel } from "../providers/index.js";
import type { Clock } from "../shared/clock.js";
import { Rounds } from "../shared/rounds.js";
import type { Store } from "../store/index.js";
import type { AuditActor } from "./audit.js";
import { AuditRepository } from "./audit.repository.js";
import { auditRoutes } from "./audit.routes.js";
import { AuditLog } from "./audit.service.js";
import { ExperienceRepository } from "./experience.repository.js";
import { experienceRoutes } from "./experience.routes.js";
import { ExperienceService } from "./experience.service.js";
import { FiguresRepository } from "./figures.repository.js";
import { figuresRoutes } from "./figures.routes.js";
import {
  type Account,
  type CampaignVerdict,
  type FiguresPorts,
  FiguresService,
  type ObservatoryRules,
} from "./figures.service.js";
import { journalRoutes } from "./journal.routes.js";
import { UsageJournal } from "./journal.service.js";
import { OpenDataRepository } from "./opendata.repository.js";
import { registerRoutes } from "./register.routes.js";
import { RegisterService } from "./register.service.js";
import { ReportRepository } from "./report.repository.js";
import { reportRoutes } from "./report.routes.js";
import { ReportService } from "./report.service.js";
import { type RetentionPeriods, RetentionService } from "./retention.service.js";
import { UsageRepository } from "./usage.repository.js";

/**
 * The audit log, built before every other domain: they record their
 * administrative changes through its recorder, which names `actor` when a
 * change comes with no signed-in user (the CLI, or the server itself).
 */
export function auditModule(deps: { store: Store; clock: Clock; actor: AuditActor }) {
  const audit = new AuditLog({ repository: new AuditRepository(deps.store.db), clock: deps.clock });
  const record = audit.recorder(deps.actor);
  return { services: { audit, recordAudit: record }, record, routes: auditRoutes({ audit }) };
}

/**
 * The usage journal and its pipeline stage, and the retention of what the
 * charter keeps for a limited time.
 */
export function observatoryModule(
  { store, clock, log }: ModuleContext,
  ports: {
    /** The quotas' port: gives back a turn's hold with what it consumed. */
    settleQuota: (turn: Turn) => Promise<void>;
  },
) {
  const usage = new UsageRepository(store.db);
  const journal = new UsageJournal({ usage, clock });
  // Started by the server: the records journaled since are added to the observatory's rollups
  // every second (off the turn's path; any reader of the rollups adds them first too).
  const journalRollups = new Rounds({
    run: () => usage.rollUp(),
    everyMs: 1_000,
    log,
    failure: "journal rollups round failed",
  });
  return {
    services: { journal, journalRollups },
    // The last records in the rollups before the store closes.
    stop: async () => {
      await journalRollups.stop();
      await journalRollups.runRound();
    },
    // A turn admitted against quotas gives back its hold with what it consumed, whatever happened.
    stages: {
      journal: journalStage(async (turn) => {
        try {
          await journal.record(turn);
        } finally {
          await ports.settleQuota(turn);
        }
      }),
    },
    ports: {
      /** Keeps the agent's opinion of an answer, and the minutes it saved them, with its turn's record. */
      feedback: (turnId: string, rating: "up" | "down", minutesSaved?: number) =>
        journal.feedback(turnId, rating, minutesSaved),
      validated: (turnId: string) => journal.validated(turnId),
      // A reader shows the rollups as they are when the roll-up fails (the database busy): logged.
      settleJournal: () =>
        usage
          .rollUp()
          .catch((error: unknown) =>
            log.error(
              { error: error instanceof Error ? error.name : "Error" },
              "journal rollups failed",
            ),
          ),
    },
    routes: journalRoutes({ journal, now: () => clock.now() }),
    /** Retention needs the chat domain, built after the pipeline this journal closes. */
    retention: (retentionPorts: {
      purgeConversations: (before: string) => Promise<number>;
      retentionPeriods: () => Promise<RetentionPeriods>;
    }) => ({
      services: {
        retention: new RetentionService({
          usage,
          clock,
          purgeConversations: retentionPorts.purgeConversations,
          periods: retentionPorts.retentionPeriods,
        }),
      },
      routes: [],
    }),
  };
}

/**
 * The observatory's figures (adoption, uses, protection, impact, battles),
 * built last: it reads the other domains' names and verdicts through their
 * ports, and the rollups the journal writes.
 */
export function figuresModule(
  { store, clock, ids, log }: ModuleContext,
  ports: {
    observatoryRules: () => Promise<ObservatoryRules>;
    directions: { list: () => Promise<{ id: string; path: string }[]> };
    accounts: () => Promise<Account[]>;
    subjectNames: () => Promise<Map<string, string>>;
    quarantineReview: () => Promise<{ createdAt: string; releasedAt: string | null }[]>;
    verdicts: () => Promise<CampaignVerdict[]>;
    quotaRules: FiguresPorts["quotaRules"];
    quotaUsage: FiguresPorts["quotaUsage"];
    quotaMonth: FiguresPorts["quotaMonth"];
    settleJournal: () => Promise<void>;
  },
) {
  const figures = new FiguresService({
    figures: new FiguresRepository(store.db),
    ports: {
      settleJournal: ports.settleJournal,
      rules: ports.observatoryRules,
      directions: async () => (await ports.directions.list()).map(({ id, path }) => ({ id, path })),
      accounts: ports.accounts,
      subjectNames: ports.subjectNames,
      quarantine: ports.quarantineReview,
      verdicts: ports.verdicts,
      quotaRules: ports.quotaRules,
      quotaUsage: ports.quotaUsage,
      quotaMonth: ports.quotaMonth,
    },
    now: () => clock.now(),
  });
  // The monthly report, and its generation once a month is over (started by `beffroi serve`).
  const observatoryReports = new ReportService({
    figures,
    reports: new ReportRepository(store.db),
    now: () => clock.now(),
    newClaim: () => ids.id(),
    log,
  });
  // Started by the server: last month's report kept once the month is over (checked every
  // hour; one instance only generates it, see `ReportRepository.claim`).
  const reportScheduler = new Rounds({
    run: () => observatoryReports.generateDue(),
    everyMs: 60 * 60_000,
    log,
    failure: "observatory report round failed",
  });
  return {
    services: { figures, observatoryReports, reportScheduler },
    ports: { figures },
    routes: [...figuresRoutes({ figures }), ...reportRoutes({ reports: observatoryReports })],
    stop: () => reportScheduler.stop(),
  };
}

/**
 * Capitalising experience: « retours d'expérience » on use cases and
 * assistants, and proposals to change the charter or a knowledge base. Built
 * after the assistants (the subjects and the directions that own them); every
 * free text is scanned by the guard's egress scan.
 */
export function experienceModule(
  { store, clock, ids, audit }: ModuleContext,
  ports: {
    assistants: { list: () => Promise<OwnedSubject[]> };
    /** The use cases with their owning direction (the catalogue's summaries). */
    useCaseSummaries: () => Promise<OwnedSubject[]>;
    egress: { scan: (text: string) => Promise<GuardFinding> };
    readableBaseIds: (principal: Principal) => Promise<string[]>;
  },
) {
  const experience = new ExperienceService({
    experience: new ExperienceRepository(store.db),
    ports: {
      subjects: async () => [
        ...(await ports.useCaseSummaries()).map((u) => ({
          kind: "usecase" as const,
          id: u.id,
          name: u.name,
          ownerDirectionPath: u.ownerDirectionPath,
        })),
        ...(await ports.assistants.list()).map((a) => ({
          kind: "assistant" as const,
          id: a.id,
          name: a.name,
          ownerDirectionPath: a.ownerDirectionPath,
        })),
      ],
      scan: (text) => ports.egress.scan(text),
      readableBaseIds: ports.readableBaseIds,
    },
    clock,
    ids,
    audit,
  });
  return { services: { experience }, routes: experienceRoutes({ experience }) };
}

/** A use case or an assistant, as the catalogue lists it: its name and the direction that owns it. */
type OwnedSubject = { id: string; name: string; ownerDirectionPath: string | null };

/**
 * What Beffroi publishes without an account (`publication` in the
 * configuration): the register of its algorithmic processing and the open
 * data of its use, read from the catalogue, the providers, the battles'
 * verdicts and the observatory's rollups.
 */
export function registerModule(
  { config, store, clock }: ModuleContext,
  ports: {
    observatoryRules: () => Promise<ObservatoryRules>;
    providers: { models: (capability: "chat") => Promise<ResolvedModel[]> };
    useCaseDefinitions: () => Promise<UseCase[]>;
    recommendedModel: (id: string) => Promise<string | null>;
    subjectNames: () => Promise<Map<string, string>>;
    verdicts: () => Promise<CampaignVerdict[]>;
    settleJournal: () => Promise<void>;
  },
) {
  const register = new RegisterService({
    figures: new FiguresRepository(store.db),
    openData: new OpenDataRepository(store.db),
    ports: {
      settleJournal: ports.settleJournal,
      useCases: ports.useCaseDefinitions,
      recommendedModel: ports.recommendedModel,
      chatModels: () => ports.providers.models("chat"),
      verdicts: ports.verdicts,
      rules: ports.observatoryRules,
      subjectNames: ports.subjectNames,
    },
    publication: config.publication,
    now: () => clock.now(),
  });
  return {
    services: { register },
    routes: registerRoutes({ register, openData: () => config.publication.openData }),
  };
}

/**
 * The observatory's pages, built last from the other domains' ports by
 * name: the figures and the monthly report, the public register and open
 * data, the experience feedback and proposals.
 */
export function observatoryPagesModule(
  context: ModuleContext,
  ports: Parameters<typeof figuresModule>[1] &
    Parameters<typeof registerModule>[1] &
    Parameters<typeof experienceModule>[1],
) {
  const parts = [
    figuresModule(context, ports),
    registerModule(context, ports),
    experienceModule(context, ports),
  ] as const;
  const [figures] = parts;
  return {
    services: servicesOf(parts),
    ports: figures.ports,
    routes: parts.flatMap((part) => part.routes),
    stop: figures.stop,
  };
}
