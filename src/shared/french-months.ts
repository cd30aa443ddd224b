/** The French month names, January first. */
export const FRENCH_MONTHS = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
] as const;

/** The spellings typed without their accents. */
const UNACCENTED: Readonly<Record<string, string>> = {
  fevrier: "février",
  aout: "août",
  decembre: "décembre",
};

/** A month name as agents type it, with or without its accents, for a regular expression (no group). */
export const FRENCH_MONTH_PATTERN = [...FRENCH_MONTHS, ...Object.keys(UNACCENTED)].join("|");

/** The month (0 for January) of a name typed with or without its accents, in any case; -1 for none. */
export function frenchMonthIndex(name: string): number {
  const lower = name.toLowerCase();
  return (FRENCH_MONTHS as readonly string[]).indexOf(UNACCENTED[lower] ?? lower);
}
