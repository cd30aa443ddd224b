import {
  contextOf,
  type Entity,
  type LookAlike,
  matches,
  type Recognizer,
  type ScanContext,
} from "../entity.js";
import { foldSameLength } from "../fold.js";
import {
  COMMON_NAME,
  FIRST_NAME,
  WORD as IS_WORD,
  type Lexicon,
  lexicon,
  PLACE,
  SURNAME,
} from "../lexicon.js";

/**
 * Letters and digits of the Latin scripts, listed rather than `\p{L}`: the
 * pattern runs on the folded text (lowercase, accents mostly folded), and
 * explicit ranges keep it several times faster than Unicode properties.
 */
const ALNUM = "a-z0-9A-Z\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u024f";
/** One piece of a local part or of a domain label: letters, digits, `_ % + -`. */
const WORD = `[${ALNUM}_%+\\-]+`;
/** Top-level domains people put a space before ("gmail .com", "sfr . fr"). */
const COMMON_TLDS =
  "(?:fr|com|net|org|eu|be|ch|de|es|it|pt|uk|lu|ma|dz|tn|sn|ci|re|info|biz|io|gouv)";
/**
 * A dot as people spell it to dodge filters: ".", " point ", " dot ",
 * "[dot]", "(point)", "[.]", or a dot with spaces around it (" . ", " .",
 * and ". " before a common top-level domain).
 */
const DOT = `(?:\\.(?!\\s)|\\s+(?:point|dot)\\s+|\\s*[[({]\\s*(?:point|dot|\\.)\\s*[\\])}]\\s*|\\s+\\.\\s*|\\.\\s+(?=${COMMON_TLDS}(?![a-z0-9])))`;
/** The "@": plain, spaced, spelled out ("arobase", " at "), or bracketed ("[at]", "(at)", "{@}"). */
const AT =
  "(?:@|\\s*[[({]\\s*(?:at|@|arobase|arobas|arrobase)\\s*[\\])}]\\s*|\\s+(?:at|arobase|arobas|arrobase)\\s+|\\s+@\\s*|\\s*@\\s+)";
/** A top-level domain: letters only. */
const TLD = "[a-z]{2,24}";

/**
 * A local part, an "@" and a domain, in plain or obfuscated spelling, in the
 * folded text. Linear time: the look-behind makes an address start at the
 * beginning of a word only; words and separators share no character; and
 * the local part has at most six pieces, so that a failed attempt does not
 * re-read a long "a point b point c…" from each of its words.
 */
const ADDRESS = new RegExp(
  `(?<![${ALNUM}_%+.\\-])(?<local>${WORD}(?:${DOT}${WORD}){0,5})(?<at>${AT})(?<domain>(?:${WORD}${DOT}){1,8}${TLD})(?![${ALNUM}_\\-])`,
  "g",
);

/**
 * Local parts of a service's mailbox rather than a person's (accents folded,
 * separators removed: "etat-civil" → "etatcivil").
 */
const SERVICE_MAILBOXES: ReadonlySet<string> = new Set([
  // Services of a collectivité.
  "rh",
  "drh",
  "scolaire",
  "enfance",
  "jeunesse",
  "population",
  "sport",
  "sports",
  "culture",
  "social",
  "action-sociale",
  "finances",
  "comptabilite",
  "technique",
  "services-techniques",
  "voirie",
  "environnement",
  "dechets",
  "eau",
  "police",
  "police-municipale",
  "elections",
  "citoyennete",
  "logement",
  "emploi",
  "numerique",
  "informatique",
  "dsi",
  "juridique",
  "archives",
  "contact",
  // Abroad: partner towns' and bodies' mailboxes.
  "geral",
  "contacto",
  "contato",
  "kontakt",
  "informacion",
  "informazioni",
  "gemellaggi",
  "jumelage",
  "jumelages",
  "twinning",
  "office",
  "poststelle",
  "rathaus",
  "secretaria",
  "comune",
  "ayuntamiento",
  "contacts",
  "accueil",
  "info",
  "infos",
  "information",
  "informations",
  "mairie",
  "secretariat",
  "communication",
  "courrier",
  "courriers",
  "standard",
  "webmaster",
  "postmaster",
  "noreply",
  "donotreply",
  "nepasrepondre",
  "dpo",
  "rgpd",
  "marches",
  "marchespublics",
  "urbanisme",
  "etatcivil",
  "cabinet",
  "cnil",
  "presse",
  "recrutement",
  "ccas",
  "asso",
  "assoc",
  "association",
  "club",
  "amicale",
  "collectif",
  "comite",
  "syndicat",
  "conseil",
  "bureau",
]);

