import { type MessageKey, t } from "../i18n";

/** A personal-data type's name in French ("adresse électronique"); the code itself when unknown. */
export function personalDataType(type: string): string {
  const key = `pii.${type}` as MessageKey;
  const label = t(key);
  return label === key ? type : label;
}

/** "2 × adresse électronique, 1 × nom de personne": what was found, by type and count, never a value. */
export function personalDataCounts(
  counts: Record<string, number> | { type: string; count: number }[],
): string {
  const entries = Array.isArray(counts)
    ? counts.map((entry) => [entry.type, entry.count] as const)
    : Object.entries(counts);
  return entries
    .map(([type, count]) => t("pii.count", { count, type: personalDataType(type) }))
    .join(t("list.separator"));
}
