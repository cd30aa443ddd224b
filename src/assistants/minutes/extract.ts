import type { SpeakerTurn } from "./transcript.js";
import { findDeadline } from "./when.js";

/** Where an extracted sentence was found: the turn (0-based), its line, its time. */
export interface MinutesSource {
  turn: number;
  line: number;
  start?: number;
  speaker?: string;
}

export interface Decision {
  text: string;
  who?: string;
  source: MinutesSource;
}

export interface Action {
  text: string;
  who?: string;
  /** ISO date (`2025-03-14`) or month (`2025-06`), when the deadline could be worked out. */
  when?: string;
  /** The deadline as written: « d'ici vendredi ». */
  whenText?: string;
  source: MinutesSource;
}

export interface OpenQuestion {
  text: string;
  source: MinutesSource;
}

export interface Minutes {
  decisions: Decision[];
  actions: Action[];
  questions: OpenQuestion[];
  participants: string[];
}

export interface ExtractOptions {
  /** The meeting's date, `YYYY-MM-DD`: relative deadlines are worked out from it. */
  meetingDate?: string;
}

// Letters around a cue: `\b` knows no accent, so « acté » needs these.
const B = String.raw`(?<![\p{L}\p{N}])`;
const E = String.raw`(?![\p{L}\p{N}])`;
const cues = (alternatives: string[]) => new RegExp(`${B}(?:${alternatives.join("|")})${E}`, "iu");

/** Decision cues: a body deciding, validating, adopting, or an agreement recorded. */
const DECISION = cues([
  "il est décidé",
  "il a été décidé",
  "décid(?:e|ent|ons|ez|é|ée|és|ées)",
  "décision\\s*:",
  "valid(?:é|ée|és|ées|ent|ons)",
  "valide (?:le|la|les|l')",
  "adopt(?:e|ent|é|ée|és|ées)",
  "act(?:é|ée|és|ées)",
  "prend acte",
  "prennent acte",
  "retenu(?:e|s|es)?",
  "retient",
  "(?:d')?accord (?:pour|sur)",
  "approuv(?:e|ent|é|ée|és|ées)",
  "avis favorable",
  "à l'unanimité",
  "vot(?:é|ée|és|ées)",
  "on part sur",
  "arbitr(?:é|ée|age rendu)",
]);

/**
 * A negation that undoes a decision cue when it stands before it (« rien n'est décidé », « pas
 * encore validé », « non retenu ») or just after it (« ne décide pas »).
 */
const NEGATION_BEFORE = new RegExp(`${B}(?:(?:rien|aucune?|pas|jamais|non|ne)${E}|n')`, "iu");
const NEGATION_AFTER = /^\s*(?:pas|rien|jamais)(?![\p{L}])/iu;

/** Open questions: what the meeting left to settle. */
const QUESTION = cues([
  "à revoir",
  "reste(?:nt)? à",
  "question\\s*:",
  "en suspens",
  "à définir",
  "à préciser",
  "à décider",
  "à trancher",
  "à arbitrer",
  "à confirmer",
  "point ouvert",
  "report(?:é|ée|és|ées)",
  "ajourn(?:é|ée|és|ées)",
]);

/** Infinitives that make an action of a note (« Relancer l'entreprise ») and their futures. */
const VERBS = [
  "relancer",
  "transmettre",
  "préparer",
  "envoyer",
  "rédiger",
  "organiser",
  "contacter",
  "vérifier",
  "prévoir",
  "mettre à jour",
  "diffuser",
  "planifier",
  "programmer",
  "finaliser",
  "compléter",
  "proposer",
  "convoquer",
  "chiffrer",
  "étudier",
  "communiquer",
  "informer",
  "fixer",
  "réserver",
  "commander",
  "solliciter",
  "demander",
  "rappeler",
  "prendre contact",
  "faire",
  "mettre",
  "lancer",
  "rencontrer",
  "présenter",
  "saisir",
  "publier",
  "afficher",
  "inscrire",
  "signer",
  "valider",
  "établir",
  "recenser",
  "produire",
  "consulter",
  "écrire",
  "répondre",
  "caler",
];
const IRREGULAR_FUTURES: Record<string, string> = {
  envoyer: "enverra",
  faire: "fera",
  prévoir: "prévoira",
  écrire: "écrira",
  mettre: "mettra",
  "mettre à jour": "mettra à jour",
  "prendre contact": "prendra contact",
  produire: "produira",
  répondre: "répondra",
};
const future = (verb: string) =>
  IRREGULAR_FUTURES[verb] ?? (verb.endsWith("re") ? `${verb.slice(0, -1)}a` : `${verb}a`);
