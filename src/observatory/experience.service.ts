import { countTypes, type GuardFinding } from "../guard/index.js";
import { type MessageKey, t } from "../i18n/index.js";
import { type Principal, within } from "../identity/index.js";
import type { Clock, Ids } from "../shared/clock.js";
import { appError } from "../shared/errors.js";
import type { ProposalTable } from "../store/index.js";
import { auditActor, type RecordAudit } from "./audit.js";
import type { ExperienceRepository, ReportRow } from "./experience.repository.js";
import type {
  AnswerInput,
  CurationInput,
  ProposalInput,
  ProposalKind,
  ProposalStatus,
  ReportInput,
  ReportStatus,
  SubjectKind,
} from "./experience.schema.js";

/** What a report may be about: a use case or an assistant, with the direction that owns it. */
export interface ExperienceSubject {
  kind: SubjectKind;
  id: string;
  name: string;
  ownerDirectionPath: string | null;
}

/** The ports capitalising experience is built on: the catalogue, the guard, the bases. */
export interface ExperiencePorts {
  /** Every use case and assistant, with its owner direction's path. */
  subjects: () => Promise<ExperienceSubject[]>;
  /** The guard's egress scan of a free text. */
  scan: (text: string) => Promise<GuardFinding>;
  /** The ids of the knowledge bases a principal may read. */
  readableBaseIds: (principal: Principal) => Promise<string[]>;
}

export interface ReportView {
  id: string;
  subjectKind: SubjectKind;
  subjectId: string;
  /** Null when the use case or assistant is gone. */
  subjectName: string | null;
  worked: string;
  didNotWork: string;
  minutesSaved: number | null;
  status: ReportStatus;
  /** The author's direction (never the author's name). */
  directionPath: string | null;
  createdAt: string;
  curatedAt: string | null;
  /** Whether the caller may publish it or set it aside. */
  curatable: boolean;
}

export interface ProposalView {
  id: string;
  kind: ProposalKind;
  baseId: string | null;
  text: string;
  status: ProposalStatus;
  answer: string | null;
  answeredAt: string | null;
  createdAt: string;
}

export interface SubjectFigures {
  kind: SubjectKind;
  id: string;
  name: string | null;
  submitted: number;
  published: number;
  setAside: number;
  /** The mean of the minutes the published reports declare (null: none declares any). */
  minutesSavedMean: number | null;
}

const key = (kind: string, id: string) => `${kind}:${id}`;

const presentProposal = (row: ProposalTable): ProposalView => ({
  id: row.id,
  kind: row.kind as ProposalKind,
  baseId: row.target_base_id,
  text: row.text,
  status: row.status as ProposalStatus,
  answer: row.answer,
  answeredAt: row.answered_at,
  createdAt: row.created_at,
});

/**
 * Capitalising experience: agents file « retours d'expérience » on a use case
 * or an assistant (what worked, what did not, minutes saved), which the
 * administrators and the referents of the owning direction (or above it)
 * publish or set aside; every signed-in person reads the published ones. And
 * proposals to change the charter or a knowledge base, which administrators
 * answer (auditors read them). Every free text is scanned by the guard
 * first: one that is not public is refused, and nothing is stored. Every
 * curation and answer goes to the audit log, with ids only.
 */
export class ExperienceService {
  constructor(
    private readonly deps: {
      experience: ExperienceRepository;
      ports: ExperiencePorts;
      clock: Clock;
      ids: Ids;
      audit?: RecordAudit;
    },
  ) {}

  /** Files a report on a use case or an assistant: submitted, for curators to publish. */
  async file(actor: Principal, input: ReportInput): Promise<ReportView> {
    if ((input.useCaseId === undefined) === (input.assistantId === undefined))
      throw appError("experience_subject_required");
    const kind: SubjectKind = input.assistantId !== undefined ? "assistant" : "usecase";
    const id = input.assistantId ?? input.useCaseId ?? "";
    const subjects = await this.subjects();
    if (!subjects.has(key(kind, id)))
      throw kind === "assistant"
        ? appError("assistant_not_found")
        : appError("usecase_not_found", { id });
    await this.mustBePublic("worked", input.worked);
    await this.mustBePublic("didNotWork", input.didNotWork);
    const row = {
      id: this.deps.ids.id(),
      subject_kind: kind,
      subject_id: id,
      author_id: actor.userId,
      direction_id: actor.directionId,
      worked: input.worked,
      did_not_work: input.didNotWork,
      minutes_saved: input.minutesSaved ?? null,
      status: "submitted",
      curated_by: null,
      curated_at: null,
      created_at: this.deps.clock.now().toISOString(),
    };
    await this.deps.experience.insertReport(row);
    return this.present(actor, subjects, { ...row, direction_path: actor.directionPath });
  }