/** Words an association or a club names its mailbox with, never a person ("comitedesfetes.x", folded). */
const ASSOCIATION_WORD =
  /comite|club|asso(?!u)|amicale|federation|festival|collectif|jumelage|chorale|harmonie|fanfare|rando|gaec|earl(?=[^a-z]|$)|ferme|rucher|cooperative|syndicat|paroisse|secretariat|apel|fcpe|sporti|foot|basket|rugby|handball|tennis|judo|theatre|musique|siaep|sivom|sivu|sictom|smictom|mairie|commune|comcom|ccas/;

/** Mail services where anyone opens a mailbox: there, only a service's word makes a mailbox a service's. */
const PERSONAL_MAIL_DOMAIN =
  /(?:^|\.)(?:gmail|googlemail|hotmail|outlook|live|msn|yahoo|ymail|icloud|me|aol|gmx|protonmail|proton|orange|wanadoo|free|sfr|neuf|bbox|laposte|numericable|club-internet|aliceadsl|voila|tutanota|mail|yandex|qq|163|126)\.[a-z]{2,}$/;

/**
 * Whether a local part names a service: the whole part, its first piece or
 * its first two pieces are a known mailbox ("accueil", "mairie.saint-jean",
 * "etat-civil.ville", "no-reply").
 */
export function isServiceMailbox(local: string): boolean {
  const pieces = foldSameLength(local)
    .split(/[._\-+]|\s+(?:point|dot)\s+/)
    .filter(Boolean);
  const candidates = [pieces.join(""), pieces[0] ?? "", (pieces[0] ?? "") + (pieces[1] ?? "")];
  return candidates.some((candidate) => SERVICE_MAILBOXES.has(candidate));
}

/** Whether a piece of a local part is one person's name ("dupont", "karim", "jdupont", "thihoatran"). */
function isName(piece: string, lex: Lexicon): boolean {
  // A short rare name ("asso", "pij") is as often an abbreviation: only a common one counts.
  const named = (key: string) => {
    const flags = lex.flags(key);
    return (
      (flags & (FIRST_NAME | SURNAME)) !== 0 &&
      (flags & (IS_WORD | PLACE)) === 0 &&
      (key.length >= 5 || (flags & COMMON_NAME) !== 0)
    );
  };
  // Two letters are a code or initials ("ba62", "jp"), not a name by themselves; "saintamand" is a town.
  if (piece.length <= 2 || /^(?:saint|sainte|st)[a-z]{3,}$/.test(piece)) return false;
  if (named(piece)) return true;
  if (piece.length < 6 || lex.isWord(piece) || lex.isPlace(piece)) return false;
  // Initials or a first name glued to a surname, or the other way round ("jdupont", "karimbenali").
  for (let cut = 1; cut <= piece.length - 4; cut += 1) {
    const head = piece.slice(0, cut);
    const tail = piece.slice(cut);
    const headOk = cut <= 2 || (cut >= 3 && (lex.isFirstName(head) || lex.isSurname(head)));
    if (headOk && named(tail)) return true;
  }
  return false;
}

/** Little words inside a glued service name ("amisduvieuxmoulin", "restosducoeur"). */
const JOINING_WORDS: ReadonlySet<string> = new Set(["du", "de", "la", "le", "et", "au", "en"]);

/**
 * Whether a piece is two or three words glued together ("actionsociale",
 * "permisjeunesse", "missionlyonjeunesses"): a service's name.
 */
function isCompound(piece: string, lex: Lexicon, parts = 1): boolean {
  const known = (word: string) => lex.isWord(word) || lex.isPlace(word);
  for (let cut = 2; cut <= piece.length - 3; cut += 1) {
    const head = piece.slice(0, cut);
    // "amisduvieuxmoulin": two-letter words only as the little words that join others.
    if (cut === 2 && !JOINING_WORDS.has(head)) continue;
    const tail = piece.slice(cut);
    if (!known(head)) continue;
    if (known(tail) || (parts < 3 && isCompound(tail, lex, parts + 1))) return true;
  }
  return false;
}

