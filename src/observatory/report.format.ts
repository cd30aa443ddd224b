import { hasMessage, t } from "../i18n/index.js";

/** A `{ min, max }` estimate, as the impact figures give them. */
export interface Range {
  min: number;
  max: number;
}

const integers = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });
const decimals = new Intl.NumberFormat("fr-FR", { maximumSignificantDigits: 3 });
const percents = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 1 });
const months = new Intl.DateTimeFormat("fr-FR", {
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
const shortMonths = new Intl.DateTimeFormat("fr-FR", {
  month: "short",
  year: "2-digit",
  timeZone: "UTC",
});
const dates = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/Paris",
});

/**
 * French digit grouping uses a narrow no-break space, which the PDF's
 * built-in fonts do not hold: a plain no-break space reads the same.
 */
const plainSpaces = (text: string) => text.replace(/\u202f/g, "\u00a0");

/** A whole number, in French ("1 234"). */
export const integer = (value: number) => plainSpaces(integers.format(value));

/** A number to three significant digits, in French ("0,0123"). */
export const decimal = (value: number) => plainSpaces(decimals.format(value));

/** A share ("42,5 %"). */
export const percent = (value: number) => plainSpaces(percents.format(value));

/** A signed change ("+3", "−2", "0"). */
export const signed = (value: number) =>
  value > 0 ? `+${integer(value)}` : value < 0 ? `−${integer(-value)}` : "0";

/** "janvier 2026". */
export const monthName = (month: string) => months.format(new Date(`${month}-01T00:00:00Z`));

/** "janv. 26", for a chart's axis. */
export const shortMonthName = (month: string) =>
  plainSpaces(shortMonths.format(new Date(`${month}-01T00:00:00Z`)));

/** "6 décembre 2026", in Paris time. */
export const dateName = (iso: string) => dates.format(new Date(iso));

/** A range in one unit: "1,23 Wh" when both ends agree, else "de 1,2 à 3,4 Wh". */
export function rangeText(range: Range, unit: string): string {
  const low = decimal(range.min);
  const high = decimal(range.max);
  return low === high
    ? `${low}\u00a0${unit}`
    : t("report.range", { min: low, max: high, unit: `\u00a0${unit}` });
}

/** Energy (kWh) in Wh under 1 kWh, else in kWh. */
export const energyText = (kwh: Range) =>
  kwh.max < 1 ? rangeText(scale(kwh, 1000), "Wh") : rangeText(kwh, "kWh");

/** Emissions (kg CO2e) in g under 1 kg, else in kg. */
export const gwpText = (kg: Range) =>
  kg.max < 1 ? rangeText(scale(kg, 1000), "g CO2e") : rangeText(kg, "kg CO2e");

/** Water (litres) in mL under 1 L, else in L. */
export const waterText = (litres: Range) =>
  litres.max < 1 ? rangeText(scale(litres, 1000), "mL") : rangeText(litres, "L");

export const scale = (range: Range, factor: number): Range => ({
  min: range.min * factor,
  max: range.max * factor,
});

/** A type of personal data in French ("nom de personne"), or its id when the catalogue has none. */
export function dataTypeLabel(type: string): string {
  const key = `guard.type.${type}`;
  return hasMessage(key) ? t(key) : type;
}

/** A refusal's rule in French when the catalogue names it ("Quota atteint"), else its id. */
export function refusalLabel(rule: string): string {
  const key = `observatory.refusal.${rule}`;
  return hasMessage(key) ? t(key) : rule;
}
