import { type Principal, within } from "../identity/index.js";
import { type AuditDetails, auditActor, type RecordAudit } from "../observatory/index.js";
import type { TurnAssistant } from "../pipeline/index.js";
import type { Clock, Ids } from "../shared/clock.js";
import { appError } from "../shared/errors.js";
import { isUniqueViolation } from "../store/index.js";
import {
  type Assistant,
  type AssistantInput,
  type AssistantView,
  defaultGrounding,
} from "./assistant.schema.js";
import type { AssistantRow, AssistantsRepository } from "./assistants.repository.js";

/** The principal, or the local CLI (trusted: it runs with the server's own rights). */
export type Actor = Principal | "cli";

export const DEFAULT_ASSISTANT_NAME = "Assistant général";

const DEFAULT_INSTRUCTIONS = [
  "Tu es l'assistant des agents d'une collectivité territoriale française.",
  "Réponds en français, clairement et brièvement, dans un registre administratif courtois.",
  "Quand des sources te sont fournies, appuie-toi uniquement sur elles et cite-les par leur numéro entre crochets, par exemple [1].",
  "Si tu ne sais pas, dis-le : n'invente ni chiffre, ni date, ni référence.",
  "L'agent reste responsable de ce qu'il produit : ta réponse est un brouillon qu'il vérifie.",
].join("\n");