/**
 * Whether the local part is a service's rather than a person's, read word
 * by word: no piece is a name ("jean.dupont", "k.ouali", "tranthihoa"),
 * and a piece is a word of French or an acronym ("regie.enfance",
 * "espaces.verts", "pij"), unless the only words are also first names or
 * surnames ("marie.rose", "pierre.blanc"). At a mail service where anyone
 * opens a mailbox (gmail.com, orange.fr…), a service's word is needed
 * ("assoc.locataires.bellevue@gmail.com").
 */
function readLocal(local: string, domain: string, lex: Lexicon): Reading {
  if (isServiceMailbox(local)) return "service";
  const pieces = foldSameLength(local)
    .replace(/\s+(?:point|dot)\s+/g, ".")
    .split(/[^a-z]+/)
    .filter(Boolean);
  if (pieces.length === 0) return "person";
  // A code of five digits or more ("ce.0350712j": a school's registration number) and no name.
  if (/\d{5,}/.test(local) && !pieces.some((piece) => piece.length > 1 && isName(piece, lex))) {
    return "service";
  }
  const freeMail = isPersonalMailDomain(domain);
  // "mediatheque.zola", "travaux.t2", "base.serreponcon" at a body's domain: a service, then what it is named after.
  const head = lex.flags(pieces[0] ?? "");
  if (
    !freeMail &&
    pieces.length >= 2 &&
    (pieces[0]?.length ?? 0) >= 4 &&
    (head & IS_WORD) !== 0 &&
    (head & FIRST_NAME) === 0 &&
    // "fontaine.chloe": a surname that is also a word, then a first name, is someone's.
    ((head & SURNAME) === 0 || !pieces.slice(1).some((piece) => lex.isFirstName(piece)))
  ) {
    return "service";
  }
  // "comitedesfetes.hautrive", "club.judo.martin": an association's word, whatever names beside it.
  if (freeMail && ASSOCIATION_WORD.test(pieces.join(""))) return "unsure";
  let words = 0;
  let places = 0;
  for (const piece of pieces) {
    // An initial is a person's ("j.dupont", "a.b+cantine").
    if (piece.length === 1 || isName(piece, lex)) return "person";
    const flags = lex.flags(piece);
    // A common first name, or a common surname that is no word, is someone's ("marie.rose").
    const ambiguous =
      (flags & COMMON_NAME) !== 0 && ((flags & FIRST_NAME) !== 0 || (flags & IS_WORD) === 0);
    if ((flags & PLACE) !== 0) places += 1;
    else if (
      ((flags & IS_WORD) !== 0 && !ambiguous) ||
      (piece.length <= 4 && !ambiguous) ||
      isCompound(piece, lex)
    ) {
      words += 1;
    }
  }
  // Where anyone opens a mailbox, one word may be a nickname ("petitchat75"): a service names
  // itself with two pieces at least, a place or two words ("restos.bolbec", "usa.football59").
  if (freeMail) {
    // "jumelage.hautrive", "archers.stsebastien": a service's word of five letters or more and
    // no name beside it is enough.
    const serviceWord = pieces.some(
      (piece) =>
        piece.length >= 5 &&
        (lex.flags(piece) & IS_WORD) !== 0 &&
        (lex.flags(piece) & (FIRST_NAME | SURNAME)) === 0,
    );
    // "seb.roux81", "jp.martin": a short piece no dictionary knows beside a common surname is someone's.
    const surname = pieces.some(
      (piece) => (lex.flags(piece) & SURNAME) !== 0 && (lex.flags(piece) & COMMON_NAME) !== 0,
    );
    const short = pieces.some((piece) => piece.length <= 4 && (lex.flags(piece) & IS_WORD) === 0);
    if (surname && short) return "person";
    if (pieces.length >= 2 && (places > 0 || serviceWord ? words >= 1 : words >= 2)) {
      return "service";
    }
    // "jean@gmail.com": a common first name, even one that is also a word, is someone's.
    const firstName = pieces.some((piece) => {
      const flags = lex.flags(piece);
      return piece.length >= 3 && (flags & FIRST_NAME) !== 0 && (flags & COMMON_NAME) !== 0;
    });
    // "eavd.athle", "esmb24", "ucpmc": no name in it, as often a club's or an association's mailbox
    // as a nickname: possible (masked on the way out, never making a text personal by itself).
    return firstName ? "person" : "unsure";
  }
  // At a body's own domain, pieces no list knows ("cispd", "pcaet", "insitu") are an acronym
  // as often as a rare name: possible.
  return words + places > 0 ? "service" : "unsure";
}

