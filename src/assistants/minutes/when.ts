import {
  FRENCH_MONTH_PATTERN,
  FRENCH_MONTHS,
  frenchMonthIndex,
} from "../../shared/french-months.js";
/**
 * French deadlines in a sentence: « pour le 12 mars », « d'ici vendredi », « avant fin juin »,
 * « sous quinzaine », « la semaine prochaine ». With the meeting's date they become an ISO date
 * (`2025-03-14`) or month (`2025-06`); without it only an explicit full date does, and the rest
 * is kept as written.
 */
export interface Deadline {
  /** The words as written, preposition included. */
  text: string;
  /** ISO date or month, when it can be worked out. */
  when?: string;
}

const WEEKDAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];

const MONTH = `(${FRENCH_MONTH_PATTERN})`;
const WEEKDAY = `(${WEEKDAYS.join("|")})`;
const LEAD = String.raw`(?:(?:pour|d'ici|avant|au plus tard|jusqu'|dès|sous|dans|en)\s*)?(?:(?:le|la|l'|les|au|à)\s+)?`;
const END = String.raw`(?![\p{L}\p{N}])`;

type Resolver = (match: RegExpExecArray, meeting: Date | null) => string | undefined;

interface Pattern {
  regex: RegExp;
  resolve: Resolver;
}

const pattern = (body: string, resolve: Resolver): Pattern => ({
  regex: new RegExp(String.raw`(?<![\p{L}\p{N}])${LEAD}${body}${END}`, "iu"),
  resolve,
});

const monthIndex = frenchMonthIndex;

const iso = (date: Date) => date.toISOString().slice(0, 10);
const utc = (year: number, month: number, day: number) => new Date(Date.UTC(year, month, day));
const addDays = (date: Date, days: number) =>
  utc(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + days);
const isoMonth = (year: number, month: number) => `${year}-${String(month + 1).padStart(2, "0")}`;
const lastDay = (year: number, month: number) => iso(utc(year, month + 1, 0));

/** The year of a day-and-month said at the meeting: this year, or next when already past. */
function yearOf(month: number, day: number, meeting: Date): number {
  const year = meeting.getUTCFullYear();
  return utc(year, month, day) < meeting ? year + 1 : year;
}

const validDay = (year: number, month: number, day: number) =>
  day >= 1 && day <= 31 && utc(year, month, day).getUTCMonth() === month;

