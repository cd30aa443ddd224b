import { parse } from "yaml";
import type { Principal } from "../identity/index.js";
import type { CharterPort } from "../pipeline/index.js";
import type { Clock } from "../shared/clock.js";
import { AppError, appError } from "../shared/errors.js";
import { isUniqueViolation } from "../store/index.js";
import { type CharterDifferences, charterDifferences } from "./charter.preview.js";
import type { CharterRepository } from "./charter.repository.js";
import { type Charter, CharterSchema, completeMatrix } from "./charter.schema.js";
import { type DataMatrix, type DataPolicy, matrixPolicy } from "./matrix.js";
import { isTemplateName, TEMPLATE_NAMES, type TemplateName, templateYaml } from "./templates.js";

export interface CharterVersion {
  version: number;
  title: string;
  yaml: string;
  charter: Charter;
  /** Top-level keys that differ from the previous version. */
  changes: string[];
  createdBy: string | null;
  createdAt: string;
}

/** Told of every new version (the audit log). */
export type CharterChanged = (change: {
  actor: Principal | null;
  version: number;
  changes: string[];
}) => Promise<void>;

/** The charter a fresh installation starts with. */
export const INITIAL_TEMPLATE: TemplateName = "balanced";

/** The YAML read and checked against the schema; every problem listed at once, in French. */
export function parseCharter(yaml: string): Charter {
  let data: unknown;
  try {
    data = parse(yaml);
  } catch (error) {
    throw appError("charter_yaml", { reason: (error as Error).message.split("\n")[0] ?? "" });
  }
  const parsed = CharterSchema.safeParse(data ?? {});
  if (!parsed.success) {
    throw appError("charter_invalid", {
      problems: parsed.error.issues
        .map((issue) => `${issue.path.join(".") || "(racine)"} : ${issue.message}`)
        .join(" ; "),
    });
  }
  return parsed.data;
}

/** Top-level keys whose value differs between two charters. */
function changedKeys(before: Charter | undefined, after: Charter): string[] {
  return Object.keys(after).filter(
    (key) =>
      JSON.stringify(before?.[key as keyof Charter]) !==
      JSON.stringify(after[key as keyof Charter]),
  );
}

/**
 * The collectivité's usage charter, as data: versions saved by
 * administrators (none lost: each save is a new version), the current one
 * read at each request so that a change takes effect on the next request on
 * every instance, agents' acceptances per version, and the rules it gives a
 * principal (the pilot group's matrix for its members).
 */
export class CharterService {
  private readonly parsed = new Map<number, Charter>();

  constructor(
    private readonly deps: {
      repository: CharterRepository;
      clock: Clock;
      onChange?: CharterChanged;
      /**
       * Told when an acceptance is recorded otherwise than by the agent on the
       * page: by an administrator or the CLI for an account (`actor` them, or
       * null for the CLI), or through the account's own API key.
       */
      onAcceptedFor?: (event: {
        actor: Principal | null;
        userId: string;
        version: number;
      }) => Promise<void>;
    },
  ) {}

  /** The current version; a fresh installation gets the balanced template as version 1. */
  async current(): Promise<CharterVersion> {
    const row = await this.deps.repository.latest();
    if (row) return this.present(row);
    try {
      await this.save(null, templateYaml(INITIAL_TEMPLATE), 1);
    } catch (error) {
      // Another instance installed it first.
      if (!isUniqueViolation(error)) throw error;
    }
    return this.current();
  }

  async version(version: number): Promise<CharterVersion> {
    const row = await this.deps.repository.byVersion(version);
    if (!row) throw appError("charter_version_unknown", { version });
    return this.present(row);
  }

  async versions(): Promise<Omit<CharterVersion, "yaml" | "charter">[]> {
    return (await this.deps.repository.list()).map((row) => ({
      version: row.version,
      title: row.title,
      changes: JSON.parse(row.changes) as string[],
      createdBy: row.created_by,
      createdAt: row.created_at,
    }));
  }

