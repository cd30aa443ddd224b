import { type Principal, within } from "../../identity/index.js";
import { type AuditDetails, auditActor, type RecordAudit } from "../../observatory/index.js";
import type { Clock, Ids } from "../../shared/clock.js";
import { appError } from "../../shared/errors.js";
import {
  parseTemplate,
  renderTemplate,
  TemplateError,
  type TemplateNode,
} from "../usecases/template.js";
import type { Prompt, PromptInput, PromptListQuery, PromptScope } from "./prompt.schema.js";
import type { PromptRow, PromptsRepository } from "./prompts.repository.js";

/** Letters without accents and in lower case, for the library's search. */
const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

/** The body's template, or the French problem as a `prompt_template_invalid` error. */
function parsed(body: string): TemplateNode[] {
  try {
    return parseTemplate(body);
  } catch (error) {
    if (error instanceof TemplateError)
      throw appError("prompt_template_invalid", { problem: error.message });
    throw error;
  }
}

/** The variables a body uses, in order of first use (blocks included). */
function variablesOf(nodes: readonly TemplateNode[]): string[] {
  const names: string[] = [];
  const visit = (list: readonly TemplateNode[]) => {
    for (const node of list) {
      if (node.type === "text") continue;
      if (/^[a-z]/.test(node.name) && !names.includes(node.name)) names.push(node.name);
      if (node.type === "section") visit(node.children);
    }
  };
  visit(nodes);
  return names;
}

/** What the audit log keeps of a prompt: where it is shared. Never its title, body or example. */
const audited = (prompt: { scope: string; directionId: string | null }): AuditDetails => ({
  scope: prompt.scope,
  directionId: prompt.directionId,
});

/**
 * The prompt library. Every agent reads the prompts shared with the whole
 * collectivité, those shared with their direction (or a direction above
 * it), and their own, and may rate and use them; any agent writes prompts
 * for their own use; referents curate their direction's shared prompts
 * (and those below it), administrators every shared prompt. Using a prompt
 * counts it, and nothing of the text is kept.
 */
export class PromptsService {
  constructor(
    private readonly deps: {
      prompts: PromptsRepository;
      /** A direction's path, or undefined when it does not exist. */
      directionPath: (id: string) => Promise<string | undefined>;
      clock: Clock;
      ids: Ids;
      audit?: RecordAudit;
    },
  ) {}

  async list(principal: Principal, query: PromptListQuery): Promise<Prompt[]> {
    const words = fold(query.q ?? "")
      .split(/\s+/)
      .filter(Boolean);
    const prompts = (await this.deps.prompts.listFor(principal.userId))
      .filter((row) => this.mayRead(principal, row))
      .filter((row) => !query.scope || row.scope === query.scope)
      .map((row) => this.present(principal, row))
      .filter((prompt) => {
        if (words.length === 0) return true;
        const text = fold(`${prompt.title} ${prompt.body} ${prompt.example}`);
        return words.every((word) => text.includes(word));
      });
    const by: Record<PromptListQuery["sort"], (a: Prompt, b: Prompt) => number> = {
      popular: (a, b) => b.useCount - a.useCount,
      rated: (a, b) => (b.rating.average ?? 0) - (a.rating.average ?? 0),
      recent: (a, b) => b.updatedAt.localeCompare(a.updatedAt),
      title: () => 0,
    };
    return prompts.sort((a, b) => by[query.sort](a, b) || a.title.localeCompare(b.title, "fr"));
  }

  async get(principal: Principal, id: string): Promise<Prompt> {
    return this.present(principal, await this.readable(principal, id));
  }

  async create(principal: Principal, input: PromptInput): Promise<Prompt> {
    parsed(input.body);
    const directionId = await this.checkScope(principal, input.scope, input.directionId);
    const now = this.deps.clock.now().toISOString();
    const id = this.deps.ids.id();
    await this.deps.prompts.insert({
      id,
      title: input.title,
      body: input.body,
      example: input.example,
      scope: input.scope,
      direction_id: directionId,
      author_id: principal.userId,
      use_count: 0,
      created_at: now,
      updated_at: now,
    });
    const created = await this.get(principal, id);
    await this.deps.audit?.({
      action: "prompt.created",
      target: id,
      actor: auditActor(principal),
      details: audited(created),
    });
    return created;
  }

