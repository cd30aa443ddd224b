import { areaTranslator, locale } from "../../i18n";
import { observatory } from "./messages";

/** The observatory's messages (`messages.ts`), loaded with its chunk. */
export const to = areaTranslator(observatory);

/** A range of an estimate, as the journal sums it. */
export interface Range {
  min: number;
  max: number;
}

const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
const small = new Intl.NumberFormat(locale, { maximumSignificantDigits: 3 });
const tenths = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });

/** A count in French notation (« 1 234 »). */
export const formatCount = (value: number): string => whole.format(value);

/**
 * A measure that may be tiny or large: three significant digits under 100
 * (« 0,00421 », « 12,5 »), whole numbers from 100 (« 1 250 »).
 */
export function formatMeasure(value: number): string {
  return Math.abs(value) >= 100 ? whole.format(value) : small.format(value);
}

/** Minutes, hours, a percentage: one decimal at most. */
export const formatTenths = (value: number): string => tenths.format(value);

/** « 1,2 » or « 1,2 à 1,8 » when the bounds read differently. */
export function formatRange(range: Range, format: (value: number) => string = formatMeasure) {
  const min = format(range.min);
  const max = format(range.max);
  return min === max ? min : to("obs.range", { min, max });
}

/** An energy in kWh, said in Wh under 1 kWh. */
export function formatEnergy(kwh: Range): string {
  return kwh.max < 1
    ? to("obs.unit.wh", { value: formatRange({ min: kwh.min * 1000, max: kwh.max * 1000 }) })
    : to("obs.unit.kwh", { value: formatRange(kwh) });
}

/** A GWP in kg CO2e, said in g under 1 kg. */
export function formatGwp(kg: Range): string {
  return kg.max < 1
    ? to("obs.unit.g", { value: formatRange({ min: kg.min * 1000, max: kg.max * 1000 }) })
    : to("obs.unit.kg", { value: formatRange(kg) });
}

/** Water in litres. */
export const formatWater = (litres: Range): string =>
  to("obs.unit.l", { value: formatRange(litres) });

const monthName = new Intl.DateTimeFormat(locale, {
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
const monthShort = new Intl.DateTimeFormat(locale, {
  month: "short",
  year: "2-digit",
  timeZone: "UTC",
});

/** `2026-03` as « mars 2026 ». */
export const formatMonth = (month: string): string =>
  monthName.format(new Date(`${month}-01T00:00:00Z`));

/** `2026-03` as « mars 26 », under a chart's column. */
export const formatMonthShort = (month: string): string =>
  monthShort.format(new Date(`${month}-01T00:00:00Z`));

/** « mars 2026 », or « de janvier 2026 à mars 2026 ». */
export function formatPeriod(from: string, to_: string): string {
  return from === to_
    ? to("obs.period.one", { month: formatMonth(from) })
    : to("obs.period.range", { from: formatMonth(from), to: formatMonth(to_) });
}

/** `YYYY-MM` moved by some months. */
export function shiftMonth(month: string, by: number): string {
  const [year, index] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, index - 1 + by, 1)).toISOString().slice(0, 7);
}

/** The current month, `YYYY-MM` (UTC, as the journal counts months). */
export const currentMonth = (): string => new Date().toISOString().slice(0, 7);

/** A code's French label under `prefix` (`obs.class.personal`), or the code itself when unknown. */
export function labelOf(prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return key in observatory ? to(key as keyof typeof observatory) : value;
}
