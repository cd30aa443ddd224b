import { within } from "../../identity/index.js";
import { auditActor, type RecordAudit } from "../../observatory/index.js";
import type { Clock } from "../../shared/clock.js";
import { appError } from "../../shared/errors.js";
import { isUniqueViolation } from "../../store/index.js";
import type { Actor } from "../assistants.service.js";
import { exportUseCase, loadUseCase } from "./loader.js";
import type { UseCase } from "./usecase.schema.js";
import type { UseCaseRow, UseCasesRepository } from "./usecases.repository.js";

/** Where a version came from: the catalogue shipped with Beffroi, an edit, a file imported. */
export type UseCaseSource = "shipped" | "edited" | "imported";

export interface UseCaseSummary {
  id: string;
  name: string;
  description: string;
  category: UseCase["category"];
  /** The definition's own `version` field. */
  version: number;
  /** The catalogue's revision number of the current definition (1, 2…). */
  revision: number;
  source: UseCaseSource;
  shipped: boolean;
  /** The last shipped definition's version, when newer than the one in use (kept: the collectivité changed it). */
  shippedUpdate: number | null;
  ownerDirectionId: string | null;
  ownerDirectionPath: string | null;
  /** The model its runs try first, as a battle's verdict recommended it (null: none). */
  recommendedModel: string | null;
  updatedAt: string;
}

export interface UseCaseVersion {
  revision: number;
  version: number;
  source: UseCaseSource;
  authorId: string | null;
  createdAt: string;
}

export interface UseCaseDetail extends UseCaseSummary {
  yaml: string;
  definition: UseCase;
  versions: UseCaseVersion[];
}

/** An edit or an import: the file, and (optionally) the direction that owns it. */
export interface UseCaseWrite {
  yaml: string;
  /** Absent: unchanged (an import: none, or the referent's own direction). */
  ownerDirectionId?: string | null;
}

const summary = (row: UseCaseRow, definition: UseCase): UseCaseSummary => ({
  id: row.id,
  name: definition.name,
  description: definition.description,
  category: definition.category,
  version: definition.version,
  revision: row.current_revision,
  source: row.source as UseCaseSource,
  shipped: row.shipped === 1,
  shippedUpdate:
    row.shipped_version !== null && row.shipped_version > definition.version
      ? row.shipped_version
      : null,
  ownerDirectionId: row.owner_direction_id,
  ownerDirectionPath: row.owner_direction_path,
  recommendedModel: row.recommended_model,
  updatedAt: row.updated_at,
});

/**
 * The use-case catalogue, stored: seeded at start from the definitions
 * shipped with Beffroi, then edited by administrators and by referents of
 * the owning direction (or above it), exported and imported as files. Every
 * version is kept, with who saved it and when; a file that does not validate
 * is refused with its problems (field and line) and changes nothing.
 *
 * A shipped definition whose `version` grows in a new Beffroi becomes the
 * current version, unless the collectivité changed the use case since it was
 * last seeded: its own version is then kept, and the newer shipped version is
 * shown (`shippedUpdate`) for someone to take it in by hand.
 */
export class UseCasesService {
  constructor(
    private readonly deps: {
      useCases: UseCasesRepository;
      /** A direction's path, or undefined when it does not exist. */
      directionPath: (id: string) => Promise<string | undefined>;
      /** Whether a model ref names a registered model (a recommended model must). */
      modelExists: (ref: string) => Promise<boolean>;
      /** The definitions shipped with Beffroi, by id. */
      shipped: () => Map<string, UseCase>;
      clock: Clock;
      audit?: RecordAudit;
    },
  ) {}

