import { areaTranslator, locale } from "../../i18n";
import { arena } from "../../i18n/fr/arena";

/** The comparisons' messages (`i18n/fr/arena.ts`), loaded with its chunk. */
export const ta = areaTranslator(arena);

const small = new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 });

/** A measure that may be tiny (0,00042 Wh): two significant digits, French notation. */
export function formatMeasure(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString(locale) : small.format(value);
}

const score = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A Bradley–Terry score or bound: always two decimals (« 0,52 »). */
export const formatScore = (value: number): string => score.format(value);
