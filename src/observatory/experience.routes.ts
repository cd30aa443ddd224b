import { z } from "zod";
import { type RouteDefinition, route } from "../http/index.js";
import {
  AnswerInput,
  CurationInput,
  PROPOSAL_KINDS,
  PROPOSAL_STATUSES,
  ProposalInput,
  REPORT_STATUSES,
  ReportInput,
  SUBJECT_KINDS,
} from "./experience.schema.js";
import type { ExperienceService } from "./experience.service.js";

const Params = z.object({ id: z.string().min(1).max(100) });

const Report = z.object({
  id: z.string(),
  subjectKind: z.enum(SUBJECT_KINDS),
  subjectId: z.string(),
  subjectName: z.string().nullable(),
  worked: z.string(),
  didNotWork: z.string(),
  minutesSaved: z.number().nullable(),
  status: z.enum(REPORT_STATUSES),
  directionPath: z.string().nullable(),
  createdAt: z.string(),
  curatedAt: z.string().nullable(),
  curatable: z.boolean(),
});

const Proposal = z.object({
  id: z.string(),
  kind: z.enum(PROPOSAL_KINDS),
  baseId: z.string().nullable(),
  text: z.string(),
  status: z.enum(PROPOSAL_STATUSES),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
});

/** The published reports of one use case or one assistant, or every one. */
const PublishedQuery = z.object({
  useCaseId: z.string().min(1).max(100).optional(),
  assistantId: z.string().min(1).max(100).optional(),
});

const Observatory = z.object({
  subjects: z.array(
    z.object({
      kind: z.enum(SUBJECT_KINDS),
      id: z.string(),
      name: z.string().nullable(),
      submitted: z.int(),
      published: z.int(),
      setAside: z.int(),
      minutesSavedMean: z.number().nullable(),
    }),
  ),
  reports: z.array(Report),
});

/**
 * « Retours d'expérience » and proposals: agents (`chat`) file reports and
 * proposals and read their own; referents and administrators
 * (`assistants:write`, the service checks the direction) curate reports;
 * everyone signed in reads the published ones; the observatory lists them
 * with counts per subject; administrators answer proposals
 * (`settings:write`), auditors read them (`audit:read`).
 */
export function experienceRoutes(deps: { experience: ExperienceService }): RouteDefinition[] {
  const { experience } = deps;
  return [
    route({
      method: "POST",
      url: "/api/experiences",
      summary: "Déposer un retour d'expérience sur un cas d'usage ou un assistant",
      tags: ["experience"],
      access: "chat",
      body: ReportInput,
      response: Report,
      status: 201,
      handler: async ({ principal, body }) => experience.file(principal, body),
    }),
    route({
      method: "GET",
      url: "/api/experiences",
      summary: "Les retours d'expérience publiés, de tous les cas d'usage ou d'un seul",
      tags: ["experience"],
      access: "authenticated",
      query: PublishedQuery,
      response: Report.array(),
      handler: async ({ principal, query }) =>
        experience.published(
          principal,
          query.assistantId !== undefined
            ? { kind: "assistant", id: query.assistantId }
            : query.useCaseId !== undefined
              ? { kind: "usecase", id: query.useCaseId }
              : undefined,
        ),
    }),
    route({
      method: "GET",
      url: "/api/experiences/mine",
      summary: "Mes retours d'expérience et leur état",
      tags: ["experience"],
      access: "chat",
      response: Report.array(),
      handler: async ({ principal }) => experience.mine(principal),
    }),
    route({
      method: "GET",
      url: "/api/experiences/queue",
      summary: "Les retours d'expérience à publier ou à écarter (ceux que je peux traiter)",
      tags: ["experience"],
      access: "assistants:write",
      response: Report.array(),
      handler: async ({ principal }) => experience.queue(principal),
    }),
    route({
      method: "POST",
      url: "/api/experiences/:id/curation",
      summary: "Publier un retour d'expérience, ou l'écarter",
      tags: ["experience"],
      access: "assistants:write",
      params: Params,
      body: CurationInput,
      response: Report,
      handler: async ({ principal, params, body }) => experience.curate(principal, params.id, body),
    }),
    route({
      method: "GET",
      url: "/api/observatory/experiences",
      summary:
        "Observatoire : les retours d'expérience publiés, et par cas d'usage ou assistant les retours reçus, publiés, écartés et les minutes gagnées déclarées",
      tags: ["observatory"],
      access: "authenticated",
      response: Observatory,
      handler: async ({ principal }) => experience.observatory(principal),
    }),
    route({
      method: "POST",
      url: "/api/proposals",
      summary: "Proposer une évolution de la charte ou d'une base de connaissances",
      tags: ["experience"],
      access: "chat",
      body: ProposalInput,
      response: Proposal,
      status: 201,
      handler: async ({ principal, body }) => experience.propose(principal, body),
    }),
    route({
      method: "GET",
      url: "/api/proposals/mine",
      summary: "Mes propositions d'évolution et leurs réponses",
      tags: ["experience"],
      access: "chat",
      response: Proposal.array(),
      handler: async ({ principal }) => experience.myProposals(principal),
    }),
    route({
      method: "GET",
      url: "/api/proposals",
      summary: "Toutes les propositions d'évolution (administrateurs, auditeurs)",
      tags: ["experience"],
      access: "audit:read",
      query: z.object({ status: z.enum(PROPOSAL_STATUSES).optional() }),
      response: Proposal.array(),
      handler: async ({ query }) => experience.proposals(query.status),
    }),
    route({
      method: "POST",
      url: "/api/proposals/:id/answer",
      summary: "Répondre à une proposition d'évolution : l'accepter ou la refuser",
      tags: ["experience"],
      access: "settings:write",
      params: Params,
      body: AnswerInput,
      response: Proposal,
      handler: async ({ principal, params, body }) => experience.answer(principal, params.id, body),
    }),
  ];
}