const present = (row: AssistantRow): Assistant => ({
  id: row.id,
  name: row.name,
  description: row.description,
  instructions: row.instructions,
  knowledgeBaseIds: JSON.parse(row.knowledge_base_ids) as string[],
  preferredModels: JSON.parse(row.preferred_models) as string[],
  audience: row.audience as Assistant["audience"],
  category: row.category as Assistant["category"],
  grounding: row.grounding as Assistant["grounding"],
  requiresValidation: row.requires_validation === 1,
  ownerDirectionId: row.owner_direction_id,
  ownerDirectionPath: row.owner_direction_path,
  isDefault: row.is_default === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/**
 * What the audit log keeps of an assistant: its settings. Never its name,
 * description or instructions (free text, which may name people); an edit
 * of those is recorded by the field's name only.
 */
const AUDITED_FIELDS = [
  "audience",
  "category",
  "grounding",
  "knowledgeBaseIds",
  "ownerDirectionId",
  "preferredModels",
  "requiresValidation",
] as const;
const EDITABLE_FIELDS = ["name", "description", "instructions", ...AUDITED_FIELDS] as const;

const audited = (assistant: Assistant, fields: readonly string[]): AuditDetails =>
  Object.fromEntries(
    AUDITED_FIELDS.filter((field) => fields.includes(field)).map((field) => [
      field,
      assistant[field],
    ]),
  );

/** The fields an edit changed (names only), and the audited ones' values before and after. */
function changesOf(before: Assistant, after: Assistant): AuditDetails {
  const changed = EDITABLE_FIELDS.filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  ).sort();
  return { changed, before: audited(before, changed), after: audited(after, changed) };
}

/**
 * Assistants: named use cases (instructions, bound knowledge bases, models in
 * order of preference, audience, category, validation). Every agent may use
 * them; administrators manage all of them, referents those of their
 * direction (or below it).
 */
export class AssistantsService {
  constructor(
    private readonly deps: {
      assistants: AssistantsRepository;
      /** Whether a model ref names a registered model (checked when an assistant is saved). */
      modelExists: (ref: string) => Promise<boolean>;
      /** Whether a knowledge base exists. */
      baseExists: (id: string) => Promise<boolean>;
      /** A direction's path, or undefined when it does not exist. */
      directionPath: (id: string) => Promise<string | undefined>;
      /** The ids of the knowledge bases a principal may read. */
      readableBaseIds: (principal: Principal) => Promise<string[]>;
      clock: Clock;
      ids: Ids;
      /** The audit log: assistants created, edited, deleted. */
      audit?: RecordAudit;
    },
  ) {}

  /** Every assistant, whole: for the pipeline and the services that run them. */
  async list(): Promise<Assistant[]> {
    return (await this.deps.assistants.list()).map(present);
  }

  /** Every assistant as the principal may see it (see {@link AssistantView}). */
  async listFor(principal: Principal): Promise<AssistantView[]> {
    const view = await this.viewer(principal);
    return (await this.list()).map(view);
  }

  /** One assistant as the principal may see it. */
  async getFor(principal: Principal, id: string): Promise<AssistantView> {
    const view = await this.viewer(principal);
    return view(await this.get(id));
  }

  /**
   * Those who manage assistants see them whole. The others see what they
   * need to choose one: its instructions (which may hold a direction's
   * internal rules) are left out, and so are the bases they may not read.
   */
  private async viewer(principal: Principal): Promise<(assistant: Assistant) => AssistantView> {
    if (principal.permissions.includes("assistants:write")) return (assistant) => assistant;
    const readable = new Set(await this.deps.readableBaseIds(principal));
    return ({ instructions: _, knowledgeBaseIds, ...rest }) => ({
      ...rest,
      knowledgeBaseIds: knowledgeBaseIds.filter((id) => readable.has(id)),
    });
  }

  async get(id: string): Promise<Assistant> {
    const row = await this.deps.assistants.byId(id);
    if (!row) throw appError("assistant_not_found");
    return present(row);
  }

  /** The default assistant, created on first need ("Assistant général"). */
  async defaultAssistant(): Promise<Assistant> {
    const existing = await this.deps.assistants.defaultOne();
    if (existing) return present(existing);
    const now = this.deps.clock.now().toISOString();
    try {
      await this.deps.assistants.insert({
        id: this.deps.ids.id(),
        name: DEFAULT_ASSISTANT_NAME,
        description:
          "Rédaction, reformulation, synthèse et questions générales ; cherche dans les bases de connaissances ouvertes à l'agent.",
        instructions: DEFAULT_INSTRUCTIONS,
        knowledge_base_ids: "[]",
        preferred_models: "[]",
        audience: "agents",
        category: "general",
        // Asked for anything: it drafts and rewrites, and uses the bases when they answer.
        grounding: "preferred",
        requires_validation: 1,
        owner_direction_id: null,
        is_default: 1,
        created_at: now,
        updated_at: now,
      });
    } catch (error) {
      // Another instance created it first.
      if (!isUniqueViolation(error)) throw error;
    }
    const created = await this.deps.assistants.defaultOne();
    if (!created) throw new Error("default assistant missing");
    return present(created);
  }

  async create(actor: Actor, input: AssistantInput): Promise<Assistant> {
    await this.check(actor, input);
    const now = this.deps.clock.now().toISOString();
    const id = this.deps.ids.id();
    try {
      await this.deps.assistants.insert({
        id,
        ...this.columns(input),
        is_default: 0,
        created_at: now,
        updated_at: now,
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw appError("assistant_exists", { name: input.name });
      throw error;
    }
    const created = await this.get(id);
    await this.deps.audit?.({
      action: "assistant.created",
      target: id,
      actor: auditActor(actor),
      details: audited(created, AUDITED_FIELDS),
    });
    return created;
  }

  async replace(actor: Actor, id: string, input: AssistantInput): Promise<Assistant> {
    const current = await this.get(id);
    this.mayManage(actor, current.ownerDirectionPath);
    await this.check(actor, input);
    try {
      await this.deps.assistants.update(id, {
        ...this.columns(input),
        updated_at: this.deps.clock.now().toISOString(),
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw appError("assistant_exists", { name: input.name });
      throw error;
    }
    const updated = await this.get(id);
    const details = changesOf(current, updated);
    if ((details.changed as string[]).length > 0) {
      await this.deps.audit?.({
        action: "assistant.updated",
        target: id,
        actor: auditActor(actor),
        details,
      });
    }
    return updated;
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const current = await this.get(id);
    this.mayManage(actor, current.ownerDirectionPath);
    if (current.isDefault) throw appError("assistant_default");
    await this.deps.assistants.delete(id);
    await this.deps.audit?.({
      action: "assistant.deleted",
      target: id,
      actor: auditActor(actor),
      details: audited(current, ["ownerDirectionId", "category", "audience"]),
    });
  }

  private columns(input: AssistantInput) {
    return {
      name: input.name,
      description: input.description,
      instructions: input.instructions,
      knowledge_base_ids: JSON.stringify([...new Set(input.knowledgeBaseIds)]),
      preferred_models: JSON.stringify([...new Set(input.preferredModels)]),
      audience: input.audience,
      category: input.category,
      grounding: input.grounding ?? defaultGrounding(input.category),
      requires_validation: input.requiresValidation ? 1 : 0,
      owner_direction_id: input.ownerDirectionId,
    };
  }

  /** Checks rights and references; returns the owner direction's path. */
  private async check(actor: Actor, input: AssistantInput): Promise<string | null> {
    let ownerPath: string | null = null;
    if (input.ownerDirectionId) {
      const path = await this.deps.directionPath(input.ownerDirectionId);
      if (!path) throw appError("direction_not_found", { direction: input.ownerDirectionId });
      ownerPath = path;
    }
    this.mayManage(actor, ownerPath);
    for (const ref of input.preferredModels) {
      if (!(await this.deps.modelExists(ref)))
        throw appError("assistant_model_unknown", { model: ref });
    }
    for (const base of input.knowledgeBaseIds) {
      if (!(await this.deps.baseExists(base))) {
        throw appError("knowledge_base_unknown", { id: base });
      }
    }
    return ownerPath;
  }

  private mayManage(actor: Actor, ownerPath: string | null): void {
    if (actor === "cli") return;
    if (!actor.permissions.includes("assistants:write")) throw appError("forbidden");
    if (actor.roles.includes("admin")) return;
    if (actor.roles.includes("referent") && within(ownerPath, actor.directionPath)) return;
    throw appError("assistant_not_manageable");
  }
}

/** What the pipeline needs of an assistant. The default one searches every base the agent may read. */
export function turnAssistant(assistant: Assistant): TurnAssistant {
  return {
    id: assistant.id,
    name: assistant.name,
    instructions: assistant.instructions,
    knowledgeBases: assistant.isDefault ? "all" : assistant.knowledgeBaseIds,
    preferredModels: assistant.preferredModels,
    requiresValidation: assistant.requiresValidation,
    audience: assistant.audience,
    category: assistant.category,
    grounding: assistant.grounding,
  };
}