const PATTERNS: Pattern[] = [
  // « le 12 mars 2025 », « le lundi 3 mars », « 1er avril »
  pattern(String.raw`(?:${WEEKDAY}\s+)?(\d{1,2}|1er)\s+${MONTH}(?:\s+(\d{4}))?`, (m, meeting) => {
    const day = m[2] === "1er" ? 1 : Number(m[2]);
    const month = monthIndex(m[3] as string);
    const year = m[4] ? Number(m[4]) : meeting ? yearOf(month, day, meeting) : null;
    return year !== null && validDay(year, month, day) ? iso(utc(year, month, day)) : undefined;
  }),
  // « le 12/03/2025 », « 12/03 »
  pattern(String.raw`(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?`, (m, meeting) => {
    const day = Number(m[1]);
    const month = Number(m[2]) - 1;
    if (month < 0 || month > 11) return undefined;
    const written = m[3] ? Number(m[3]) : null;
    const year =
      written !== null
        ? written < 100
          ? 2000 + written
          : written
        : meeting
          ? yearOf(month, day, meeting)
          : null;
    return year !== null && validDay(year, month, day) ? iso(utc(year, month, day)) : undefined;
  }),
  // « fin juin », « fin juin 2025 »: the month's last day
  pattern(String.raw`fin\s+(?:de\s+|d')?${MONTH}(?:\s+(\d{4}))?`, (m, meeting) => {
    const month = monthIndex(m[1] as string);
    const year = m[2]
      ? Number(m[2])
      : meeting
        ? yearOf(month, lastDate(month, meeting), meeting)
        : null;
    return year === null ? undefined : lastDay(year, month);
  }),
  // « fin du mois », « fin de mois »
  pattern(String.raw`(?:la\s+)?fin\s+(?:du|de)\s+mois`, (_m, meeting) =>
    meeting ? lastDay(meeting.getUTCFullYear(), meeting.getUTCMonth()) : undefined,
  ),
  // « fin d'année », « fin de l'année »
  pattern(String.raw`(?:la\s+)?fin\s+(?:d'année|de\s+l'année)`, (_m, meeting) =>
    meeting ? `${meeting.getUTCFullYear()}-12-31` : undefined,
  ),
  // « le mois prochain »: by its end
  pattern(String.raw`(?:le\s+)?mois\s+prochain`, (_m, meeting) =>
    meeting ? lastDay(meeting.getUTCFullYear(), meeting.getUTCMonth() + 1) : undefined,
  ),
  // « la semaine prochaine »: by its Friday
  pattern(String.raw`(?:la\s+)?semaine\s+prochaine`, (_m, meeting) => {
    if (!meeting) return undefined;
    const toMonday = (8 - meeting.getUTCDay()) % 7 || 7;
    return iso(addDays(meeting, toMonday + 4));
  }),
  // « sous huitaine », « sous quinzaine »
  pattern("(huitaine|quinzaine)", (m, meeting) =>
    meeting ? iso(addDays(meeting, m[1]?.toLowerCase() === "huitaine" ? 8 : 15)) : undefined,
  ),
  // « sous 15 jours », « dans 3 semaines », « d'ici deux mois »
  pattern(
    String.raw`(\d{1,3}|une?|deux|trois|quatre|cinq|six|huit|dix|quinze)\s+(jours?|semaines?|mois)`,
    (m, meeting) => {
      if (!meeting) return undefined;
      const count = NUMBERS[(m[1] as string).toLowerCase()] ?? Number(m[1]);
      const unit = (m[2] as string).toLowerCase();
      if (unit.startsWith("jour")) return iso(addDays(meeting, count));
      if (unit.startsWith("semaine")) return iso(addDays(meeting, 7 * count));
      return iso(
        utc(meeting.getUTCFullYear(), meeting.getUTCMonth() + count, meeting.getUTCDate()),
      );
    },
  ),
  // « demain », « après-demain »
  pattern("(après-demain|demain)", (m, meeting) =>
    meeting ? iso(addDays(meeting, m[1]?.toLowerCase() === "demain" ? 1 : 2)) : undefined,
  ),
  // « d'ici vendredi », « vendredi prochain »: the next such day after the meeting
  pattern(String.raw`${WEEKDAY}(?:\s+prochain)?`, (m, meeting) => {
    if (!meeting) return undefined;
    const target = WEEKDAYS.indexOf((m[1] as string).toLowerCase());
    return iso(addDays(meeting, (target - meeting.getUTCDay() + 7) % 7 || 7));
  }),
  // « en septembre », « d'ici septembre », « pour juin 2025 »: the month
  pattern(String.raw`${MONTH}(?:\s+(\d{4}))?`, (m, meeting) => {
    const month = monthIndex(m[1] as string);
    const year = m[2]
      ? Number(m[2])
      : meeting
        ? yearOf(month, lastDate(month, meeting), meeting)
        : null;
    return year === null ? undefined : isoMonth(year, month);
  }),
];

const NUMBERS: Record<string, number> = {
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  huit: 8,
  dix: 10,
  quinze: 15,
};

function lastDate(month: number, meeting: Date): number {
  return utc(meeting.getUTCFullYear(), month + 1, 0).getUTCDate();
}

/**
 * A deadline said without a preposition is only a date (« le conseil du 12 mars ») unless the
 * words before it make it one: these leads do.
 */
const DEADLINE_LEAD = /^(?:pour|d'ici|avant|au plus tard|jusqu'au|dès|sous|dans)\b/i;

/**
 * The first deadline in a sentence: the earliest match among the patterns, the longest where
 * two start at the same place. `requireLead`: only « pour / d'ici / avant… » phrases count.
 */
export function findDeadline(
  sentence: string,
  meeting: Date | null,
  requireLead = false,
): Deadline | null {
  const text = sentence.replace(/’/g, "'");
  let best: { index: number; text: string; when?: string } | null = null;
  for (const { regex, resolve } of PATTERNS) {
    const match = regex.exec(text);
    if (!match) continue;
    const written = match[0].trim();
    if (requireLead && !DEADLINE_LEAD.test(written)) continue;
    if (
      best &&
      (match.index > best.index ||
        (match.index === best.index && written.length <= best.text.length))
    ) {
      continue;
    }
    best = { index: match.index, text: written, when: resolve(match, meeting) };
  }
  if (!best) return null;
  return best.when === undefined ? { text: best.text } : { text: best.text, when: best.when };
}

/** `2025-03-14` → « vendredi 14 mars 2025 », `2025-06` → « juin 2025 ». */
export function formatWhen(when: string): string {
  const [year, month, day] = when.split("-").map(Number) as [number, number, number?];
  const monthName = FRENCH_MONTHS[month - 1] ?? "";
  if (day === undefined) return `${monthName} ${year}`;
  const date = utc(year, month - 1, day);
  return `${WEEKDAYS[date.getUTCDay()]} ${day === 1 ? "1er" : day} ${monthName} ${year}`;
}
