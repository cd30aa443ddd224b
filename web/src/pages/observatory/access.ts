import type { Permission, Session } from "../../api/types";

/**
 * Who may open the observatory, as the server decides it: administrators and
 * auditors (the DPO) for every direction, referents for their own. Kept out
 * of the area's chunk: the navigation reads it on every page.
 */
export function canObserve(session: Session, can: (permission: Permission) => boolean): boolean {
  return can("audit:read") || session.user.roles.includes("referent");
}