const FUTURES = VERBS.map(future);

/** Cues after which the words before name who acts: « Julie se charge de », « la DST doit ». */
const ASSIGNMENT = new RegExp(
  `${B}(?:se charge(?:nt|ra|ront)?|s'occupe(?:nt|ra|ront)?|doi(?:t|vent)|devra(?:ient|it)?|devront|va|vont|${FUTURES.join("|")})${E}`,
  "iu",
);
const FIRST_PERSON = /(?<![\p{L}])(?:je|j'|moi|me charge|m'occupe|m'en occupe)(?![\p{L}])/iu;
const LEADING_VERB = new RegExp(`^(?:${VERBS.join("|")}|\\p{L}+ez)${E}`, "iu");
const ACTION = cues([
  "à faire",
  "action\\s*:",
  "actions\\s*:",
  "todo",
  "tâche\\s*:",
  ...VERBS,
  ...FUTURES,
]);
const WHO_LABEL = /\(?\s*(?:qui|responsable|pilote|porteur)\s*:\s*([^);,]{1,60})\)?/iu;
const PARTICIPANTS =
  /^(?:présent(?:e)?s|participant(?:e)?s|étaient présent(?:e)?s|en présence de)\s*:\s*(.+)$/iu;

const SECTION_DECISIONS = /décision|délibér|arbitrage|adopt|valid/iu;
const SECTION_ACTIONS = /action|à faire|suite|tâche|todo|prochaines étapes/iu;
const SECTION_QUESTIONS = /question|suspens|ouvert|à revoir|divers à traiter/iu;

const ABBREVIATION = /(?:^|\s)(?:M|Mme|Mmes|MM|Mlle|Dr|Me|art|cf|p|n°|etc|St|Ste|av|bd)\.$/u;

/**
 * Sentences of a turn: cut after `.`, `!`, `?` or `…` before a space, and after `;`, except
 * after a title or abbreviation (« M. Dupont », « art. 3 »).
 */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const piece of text.split(/(?<=[.!?…;])\s+/u)) {
    const last = out.length - 1;
    if (last >= 0 && ABBREVIATION.test(out[last] as string)) out[last] = `${out[last]} ${piece}`;
    else out.push(piece);
  }
  return out.map((sentence) => sentence.trim()).filter((sentence) => /\p{L}/u.test(sentence));
}

/** Splits « A, B et C » into names. */
function names(list: string): string[] {
  return list
    .split(/\s*(?:[,;]|\bet\b)\s*/u)
    .map((name) => name.replace(/\(.*?\)|[.]$/gu, "").trim())
    .filter((name) => name !== "" && name.length <= 80);
}

/**
 * Who acts, from the words before an assignment cue: a name (capitalised words) or a role with
 * its article (« la DST », « le service technique »), five words at most.
 */