  /** Inserts the shipped use cases not stored yet, and takes in newer shipped versions. */
  async seed(): Promise<void> {
    for (const definition of this.deps.shipped().values()) {
      const row = await this.deps.useCases.byId(definition.id);
      const now = this.deps.clock.now().toISOString();
      const yaml = exportUseCase(definition);
      if (!row) {
        try {
          await this.deps.useCases.insert(
            {
              id: definition.id,
              owner_direction_id: null,
              shipped: 1,
              shipped_version: definition.version,
              current_revision: 1,
              recommended_model: null,
              created_at: now,
              updated_at: now,
            },
            this.version(definition.id, 1, definition, yaml, "shipped", null, now),
          );
        } catch (error) {
          if (!isUniqueViolation(error)) throw error; // another instance seeded it first
        }
        continue;
      }
      if (row.shipped === 1 && (row.shipped_version ?? 0) >= definition.version) continue;
      // Changed here since it was seeded (or a use case of the same id imported): kept.
      if (row.source !== "shipped") {
        await this.deps.useCases.update(row.id, {
          shipped: 1,
          shipped_version: definition.version,
        });
        continue;
      }
      try {
        await this.deps.useCases.addVersion(
          this.version(row.id, row.current_revision + 1, definition, yaml, "shipped", null, now),
          { shipped: 1, shipped_version: definition.version },
        );
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        continue;
      }
      await this.deps.audit?.({
        action: "usecase.updated",
        target: row.id,
        details: {
          revision: row.current_revision + 1,
          version: definition.version,
          source: "shipped",
        },
      });
    }
  }

  /** The port other domains call: a use case's current definition (undefined: no such use case). */
  async useCase(id: string): Promise<UseCase | undefined> {
    const row = await this.deps.useCases.byId(id);
    return row && loadUseCase(row.yaml);
  }

  /** The model a use case's runs try first (a battle's verdict), or null. */
  async recommendedModel(id: string): Promise<string | null> {
    return (await this.deps.useCases.byId(id))?.recommended_model ?? null;
  }

  /**
   * Sets (or clears) the model a use case's runs try first: from a battle's
   * verdict, by those who manage the use case; the charter still decides,
   * turn by turn, whether a message may reach it.
   */
  async recommend(actor: Actor, id: string, model: string | null): Promise<UseCaseSummary> {
    const row = await this.row(id);
    this.mayManage(actor, row.owner_direction_path);
    if (model !== null && !(await this.deps.modelExists(model)))
      throw appError("model_unknown", { model });
    await this.deps.useCases.update(id, {
      recommended_model: model,
      updated_at: this.deps.clock.now().toISOString(),
    });
    await this.deps.audit?.({
      action: "usecase.updated",
      target: id,
      actor: auditActor(actor),
      details: { recommendedModel: { before: row.recommended_model, after: model } },
    });
    return summary({ ...row, recommended_model: model }, loadUseCase(row.yaml));
  }

  /** Every use case's current definition, by id. */
  async definitions(): Promise<UseCase[]> {
    return (await this.deps.useCases.list()).map((row) => loadUseCase(row.yaml));
  }

  async list(): Promise<UseCaseSummary[]> {
    return (await this.deps.useCases.list()).map((row) => summary(row, loadUseCase(row.yaml)));
  }

  async get(id: string): Promise<UseCaseDetail> {
    const row = await this.row(id);
    const definition = loadUseCase(row.yaml);
    const versions = (await this.deps.useCases.versions(id)).map((version) => ({
      revision: version.revision,
      version: version.definition_version,
      source: version.source as UseCaseSource,
      authorId: version.author_id,
      createdAt: version.created_at,
    }));
    return { ...summary(row, definition), yaml: row.yaml, definition, versions };
  }

  /** The current definition as a file to share (the same bytes for the same definition). */
  async export(id: string): Promise<{ name: string; yaml: string }> {
    const row = await this.row(id);
    return { name: loadUseCase(row.yaml).name, yaml: row.yaml };
  }

  /** A new version of a stored use case; the file must define the same id. Unchanged: no version. */
  async edit(actor: Actor, id: string, input: UseCaseWrite): Promise<UseCaseDetail> {
    const row = await this.row(id);
    this.mayManage(actor, row.owner_direction_path);
    const definition = loadUseCase(input.yaml);
    if (definition.id !== id) throw appError("usecase_id_mismatch", { id, found: definition.id });
    await this.save(actor, row, definition, input.ownerDirectionId, "edited");
    return this.get(id);
  }