  /** The caller's own reports, whatever their status. */
  async mine(actor: Principal): Promise<ReportView[]> {
    return this.views(actor, await this.deps.experience.listReports({ authorId: actor.userId }));
  }

  /** The published reports, every one or a subject's. */
  async published(
    actor: Principal,
    subject?: { kind: SubjectKind; id: string },
  ): Promise<ReportView[]> {
    return this.views(
      actor,
      await this.deps.experience.listReports({ status: "published", ...(subject && { subject }) }),
    );
  }

  /** The submitted reports the caller may curate (every one for administrators). */
  async queue(actor: Principal): Promise<ReportView[]> {
    if (!actor.permissions.includes("assistants:write")) throw appError("forbidden");
    const views = await this.views(
      actor,
      await this.deps.experience.listReports({ status: "submitted" }),
    );
    return views.filter((view) => view.curatable);
  }

  /** Publishes a report or sets it aside (a published one may be set aside later, and back). */
  async curate(actor: Principal, id: string, input: CurationInput): Promise<ReportView> {
    const row = await this.deps.experience.report(id);
    if (!row) throw appError("experience_not_found");
    const subjects = await this.subjects();
    if (!this.mayCurate(actor, subjects.get(key(row.subject_kind, row.subject_id))))
      throw appError("experience_not_curatable");
    const curatedAt = this.deps.clock.now().toISOString();
    const change = { status: input.status, curated_by: actor.userId, curated_at: curatedAt };
    if (!(await this.deps.experience.curate(id, change))) throw appError("experience_not_found");
    await this.deps.audit?.({
      action: input.status === "published" ? "experience.published" : "experience.set-aside",
      target: id,
      actor: auditActor(actor),
      details: { subject: key(row.subject_kind, row.subject_id), before: row.status },
    });
    return this.present(actor, subjects, { ...row, ...change });
  }

  /**
   * For the observatory (administrators, auditors, referents): the
   * published reports, and per use case or assistant the reports by status
   * and the mean minutes saved the published ones declare.
   */
  async observatory(
    actor: Principal,
  ): Promise<{ subjects: SubjectFigures[]; reports: ReportView[] }> {
    if (!actor.permissions.includes("audit:read") && !actor.roles.includes("referent"))
      throw appError("observatory_forbidden");
    const subjects = await this.subjects();
    const figures = new Map<string, SubjectFigures & { minutes: number; timed: number }>();
    for (const row of await this.deps.experience.counts()) {
      const at = key(row.subject_kind, row.subject_id);
      const entry = figures.get(at) ?? {
        kind: row.subject_kind as SubjectKind,
        id: row.subject_id,
        name: subjects.get(at)?.name ?? null,
        submitted: 0,
        published: 0,
        setAside: 0,
        minutesSavedMean: null,
        minutes: 0,
        timed: 0,
      };
      if (row.status === "submitted") entry.submitted += row.reports;
      if (row.status === "set-aside") entry.setAside += row.reports;
      if (row.status === "published") {
        entry.published += row.reports;
        entry.minutes += row.minutes_total;
        entry.timed += row.minutes_reports;
      }
      figures.set(at, entry);
    }
    return {
      subjects: [...figures.values()]
        .map(({ minutes, timed, ...entry }) => ({
          ...entry,
          minutesSavedMean: timed > 0 ? Math.round((minutes / timed) * 10) / 10 : null,
        }))
        .sort(
          (a, b) => b.published - a.published || (a.name ?? a.id).localeCompare(b.name ?? b.id),
        ),
      reports: await this.published(actor),
    };
  }