  async replace(principal: Principal, id: string, input: PromptInput): Promise<Prompt> {
    const current = await this.readable(principal, id);
    this.mayCurate(principal, current.scope, current.direction_path, current.author_id);
    parsed(input.body);
    const directionId = await this.checkScope(principal, input.scope, input.directionId);
    await this.deps.prompts.update(id, {
      title: input.title,
      body: input.body,
      example: input.example,
      scope: input.scope,
      direction_id: directionId,
      updated_at: this.deps.clock.now().toISOString(),
    });
    const updated = await this.get(principal, id);
    const before = this.present(principal, current);
    const changed = (["title", "body", "example", "scope", "directionId"] as const).filter(
      (field) => before[field] !== updated[field],
    );
    if (changed.length > 0) {
      await this.deps.audit?.({
        action: "prompt.updated",
        target: id,
        actor: auditActor(principal),
        details: { changed: [...changed], before: audited(before), after: audited(updated) },
      });
    }
    return updated;
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const current = await this.readable(principal, id);
    this.mayCurate(principal, current.scope, current.direction_path, current.author_id);
    await this.deps.prompts.delete(id);
    await this.deps.audit?.({
      action: "prompt.deleted",
      target: id,
      actor: auditActor(principal),
      details: audited({ scope: current.scope, directionId: current.direction_id }),
    });
  }

  async rate(principal: Principal, id: string, rating: number): Promise<Prompt> {
    await this.readable(principal, id);
    await this.deps.prompts.rate(id, principal.userId, rating, this.deps.clock.now().toISOString());
    return this.get(principal, id);
  }

  /**
   * The prompt with its variables filled, for the composer; counts one use.
   * The values are inserted as data (a `{{` inside one stays as typed) and
   * nothing of them is kept or logged.
   */
  async use(
    principal: Principal,
    id: string,
    values: Record<string, string>,
  ): Promise<{ text: string; useCount: number }> {
    const row = await this.readable(principal, id);
    const nodes = parsed(row.body);
    const missing = variablesOf(nodes).filter((name) => !values[name]?.trim());
    if (missing.length > 0)
      throw appError("prompt_variables_missing", { names: missing.join(", ") });
    const text = renderTemplate(nodes, values);
    return { text, useCount: await this.deps.prompts.countUse(id) };
  }

  private async readable(principal: Principal, id: string): Promise<PromptRow> {
    const row = await this.deps.prompts.byId(id, principal.userId);
    if (!row || !this.mayRead(principal, row)) throw appError("prompt_not_found");
    return row;
  }

  private mayRead(principal: Principal, row: PromptRow): boolean {
    if (row.scope === "collectivite") return true;
    if (row.scope === "personal") return row.author_id === principal.userId;
    return (
      within(principal.directionPath, row.direction_path) ||
      this.curates(principal, "direction", row.direction_path)
    );
  }

  private curates(principal: Principal, scope: PromptScope, directionPath: string | null) {
    // An API key narrowed to chat does not curate, whoever holds it.
    if (!principal.permissions.includes("assistants:write")) return false;
    if (principal.roles.includes("admin")) return true;
    return (
      scope === "direction" &&
      principal.roles.includes("referent") &&
      within(directionPath, principal.directionPath)
    );
  }

  /** Personal prompts belong to their author; shared ones to their curators. */
  private mayCurate(
    principal: Principal,
    scope: string,
    directionPath: string | null,
    authorId: string | null,
  ): void {
    if (scope === "personal") {
      if (authorId === principal.userId) return;
      throw appError("prompt_not_found");
    }
    if (!this.curates(principal, scope as PromptScope, directionPath))
      throw appError("prompt_not_curatable");
  }

  /** Checks the principal may share at this scope; returns the direction kept. */
  private async checkScope(
    principal: Principal,
    scope: PromptScope,
    directionId: string | null,
  ): Promise<string | null> {
    if (scope === "personal") return null;
    if (scope === "collectivite") {
      if (!this.curates(principal, scope, null)) throw appError("prompt_not_curatable");
      return null;
    }
    if (!directionId) throw appError("prompt_direction_required");
    const path = await this.deps.directionPath(directionId);
    if (!path) throw appError("direction_not_found", { direction: directionId });
    if (!this.curates(principal, scope, path)) throw appError("prompt_not_curatable");
    return directionId;
  }

  private present(principal: Principal, row: PromptRow): Prompt {
    const count = Number(row.rating_count);
    const average = row.rating_average === null ? null : Number(row.rating_average);
    let variables: string[] = [];
    try {
      variables = variablesOf(parseTemplate(row.body));
    } catch {
      // Checked when saved; a body that no longer parses lists no variables.
    }
    return {
      id: row.id,
      title: row.title,
      body: row.body,
      example: row.example,
      variables,
      scope: row.scope as PromptScope,
      directionId: row.direction_id,
      directionPath: row.direction_path,
      author:
        row.author_id && row.author_name !== null
          ? { id: row.author_id, displayName: row.author_name }
          : null,
      useCount: Number(row.use_count),
      rating: {
        average: average === null ? null : Math.round(average * 10) / 10,
        count,
        mine: row.my_rating === null ? null : Number(row.my_rating),
      },
      editable:
        row.scope === "personal"
          ? row.author_id === principal.userId
          : this.curates(principal, row.scope as PromptScope, row.direction_path),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}
