/** At most this many months in one request: a period of the observatory, a register, an export. */
export const MAX_MONTHS = 36;

/** `YYYY-MM` moved by some months. */
export function shiftMonth(month: string, by: number): string {
  const [year, index] = month.split("-").map(Number) as [number, number];
  const date = new Date(Date.UTC(year, index - 1 + by, 1));
  return date.toISOString().slice(0, 7);
}

/** Every month from one to another, both included (at most `MAX_MONTHS` + 1). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to && months.length <= MAX_MONTHS; month = shiftMonth(month, 1))
    months.push(month);
  return months;
}