  /** A proposal to change the charter, or a knowledge base the author may read. */
  async propose(actor: Principal, input: ProposalInput): Promise<ProposalView> {
    let baseId: string | null = null;
    if (input.kind === "base") {
      if (input.baseId === undefined) throw appError("proposal_base_required");
      if (!(await this.deps.ports.readableBaseIds(actor)).includes(input.baseId))
        throw appError("knowledge_base_not_found", { name: input.baseId });
      baseId = input.baseId;
    }
    await this.mustBePublic("proposal", input.text);
    const row: ProposalTable = {
      id: this.deps.ids.id(),
      kind: input.kind,
      target_base_id: baseId,
      text: input.text,
      author_id: actor.userId,
      status: "open",
      answer: null,
      answered_by: null,
      answered_at: null,
      created_at: this.deps.clock.now().toISOString(),
    };
    await this.deps.experience.insertProposal(row);
    return presentProposal(row);
  }

  /** The caller's proposals, with their answers. */
  async myProposals(actor: Principal): Promise<ProposalView[]> {
    return (await this.deps.experience.listProposals({ authorId: actor.userId })).map(
      presentProposal,
    );
  }

  /** Every proposal (or those of a status), for administrators and auditors. */
  async proposals(status?: ProposalStatus): Promise<ProposalView[]> {
    return (await this.deps.experience.listProposals(status === undefined ? {} : { status })).map(
      presentProposal,
    );
  }

  /** An administrator's answer: accepted or declined, with a short text; once. */
  async answer(actor: Principal, id: string, input: AnswerInput): Promise<ProposalView> {
    const row = await this.deps.experience.proposal(id);
    if (!row) throw appError("proposal_not_found");
    if (row.status !== "open") throw appError("proposal_already_answered");
    await this.mustBePublic("answer", input.answer);
    const change = {
      status: input.decision,
      answer: input.answer,
      answered_by: actor.userId,
      answered_at: this.deps.clock.now().toISOString(),
    };
    if (!(await this.deps.experience.answer(id, change)))
      throw appError("proposal_already_answered");
    await this.deps.audit?.({
      action: input.decision === "accepted" ? "proposal.accepted" : "proposal.declined",
      target: id,
      actor: auditActor(actor),
      details: { kind: row.kind, baseId: row.target_base_id },
    });
    return presentProposal({ ...row, ...change });
  }

  /** Refuses a free text the guard does not find public, naming the field and the types found. */
  private async mustBePublic(
    field: "worked" | "didNotWork" | "proposal" | "answer",
    text: string,
  ): Promise<void> {
    if (text === "") return;
    const finding = await this.deps.ports.scan(text);
    if (finding.dataClass === "public") return;
    const certain = finding.spans.filter((span) => span.certainty !== "possible");
    const types = countTypes(certain.length > 0 ? certain : finding.spans);
    throw appError(
      "experience_personal_data",
      {
        field: t(`experience.field.${field}` as MessageKey),
        types: types.map(({ label }) => label).join(", "),
      },
      { field, types: types.map(({ type }) => type) },
    );
  }

  private async subjects(): Promise<Map<string, ExperienceSubject>> {
    return new Map(
      (await this.deps.ports.subjects()).map((subject) => [key(subject.kind, subject.id), subject]),
    );
  }

  /** Administrators curate every report; referents those on what their direction (or one below) owns. */
  private mayCurate(actor: Principal, subject: ExperienceSubject | undefined): boolean {
    if (!actor.permissions.includes("assistants:write")) return false;
    if (actor.roles.includes("admin")) return true;
    return (
      subject !== undefined &&
      actor.roles.includes("referent") &&
      within(subject.ownerDirectionPath, actor.directionPath)
    );
  }

  private async views(actor: Principal, rows: ReportRow[]): Promise<ReportView[]> {
    const subjects = await this.subjects();
    return rows.map((row) => this.present(actor, subjects, row));
  }

  private present(
    actor: Principal,
    subjects: Map<string, ExperienceSubject>,
    row: ReportRow,
  ): ReportView {
    const subject = subjects.get(key(row.subject_kind, row.subject_id));
    return {
      id: row.id,
      subjectKind: row.subject_kind as SubjectKind,
      subjectId: row.subject_id,
      subjectName: subject?.name ?? null,
      worked: row.worked,
      didNotWork: row.did_not_work,
      minutesSaved: row.minutes_saved,
      status: row.status as ReportStatus,
      directionPath: row.direction_path,
      createdAt: row.created_at,
      curatedAt: row.curated_at,
      curatable: this.mayCurate(actor, subject),
    };
  }
}
