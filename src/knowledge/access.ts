import type { Principal } from "../identity/index.js";
import { within } from "../identity/index.js";
import type { KnowledgeBaseRow } from "./knowledge-bases.repository.js";

export { within };

/**
 * Who reads a base: its owner direction and the directions below it, the
 * directions (and their sub-directions) and roles it lists, everyone when it
 * says so; administrators and auditors (the DPO audits every base).
 */
export function canRead(principal: Principal, base: KnowledgeBaseRow): boolean {
  if (!principal.permissions.includes("knowledge:read")) return false;
  if (principal.roles.includes("admin") || principal.roles.includes("auditor")) return true;
  if (within(principal.directionPath, base.owner_direction_path)) return true;
  return base.readers.some(
    (reader) =>
      reader.kind === "everyone" ||
      (reader.kind === "role" &&
        principal.roles.includes(reader.value as Principal["roles"][number])) ||
      (reader.kind === "direction" && within(principal.directionPath, reader.direction_path)),
  );
}

/** Who manages a base: administrators, and referents of its owner direction or of a direction above it. */
export function canManage(principal: Principal, base: { owner_direction_path: string }): boolean {
  if (!principal.permissions.includes("knowledge:write")) return false;
  if (principal.roles.includes("admin")) return true;
  return (
    principal.roles.includes("referent") &&
    within(base.owner_direction_path, principal.directionPath)
  );
}
