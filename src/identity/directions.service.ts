import type { Clock, Ids } from "../shared/clock.js";
import { badRequest, conflict, notFound } from "../shared/errors.js";
import type { DirectionRow, DirectionsRepository } from "./directions.repository.js";

export const PATH_SEPARATOR = " > ";

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
    throw badRequest("invalid_request", { details: `chemin de direction invalide « ${input} »` });
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
    if (!row) throw notFound("direction_not_found", { direction: id });
    return present(row);
  }

  /** Finds a direction by its exact path, or undefined. */
  async find(path: string): Promise<Direction | undefined> {
    const row = await this.deps.directions.byPath(parseDirectionPath(path).join(PATH_SEPARATOR));
    return row ? present(row) : undefined;
  }

  async resolve(path: string): Promise<Direction> {
    const found = await this.find(path);
    if (!found) throw notFound("direction_not_found", { direction: path });
    return found;
  }

  /** Creates the direction and any missing ancestor; fails if the full path exists already. */
  async add(path: string): Promise<Direction> {
    const names = parseDirectionPath(path);
    const full = names.join(PATH_SEPARATOR);
    if (await this.deps.directions.byPath(full))
      throw conflict("direction_exists", { direction: full });
    let parent: DirectionRow | undefined;
    for (let depth = 1; depth <= names.length; depth += 1) {
      const prefix = names.slice(0, depth).join(PATH_SEPARATOR);
      let row = await this.deps.directions.byPath(prefix);
      if (!row) {
        row = {
          id: this.deps.ids.id(),
          name: names[depth - 1] as string,
          parent_id: parent?.id ?? null,
          path: prefix,
          created_at: this.deps.clock.now().toISOString(),
        };
        await this.deps.directions.insert(row);
      }
      parent = row;
    }
    return present(parent as DirectionRow);
  }

  async remove(id: string): Promise<void> {
    await this.get(id);
    if (await this.deps.directions.isUsed(id)) throw conflict("direction_has_members");
    await this.deps.directions.delete(id);
  }
}