function whoBefore(sentence: string): string | undefined {
  const cue = ASSIGNMENT.exec(sentence);
  if (!cue) return undefined;
  const before = sentence.slice(0, cue.index);
  const clause = (before.split(/[,:;]|\s(?:et|puis|alors|donc|ensuite|que|qu')\s/u).pop() ?? "")
    .replace(/^(?:et|puis|alors|donc|ensuite|que|qu'|il est décidé que|décision\s*:)\s*/iu, "")
    .trim();
  if (clause === "" || clause.split(/\s+/).length > 5) return undefined;
  if (/^(?:il|elle|on|ils|elles|nous|vous|ce|cela|ça|qui|chacun|tout le monde)$/iu.test(clause)) {
    return undefined;
  }
  if (/^\p{Lu}/u.test(clause) || /^(?:le|la|les|l')\s*\p{L}/iu.test(clause)) return clause;
  return undefined;
}

function whoOf(sentence: string, turn: SpeakerTurn): string | undefined {
  const label = WHO_LABEL.exec(sentence);
  if (label?.[1]) return label[1].trim();
  const named = whoBefore(sentence);
  if (named) return named;
  if (turn.speaker && FIRST_PERSON.test(sentence)) return turn.speaker;
  return undefined;
}

/** A decision cue not undone by a negation before it in the sentence. */
function isDecision(sentence: string): { decided: boolean; negated: boolean } {
  const cue = DECISION.exec(sentence);
  if (!cue) return { decided: false, negated: false };
  const negated =
    NEGATION_BEFORE.test(sentence.slice(0, cue.index)) ||
    NEGATION_AFTER.test(sentence.slice(cue.index + cue[0].length));
  return { decided: !negated, negated };
}

const clean = (sentence: string) =>
  sentence
    .replace(WHO_LABEL, "")
    .replace(/^(?:décision|action|à faire|question|todo|tâche)\s*:\s*/iu, "")
    .replace(/\s+/g, " ")
    .trim();

/**
 * The baseline: each sentence of each turn is read for cues, in this order. A participants
 * line (« Présents : … ») lists people. A question cue, or a decision cue undone by a negation
 * (« rien n'est décidé »), makes an open question. A decision cue makes a decision. An action
 * cue (an assignment, « à faire », a listed verb, a deadline « pour / d'ici / avant … »), or a
 * note in the infinitive, makes an action; a decision that names who or when is an action too.
 * A note under a heading « Décisions », « Actions », « Questions » takes its section's kind.
 */
export function extractMinutes(turns: SpeakerTurn[], options: ExtractOptions = {}): Minutes {
  const meeting = parseMeetingDate(options.meetingDate);
  const minutes: Minutes = { decisions: [], actions: [], questions: [], participants: [] };
  const seen = new Set<string>();
  const addParticipant = (name: string) => {
    const key = name.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    minutes.participants.push(name);
  };
  turns.forEach((turn, index) => {
    if (turn.speaker) addParticipant(turn.speaker);
    const listed = PARTICIPANTS.exec(turn.text);
    if (listed?.[1]) {
      for (const name of names(listed[1])) addParticipant(name);
      return;
    }
    const source: MinutesSource = { turn: index, line: turn.line };
    if (turn.start !== undefined) source.start = turn.start;
    if (turn.speaker) source.speaker = turn.speaker;
    const section = turn.section ?? "";
    for (const sentence of sentences(turn.text)) {
      const normal = sentence.replace(/’/g, "'");
      const text = clean(sentence);
      if (text === "") continue;
      const { decided, negated } = isDecision(normal);
      if (negated || QUESTION.test(normal) || (turn.bullet && SECTION_QUESTIONS.test(section))) {
        minutes.questions.push({ text, source });
        continue;
      }
      const inDecisions = turn.bullet === true && SECTION_DECISIONS.test(section);
      const deadline = findDeadline(normal, meeting, true);
      const who = whoOf(normal, turn);
      const assigned = ASSIGNMENT.test(normal) && who !== undefined;
      const actionCue =
        ACTION.test(normal) ||
        assigned ||
        deadline !== null ||
        WHO_LABEL.test(normal) ||
        (turn.bullet === true && LEADING_VERB.test(text)) ||
        (turn.bullet === true && SECTION_ACTIONS.test(section));
      if (decided || inDecisions) {
        const decision: Decision = { text, source };
        if (who && assigned) decision.who = who;
        minutes.decisions.push(decision);
        if (!(actionCue && (assigned || deadline !== null))) continue;
      } else if (!actionCue) continue;
      const action: Action = { text, source };
      if (who) action.who = who;
      if (deadline) {
        action.whenText = deadline.text;
        if (deadline.when) action.when = deadline.when;
      }
      minutes.actions.push(action);
    }
  });
  return minutes;
}

function parseMeetingDate(date: string | undefined): Date | null {
  if (date === undefined) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError("meetingDate must be YYYY-MM-DD");
  const parsed = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (parsed.getUTCDate() !== Number(match[3]))
    throw new RangeError("meetingDate must be YYYY-MM-DD");
  return parsed;
}