  /**
   * A file from another collectivité (or an export of this one): a new use
   * case, or a new version of the one of the same id.
   */
  async import(actor: Actor, input: UseCaseWrite): Promise<UseCaseDetail> {
    const definition = loadUseCase(input.yaml);
    const row = await this.deps.useCases.byId(definition.id);
    if (row) {
      this.mayManage(actor, row.owner_direction_path);
      await this.save(actor, row, definition, input.ownerDirectionId, "imported");
      return this.get(definition.id);
    }
    const owner =
      input.ownerDirectionId !== undefined
        ? input.ownerDirectionId
        : actor !== "cli" && !actor.roles.includes("admin")
          ? actor.directionId
          : null;
    this.mayManage(actor, await this.ownerPath(owner));
    const now = this.deps.clock.now().toISOString();
    try {
      await this.deps.useCases.insert(
        {
          id: definition.id,
          owner_direction_id: owner,
          shipped: 0,
          shipped_version: null,
          current_revision: 1,
          recommended_model: null,
          created_at: now,
          updated_at: now,
        },
        this.version(
          definition.id,
          1,
          definition,
          exportUseCase(definition),
          "imported",
          this.author(actor),
          now,
        ),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw appError("usecase_conflict");
      throw error;
    }
    await this.deps.audit?.({
      action: "usecase.created",
      target: definition.id,
      actor: auditActor(actor),
      details: {
        revision: 1,
        version: definition.version,
        source: "imported",
        ownerDirectionId: owner,
      },
    });
    return this.get(definition.id);
  }

  /** Deletes a use case that Beffroi does not ship, with its versions. */
  async remove(actor: Actor, id: string): Promise<void> {
    const row = await this.row(id);
    this.mayManage(actor, row.owner_direction_path);
    if (row.shipped === 1) throw appError("usecase_shipped");
    await this.deps.useCases.delete(id);
    await this.deps.audit?.({
      action: "usecase.deleted",
      target: id,
      actor: auditActor(actor),
      details: { revision: row.current_revision, ownerDirectionId: row.owner_direction_id },
    });
  }

  private async save(
    actor: Actor,
    row: UseCaseRow,
    definition: UseCase,
    ownerDirectionId: string | null | undefined,
    source: UseCaseSource,
  ): Promise<void> {
    const owner = ownerDirectionId === undefined ? row.owner_direction_id : ownerDirectionId;
    if (owner !== row.owner_direction_id) this.mayManage(actor, await this.ownerPath(owner));
    const yaml = exportUseCase(definition);
    const ownerChanged = owner !== row.owner_direction_id;
    if (yaml === row.yaml && !ownerChanged) return;
    const now = this.deps.clock.now().toISOString();
    if (yaml === row.yaml) {
      await this.deps.useCases.update(row.id, { owner_direction_id: owner, updated_at: now });
    } else {
      const revision = row.current_revision + 1;
      try {
        await this.deps.useCases.addVersion(
          this.version(row.id, revision, definition, yaml, source, this.author(actor), now),
          { owner_direction_id: owner },
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw appError("usecase_conflict");
        throw error;
      }
    }
    await this.deps.audit?.({
      action: source === "imported" ? "usecase.imported" : "usecase.updated",
      target: row.id,
      actor: auditActor(actor),
      details: {
        revision: yaml === row.yaml ? row.current_revision : row.current_revision + 1,
        version: definition.version,
        source,
        ...(ownerChanged && {
          ownerDirectionId: { before: row.owner_direction_id, after: owner },
        }),
      },
    });
  }

  private version(
    id: string,
    revision: number,
    definition: UseCase,
    yaml: string,
    source: UseCaseSource,
    author: string | null,
    now: string,
  ) {
    return {
      use_case_id: id,
      revision,
      definition_version: definition.version,
      yaml,
      source,
      author_id: author,
      created_at: now,
    };
  }

  private author = (actor: Actor) => (actor === "cli" ? null : actor.userId);

  private async row(id: string): Promise<UseCaseRow> {
    const row = await this.deps.useCases.byId(id);
    if (!row) throw appError("usecase_not_found", { id });
    return row;
  }

  private async ownerPath(id: string | null): Promise<string | null> {
    if (id === null) return null;
    const path = await this.deps.directionPath(id);
    if (!path) throw appError("direction_not_found", { direction: id });
    return path;
  }

  private mayManage(actor: Actor, ownerPath: string | null): void {
    if (actor === "cli") return;
    if (!actor.permissions.includes("assistants:write")) throw appError("forbidden");
    if (actor.roles.includes("admin")) return;
    if (actor.roles.includes("referent") && within(ownerPath, actor.directionPath)) return;
    throw appError("usecase_not_manageable");
  }
}