  /** Saves a new version (validated first); takes effect on the next request. */
  async update(actor: Principal | null, yaml: string): Promise<CharterVersion> {
    parseCharter(yaml);
    for (let attempt = 0; attempt < 5; attempt++) {
      const latest = await this.deps.repository.latest();
      try {
        return await this.save(actor, yaml, (latest?.version ?? 0) + 1);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    throw new AppError("charter_conflict");
  }

  templates(): { name: TemplateName; yaml: string }[] {
    return TEMPLATE_NAMES.map((name) => ({ name, yaml: templateYaml(name) }));
  }

  template(name: string): string {
    if (!isTemplateName(name)) {
      throw appError("charter_template_unknown", { name, names: TEMPLATE_NAMES.join(", ") });
    }
    return templateYaml(name);
  }

  /**
   * Records that the account accepted the current version; returns it. `by`
   * is who recorded it when not the agent on the page (an administrator, the
   * CLI: null, the account's own API key): the audit log keeps it.
   */
  async accept(
    userId: string,
    by?: { actor: Principal | null },
  ): Promise<{ version: number; acceptedAt: string }> {
    const { version } = await this.current();
    await this.deps.repository.accept(userId, version, this.deps.clock.now().toISOString());
    if (by) await this.deps.onAcceptedFor?.({ actor: by.actor, userId, version });
    return { version, acceptedAt: (await this.deps.repository.acceptedAt(userId, version)) ?? "" };
  }

  async acceptedAt(userId: string, version: number): Promise<string | undefined> {
    return this.deps.repository.acceptedAt(userId, version);
  }

  /**
   * For an agent who has not accepted `current` yet: the version they last
   * accepted, when, and how the current one differs from it; null when they
   * never accepted one (nothing to compare with) or already accepted it.
   */
  async sinceAccepted(
    userId: string,
    current: CharterVersion,
  ): Promise<({ version: number; acceptedAt: string } & CharterDifferences) | null> {
    if (await this.acceptedAt(userId, current.version)) return null;
    const last = await this.deps.repository.lastAcceptedBefore(userId, current.version);
    if (!last) return null;
    const before = await this.version(last.version);
    return { ...last, ...charterDifferences(before.charter, current.charter) };
  }

  /** Whether the principal belongs to the charter's pilot group. */
  inPilot(charter: Charter, principal: Principal): boolean {
    const pilot = charter.pilot;
    if (!pilot) return false;
    const path = principal.directionPath;
    return (
      pilot.users.some((email) => email.toLowerCase() === principal.email.toLowerCase()) ||
      (path !== null &&
        pilot.directions.some(
          (direction) => path === direction || path.startsWith(`${direction}/`),
        ))
    );
  }

  /** The data matrix that applies to this principal. */
  matrixFor(charter: Charter, principal: Principal): DataMatrix {
    const matrix = completeMatrix(charter.dataMatrix);
    return this.inPilot(charter, principal)
      ? completeMatrix(charter.pilot?.dataMatrix, matrix)
      : matrix;
  }

  /** The current charter's policy for a principal (for what does not walk the pipeline: embeddings). */
  async policyFor(principal: Principal): Promise<DataPolicy> {
    return matrixPolicy(this.matrixFor((await this.current()).charter, principal));
  }

  /** The charter stage's port. */
  readonly port: CharterPort = {
    rulesFor: async (principal) => {
      const { version, title, charter } = await this.current();
      const validation = charter.humanValidation;
      return {
        turn: {
          version,
          title,
          dataMatrix: this.matrixFor(charter, principal),
          validationLabel: validation.label,
          disclosure: charter.disclosure,
          sobriety: charter.sobriety,
        },
        quotas: charter.quotas,
        citizensAllowed: charter.audiences.citizens,
        forbiddenCategories: charter.forbiddenCategories,
        toolUse: charter.toolUse,
        requiresValidation: (assistantId, own) =>
          validation.assistants === "all" || validation.assistants.includes(assistantId) || own,
        pilot: this.inPilot(charter, principal),
      };
    },
    accepted: async (userId, version) =>
      (await this.deps.repository.acceptedAt(userId, version)) !== undefined,
  };

  private async save(actor: Principal | null, yaml: string, version: number) {
    const charter = parseCharter(yaml);
    const previous = version > 1 ? await this.deps.repository.byVersion(version - 1) : undefined;
    const changes = changedKeys(previous && this.charterOf(previous), charter);
    const row = {
      version,
      yaml,
      title: charter.title,
      changes: JSON.stringify(changes),
      created_by: actor?.userId ?? null,
      created_at: this.deps.clock.now().toISOString(),
    };
    await this.deps.repository.insert(row);
    await this.deps.onChange?.({ actor, version, changes });
    return this.present(row);
  }

  private charterOf(row: { version: number; yaml: string }): Charter {
    let charter = this.parsed.get(row.version);
    if (!charter) {
      charter = parseCharter(row.yaml);
      this.parsed.set(row.version, charter);
    }
    return charter;
  }

  private present(row: {
    version: number;
    yaml: string;
    title: string;
    changes: string;
    created_by: string | null;
    created_at: string;
  }): CharterVersion {
    return {
      version: row.version,
      title: row.title,
      yaml: row.yaml,
      charter: this.charterOf(row),
      changes: JSON.parse(row.changes) as string[],
      createdBy: row.created_by,
      createdAt: row.created_at,
    };
  }
}