/**
 * Whether an address, plain or spelled out ("x at orange point fr"), is at a
 * mail service where anyone opens a mailbox.
 */
export function atPersonalMailService(address: string): boolean {
  const at = /@|\s(?:arr?obase?|at)\s|[[({]\s*at\s*[\])}]/i.exec(address);
  return at !== null && isPersonalMailDomain(address.slice(at.index + at[0].length));
}

/** Whether the domain is a mail service where anyone opens a mailbox (gmail.com, orange.fr…). */
function isPersonalMailDomain(domain: string): boolean {
  const plainDomain = foldSameLength(domain)
    .replace(/\s*[[({]?\s*(?:point|dot)\s*[\])}]?\s*/g, ".")
    .replace(/\s/g, "");
  return PERSONAL_MAIL_DOMAIN.test(plainDomain);
}

/** How a local part reads: a service's, a person's, or either. */
type Reading = "service" | "person" | "unsure";

interface Address {
  start: number;
  end: number;
  local: string;
  domain: string;
  obfuscated: boolean;
}

/** Domains of public bodies (State, CAF, health insurance, France Travail…), folded, without the local part. */
const PUBLIC_DOMAIN =
  /(?:^|\.)(?:gouv\.fr|caf\.fr|info-caf\.fr|ameli\.fr|msa\.fr|francetravail\.fr|pole-emploi\.fr|urssaf\.fr|notaires\.fr|france-victimes\.fr)$/;

/** A household's domain: "famille-okafor.fr", "familledupont.net", "family-smith.com" (folded). */
const FAMILY_DOMAIN = /^(?:la)?famil(?:le|y|ia)(?:[-.]|(?!s)[a-z])/;

/** "prenom.nom", "p.nom", "prenom-compose.nom": how a person's address at a public body is written. */
const PERSON_LOCAL = /^[a-z]+(?:-[a-z]+)?\.[a-z]+(?:-[a-z]+)?$/;

/**
 * Whether an address is a service's: a known mailbox name ("accueil@",
 * "etat-civil.ville@"), or any address of a public body's domain that is not
 * written as a person's ("sdanf-accueil@interieur.gouv.fr", "bafa79@caf79.caf.fr";
 * "jeanne.durand@interieur.gouv.fr" stays personal).
 */
function reading(address: Address, lex: Lexicon): Reading {
  // "parents@famille-okafor.fr", "contact@family-martin.com": a household's own domain.
  if (FAMILY_DOMAIN.test(foldSameLength(address.domain).trim())) return "person";
  const read = readLocal(address.local, address.domain, lex);
  if (read === "service") return read;
  const domain = foldSameLength(address.domain).trim();
  if (
    !address.obfuscated &&
    PUBLIC_DOMAIN.test(domain) &&
    !PERSON_LOCAL.test(foldSameLength(address.local).replace(/\+.*$/, ""))
  ) {
    return "service";
  }
  // Spelled out to dodge a filter, an address is someone's.
  return address.obfuscated ? "person" : read;
}

/** On the raw text: no "@" nor spelled-out "at", no address. */
const MAYBE_ADDRESS = /@|arr?obas|(?<![a-z])at(?![a-z])/i;

/**
 * Every character an address may hold, spelled-out separators included: a
 * run of them around each "@" cue is all the pattern needs to read.
 */
const ADDRESS_CHAR = `[${ALNUM}_%+.\\-@\\s[\\](){}]`;
/** The run of address characters just before a position (a look-behind reads backwards). */
const RUN_BEFORE = new RegExp(`(?<=(${ADDRESS_CHAR}*))`, "y");
/** The run of address characters from a position. */
const RUN_AFTER = new RegExp(`${ADDRESS_CHAR}*`, "y");

