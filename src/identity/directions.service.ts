import { t } from "../i18n/index.js";
import type { Clock, Ids } from "../shared/clock.js";
import { appError } from "../shared/errors.js";
import { isUniqueViolation } from "../store/index.js";
import type { DirectionRow, DirectionsRepository } from "./directions.repository.js";

export const PATH_SEPARATOR = " > ";

/** `path` is `ancestor` itself or lies below it in the direction tree. */
export const within = (path: string | null, ancestor: string | null): boolean =>
  path !== null &&
  ancestor !== null &&
  (path === ancestor || path.startsWith(`${ancestor}${PATH_SEPARATOR}`));

export interface Direction {
  id: string;
  name: string;
  parentId: string | null;
  path: string;
}

const present = (row: DirectionRow): Direction => ({
  id: row.id,
  name: row.name,
  parentId: row.parent_id,
  path: row.path,
});

/** Splits "Pôle solidarités > CCAS > Accueil" into trimmed names; also accepts "/" and ">" without spaces. */
export function parseDirectionPath(input: string): string[] {
  const names = input.split(/\s*>\s*/).map((name) => name.replace(/\s+/g, " ").trim());
  if (names.length === 0 || names.some((name) => name.length === 0 || name.length > 120)) {
    throw appError("invalid_request", { details: t("details.direction_path", { path: input }) });
  }
  return names;
}

/** The collectivité's services, as a tree addressed by path. */
export class DirectionsService {
  constructor(
    private readonly deps: { directions: DirectionsRepository; clock: Clock; ids: Ids },
  ) {}

  async list(): Promise<Direction[]> {
    return (await this.deps.directions.list()).map(present);
  }

  async get(id: string): Promise<Direction> {
    const row = await this.deps.directions.byId(id);
    if (!row) throw appError("direction_not_found", { direction: id });
    return present(row);
  }

  /** Finds a direction by its exact path, or undefined. */
  async find(path: string): Promise<Direction | undefined> {
    const row = await this.deps.directions.byPath(parseDirectionPath(path).join(PATH_SEPARATOR));
    return row ? present(row) : undefined;
  }

  async resolve(path: string): Promise<Direction> {
    const found = await this.find(path);
    if (!found) throw appError("direction_not_found", { direction: path });
    return found;
  }

  /**
   * Creates the direction and any missing ancestor; fails with
   * `direction_exists` if the full path exists already. Ancestors are inserted
   * unless present, so that concurrent additions under the same parent all
   * succeed, and of concurrent additions of one path exactly one does.
   */
  async add(path: string): Promise<Direction> {
    const names = parseDirectionPath(path);
    const full = names.join(PATH_SEPARATOR);
    if (await this.deps.directions.byPath(full))
      throw appError("direction_exists", { direction: full });
    let parent: DirectionRow | undefined;
    for (let depth = 1; depth < names.length; depth += 1) {
      const prefix = names.slice(0, depth).join(PATH_SEPARATOR);
      parent =
        (await this.deps.directions.byPath(prefix)) ??
        (await this.deps.directions.insertOrGet(
          this.newRow(names[depth - 1] as string, parent, prefix),
        ));
    }
    const row = this.newRow(names.at(-1) as string, parent, full);
    try {
      await this.deps.directions.insert(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw appError("direction_exists", { direction: full });
      throw error;
    }
    return present(row);
  }

  private newRow(name: string, parent: DirectionRow | undefined, path: string): DirectionRow {
    return {
      id: this.deps.ids.id(),
      name,
      parent_id: parent?.id ?? null,
      path,
      created_at: this.deps.clock.now().toISOString(),
    };
  }

  async remove(id: string): Promise<void> {
    await this.get(id);
    if (await this.deps.directions.isUsed(id)) throw appError("direction_has_members");
    await this.deps.directions.delete(id);
  }
}
