import { formatNumber } from "../../i18n";
import type { TypeCounts } from "./types";

/** "EMAIL (2), PERSON (1)": what was found, by type and count, never a value. */
export function typesText(types: TypeCounts): string {
  return Object.entries(types)
    .map(([type, count]) => `${type} (${formatNumber(count)})`)
    .join(", ");
}