/** Where an "@" may be, in the folded text: every address holds one of these. */
const AT_CUE = /@|arr?obas|(?<![a-z])at(?![a-z])/g;

/** A plain domain at the start of a string ("gmail.com" in "gmail.com point final"). */
const PLAIN_DOMAIN = new RegExp(`^(?:${WORD}\\.)+${TLD}(?![${ALNUM}_\\-])`);
const PLAIN_LOCAL = /^[^\s[\](){}]*$/;

/**
 * The runs of address characters that hold an "@" cue, as [start, end)
 * pairs in text order. An address lies in one run (its characters are all
 * address characters) and the character around a run is none, so the
 * pattern's look-arounds read the same in the run as in the whole text.
 */
function cueRuns(folded: string): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  AT_CUE.lastIndex = 0;
  for (let cue = AT_CUE.exec(folded); cue; cue = AT_CUE.exec(folded)) {
    RUN_BEFORE.lastIndex = cue.index;
    const start = cue.index - (RUN_BEFORE.exec(folded)?.[1]?.length ?? 0);
    RUN_AFTER.lastIndex = cue.index;
    const end = cue.index + (RUN_AFTER.exec(folded)?.[0].length ?? 0);
    runs.push([start, end]);
    // The next cue in this run is read with it.
    AT_CUE.lastIndex = end;
  }
  return runs;
}

/**
 * Every address in the text, plain or obfuscated, service mailboxes
 * included. A plain address followed by spelled-out words ("…@gmail.com
 * point final") keeps its plain part only. The pattern reads only the runs
 * around an "@" cue: the same matches as over the whole text, a fraction
 * of the work.
 */
function addresses(context: ScanContext): Address[] {
  const found: Address[] = [];
  const runs = cueRuns(context.folded);
  if (runs.length === 0 || !MAYBE_ADDRESS.test(context.text)) return found;
  const folded = context.folded;
  for (const [runStart, runEnd] of runs) {
    for (const match of matches(ADDRESS, folded.slice(runStart, runEnd))) {
      const { local = "", at = "", domain = "" } = match.groups ?? {};
      const start = runStart + match.index;
      // Offsets are the same in the folded text; the service check folds anyway.
      const plain = at === "@" && PLAIN_LOCAL.test(local) ? PLAIN_DOMAIN.exec(domain) : null;
      const end = plain
        ? start + local.length + at.length + plain[0].length
        : start + match[0].length;
      found.push({ start, end, local, domain: plain?.[0] ?? domain, obfuscated: !plain });
    }
  }
  return found;
}

/**
 * E-mail addresses: plain ones (`email.plain`) and the obfuscated spellings
 * people type to dodge filters — "prenom.nom arobase mairie.fr",
 * "prenom.nom [at] mairie [dot] fr", "prenom.nom @ mairie.fr"
 * (`email.obfuscated`). A service's mailbox (contact@, accueil@,
 * mairie.x@…, or a public body's address not written as a person's) is
 * not personal: it is a look-alike (`email.service`).
 */
/** How each address of the text reads. */
function readings(context: ScanContext): { address: Address; read: Reading }[] {
  return context.memo(addresses).map((address) => ({ address, read: reading(address, lexicon()) }));
}

export const emailRecognizer: Recognizer = {
  name: "email",
  find(text, context) {
    return contextOf(text, context)
      .memo(readings)
      .filter(({ read }) => read !== "service")
      .map(
        ({ address, read }): Entity => ({
          type: "EMAIL",
          start: address.start,
          end: address.end,
          confidence: read === "unsure" ? 0.5 : address.obfuscated ? 0.9 : 0.98,
          rule:
            read === "unsure"
              ? "email.unsure"
              : address.obfuscated
                ? "email.obfuscated"
                : "email.plain",
          ...(read === "unsure" && { certainty: "possible" as const }),
        }),
      );
  },
  lookAlikes(text, context) {
    return contextOf(text, context)
      .memo(readings)
      .filter(({ read }) => read === "service")
      .map(
        ({ address }): LookAlike => ({
          start: address.start,
          end: address.end,
          rule: "email.service",
          organisation: "EMAIL",
        }),
      );
  },
};
