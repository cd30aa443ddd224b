import type { ScanContext } from "./entity.js";
import { lineStart as lineStartWithin } from "./spans.js";

/**
 * Whether a phone number, a postal address or a mailbox is an organisation's
 * own (a service, a town hall, a CCAS, a CAF, a hospital, an association):
 * public information, not personal data. Read from the words before it, in
 * its line (and the line before when it starts a line or follows a label,
 * as in a letterhead or a signature): an organisation named after the last
 * word that points at a person ("Mme Garcia orientée vers France Victimes
 * (04…)" is an organisation's number; "rappeler Mme Durand au 04…" is hers).
 */

/**
 * Words that introduce an organisation's contact details (folded, at a
 * word's start; as regular-expression pieces): a body, a service, a
 * switchboard, how to reach them ("nous appeler", "pour toute question").
 */
const ORGANISATION_WORDS = [
  // Bodies and services; "leur standard" is still an organisation's.
  "(?:leur|son|votre|notre) (?:standard|secretariat|siege|service clients?|accueil)",
  "(?:ses|leurs|nos|vos) (?:bureaux|locaux|services|antennes)",
  "sous-direction",
  "services?",
  "section",
  "ccas",
  "cias",
  "cci",
  "cma",
  "chambre (?:de|d'|des|du|regionale|departementale)",
  "mairies?",
  "hotel de ville",
  "hotel du departement",
  "hotel de region",
  "(?<!famille d')accueil",
  "secretariat",
  "standard",
  "antenne",
  "plateforme",
  "centre",
  "bureaux?",
  "maison (?:de|des|du|d'|france|departementale)",
  "permanences?",
  "mdph",
  "caf",
  "cpam",
  "msa",
  "carsat",
  "urssaf",
  "cnav",
  "ars",
  "dreets",
  "ddets",
  "prefecture",
  "sous-prefecture",
  "association",
  "astreinte",
  "police municipale",
  "gendarmerie",
  "commissariat",
  "sdis",
  "samu",
  "pompiers",
  "cellule",
  "drh",
  "rh",
  "direction",
  "pole",
  "regie",
  "espace",
  "point information",
  "point conseil",
  "pij",
  "clic",
  "adil",
  "udaf",
  "chu",
  "centre hospitalier",
  "hopital",
  "clinique",
  "ehpad",
  "residence autonomie",
  "foyer",
  "etablissement",
  "scec",
  "drihl",
  "france services",
  "france victimes",
  "france travail",
  "bailleur",
  "opac",
  "oph",
  "habitat",
  "sa hlm",
  "hlm",
  "office",
  "office notarial",
  "etude",
  "notaire",
  "agence",
  "guichet",
  // "en mission", "en métropole" say where someone is, not who gives the number.
  "(?<!en )mission",
  "departement",
  "conseil departemental",
  "conseil regional",
  "region",
  "(?<!en )metropole",
  "agglomeration",
  "agglo",
  "communaute (?:de|d'|urbaine)",
  "cdg",
  "centre de gestion",
  "croix-rouge",
  "secours populaire",
  "secours catholique",
  "restos du c",
  "les restos",
  "emmaus",
  "banque alimentaire",
  "maraude",
  "mediatheque",
  "bibliotheque",
  "piscine",
  "musee",
  "theatre",
  "cinema",
  "salle des fetes",
  "crous",
  "greta",
  "cfa",
  "universite",
  "iut",
  "ecole",
  "college",
  "lycee",
  "mjc",
  "creche",
  "caisse",
  "tresorerie",
  "impots",
  "la poste",
  "bureau de poste",
  "banque de france",
  // Abroad: partner towns' and provinces' offices.
  "provincia",
  "segreteria",
  "ufficio",
  "ayuntamiento",
  "diputacion",
  "camara municipal",
  "gabinete",
  "stadtverwaltung",
  "gemeinde",
  "comune",
  "concello",
  "municipio",
  "urzad",
  "starostwo",
  "consiliul",
  "consulat",
  "consulado",
  "ambassade",
  "paroisse",
  "mosquee",
  "synagogue",
  "eglise",
  "temple",
  "jumelage",
  "club",
  "comite",
  "federation",
  "union",
  "cooperative",
  "maison de sante",
  "pharmacie",
  "laboratoire",
  "pmi",
  "cimetieres?",
  "conservation",
  "pompes funebres",
  "prestataire",
  "entreprise",
  "societe",
  "syndic",
  "cabinet",
  "tribunal",
  "greffe",
  "spip",
  "siege",
  "siege social",
  "sas",
  "sarl",
  "eurl",
  "sci",
  "ets",
  "garage",
  "magasin",
  "boutique",
  "relais",
  "ateliers?",
  "municipale?",
  "municipaux",
  "local",
  "siret",
  "siren",
  "cgss",
  "stade",
  "club-house",
  "epicerie",
  "restaurant",
  "brasserie",
  "hotel",
  "camping",
  "supermarche",
  "boulangerie",
  "solidaire",
  "vaccination",
  "poste interne",
  "poste \\d",
  // How a body gives its contact details.
  "renseignements",
  "inscriptions?",
  "(?:sur|prise de|prendre|prenez) (?:rendez-vous|rdv)",
  "(?:rendez-vous|rdv) (?:au|en ligne|par)",
  "pour toute question",
  "horaires",
  "du lundi au",
  "fax",
  "hotline",
  "assistance",
  "depannage",
  "urgences?",
  "24h/24",
  "7j/7",
  "numero (?:vert|azur|unique|gratuit|d'astreinte)",
  "nous (?:trouver|appeler|ecrire|contacter|joindre|rencontrer)",
  "notre (?:adresse|numero|accueil|standard|service|secretariat)",
  "ligne (?:reservee|directe du service)",
  "partenaires",
  "interlocuteur employeurs?",
  "depuis l'etranger",
  "depuis l'outre-mer",
  "appel gratuit",
  "prix d'un appel",
  "information jeunesse",
];
/** "sa maison", "mon garage", "son immeuble" are someone's: a possessive before the word cancels it. */
const ORGANISATION = new RegExp(
  `(?<![a-z0-9@.])(?<!(?:^|[^a-z])(?:mon|ma|mes|son|sa|ses|leur|leurs|votre|vos|ton|ta|tes) )(?:${ORGANISATION_WORDS.join("|")})(?![a-z])`,
  "g",
);

/**
 * How public information sheets lay out a body's contact details ("Par
 * courrier", "Par téléphone", "Sur place", "Télécopie"): read as an
 * organisation's only in documents, where a person's details rarely stand so.
 */
const CONTACT_BLOCK =
  /(?<![a-z])(?:par courrier|par telephone|par telecopie|telecopie|par messagerie|par courriel|par correspondance|par email|par mail|sur place|ouvert au public|information generale|cout d'|serveur vocal|accueil telephonique|standard telephonique)(?![a-z])/g;

/** Words that point at one person, whose contact details follow (folded). */
const PERSON =
  /(?<![a-z])(?:m\.|mme|mr|mlle|madame|monsieur|mademoiselle|(?:son|sa|ses|mon|ma|mes|leur|votre|ton|ta|notre) (?:maison|logement|appartement|chambre|nouvelle adresse|numero|n°|num|portable|port|tel|telephone|mobile|fixe|adresse|domicile|mail|courriel|e-?mail|fils|fille|mere|pere|mari|femme|epoux|epouse|conjointe?|voisine?|soeur|sour|frere|enfant)|joignable|perso|personnel(?:le)?|domicil\w*|habite|habitant|demeurant|reside|residait|vit|vivai\w*|vivent|heberge(?:e|s|es)?|logee?|(?<!(?:restaurant|bar|cafe|brasserie|auberge|epicerie|salon|boutique|magasin|garage|traiteur|creperie|pizzeria) )chez|portable|rappeler|rappelez|rappele|a appele|joindre|la mere|le pere|(?<!(?:guichet|service|espace|pole|portail|accueil|maison de la|relais|point) )famille|appel (?:de|du|d'|anonyme|recu)|(?<!en )appelant|appelante|la personne|l'usager|l'usagere|une dame|un monsieur|un habitant|une habitante|riverain|riveraine|locataire)(?![a-z])/g;

/** Words of {@link PERSON} that only ask to call, ending a window (folded). */
const WEAK_PERSON = /(?<![a-z])(?:joignable|joindre|rappeler|rappelez|rappele)$/;

/** Words of {@link PERSON} that name or point at one person for sure (folded). */
const STRONG_PERSON =
  /(?<![a-z])(?:m\.|mme|mr|mlle|madame|monsieur|mademoiselle|la mere|le pere|la personne|l'usager|l'usagere|une dame|un monsieur)(?![a-z])/g;

/** An organisation reaching someone ("vous contactera", "lui écrira"): the contact after it is theirs (folded). */
const CALLS_SOMEONE = /(?<![a-z])(?:vous|te|lui|leur)\s+(?!au\b|a\b|en\b)[a-z]{3,}/;

/** Words that say where someone lives (folded). */
const RESIDENCE =
  /(?<![a-z])(?:domicil\w*|habite|demeurant|reside|residait|vit|vivait|heberge(?:e|s|es)?|logee?|placee? (?:en|chez|dans)|adresse personnelle)(?![a-z])/g;

/** Labels that start a line of contact details: the line before may name the organisation. */
const LABEL =
  /^\s*(?:tel|tél|telephone|mob|fax|courriel|e-?mail|mail|adresse|contact|renseignements|standard)\b/;

/** How far back a person pointed at makes a document's landline or address theirs. */
const NEAR_PERSON = 300;

/** How far back, at most, the words before a contact are read. */
const WINDOW = 160;

/** The start of the line holding `index` in the folded text (read back no farther than a window needs). */
const lineStart = (folded: string, index: number) => lineStartWithin(folded, index, 4 * WINDOW);

/** A sentence's end: a full stop (not an abbreviation's: "tél. ", "n. ", "M. ") and a space. */
const SENTENCE_END =
  /(?<!(?:^|[^a-z])(?:tel|mob|port|fax|no|n|st|ste|av|bd|ch|m|mme|dr|cf|p|bat|apt|esc|env|etc))[.!?]\s/g;

/** Where the last sentence of a window starts (after its end mark), or -1. */
function lastSentenceEnd(window: string): number {
  let end = -1;
  SENTENCE_END.lastIndex = 0;
  for (let match = SENTENCE_END.exec(window); match; match = SENTENCE_END.exec(window))
    end = match.index;
  return end;
}

/** Where the last match of a global pattern ends in a text, or -1. */
function lastEnd(pattern: RegExp, text: string): number {
  let end = -1;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    end = match.index + match[0].length;
  }
  return end;
}

/**
 * The words read before a contact at `start`: its line, and, when the
 * contact starts its line or follows only a label ("Tél. :", "☎"), the
 * lines above it in the same block (a letterhead, a signature, a poster),
 * up to a blank line or a line ending a sentence.
 */
function windowBefore(folded: string, start: number): string {
  let from = lineStart(folded, start);
  let line = folded.slice(from, start);
  for (let lines = 0; lines < 5 && from > 0; lines += 1) {
    if (!/^[^a-z0-9]*$/.test(line) && !LABEL.test(line)) break;
    let above = lineStart(folded, from - 1);
    let previous = folded.slice(above, from);
    // One blank line between a short heading and its contact ("Par téléphone\n\n01 40…") is the same block.
    if (previous.trim() === "" && above > 0) {
      const before = lineStart(folded, above - 1);
      const heading = folded.slice(before, above);
      if (heading.trim().length > 0 && heading.trim().length <= 80) {
        above = before;
        previous = heading;
      }
    }
    // A blank line or a line that ends a sentence closes the block.
    if (previous.trim() === "" || /[.!?]\s*$/.test(previous)) break;
    from = above;
    line = previous;
  }
  return folded.slice(Math.max(from, start - 2 * WINDOW), start);
}

/** A directory's dotted leaders before a number ("CCAS ........ 03 20 22 77 40"). */
const LEADERS = /\.{4,}\s*$/;

/**
 * Whether a word pointing at a person, or where someone lives, comes before
 * `start` in its line; `strong`: a civility or a word that names one person
 * ("Mme", "la personne"), not a word that may speak of a service ("famille",
 * "domiciliation").
 */
export function personBefore(context: ScanContext, start: number, strong = false): boolean {
  const window = windowBefore(context.folded, start);
  if (strong) return lastEnd(STRONG_PERSON, window) >= 0;
  RESIDENCE.lastIndex = 0;
  return lastEnd(PERSON, window) >= 0 || RESIDENCE.test(window);
}

/**
 * Whether the contact at `start` is introduced as an organisation's: an
 * organisation's word before it, after the last word pointing at a person.
 * A mobile number asks for more: the organisation's word close before it
 * (60 characters, its own line) and no person pointed at in its sentence.
 * In a document, a landline or an address is an organisation's unless a
 * person is pointed at (`publicInDocuments`).
 */
export function isOrganisationContact(
  context: ScanContext,
  start: number,
  options: { mobile?: boolean; publicInDocuments?: boolean } = {},
): boolean {
  const window = windowBefore(context.folded, start);
  if (!options.mobile && LEADERS.test(window)) return true;
  // A number a web page links to ("<a href="tel:…">") is the page's organisation's.
  if (/href="tel:(?:[^"]*">\s*)?$/.test(window)) return true;
  const sentence = lastSentenceEnd(window);
  const person = lastEnd(PERSON, window);
  let personHere = person > sentence ? person : -1;
  // "La MDA reste joignable au…": a word that only asks to call points at the organisation named before it.
  if (personHere >= 0 && WEAK_PERSON.test(window.slice(0, personHere))) {
    const before = window.slice(sentence + 1, personHere);
    if (lastEnd(ORGANISATION, before) >= 0 && lastEnd(STRONG_PERSON, before) < 0) personHere = -1;
  }
  // A document (a public sheet, a procedure) gives a landline or an address as its organisation's
  // unless a person is pointed at close before (a case note names the resident lines above).
  if (context.purpose === "documents" && options.publicInDocuments) {
    const near = context.folded.slice(Math.max(0, start - NEAR_PERSON), start);
    if (
      lastEnd(PERSON, near) < 0 &&
      lastEnd(RESIDENCE, near) < 0 &&
      !/\badresse\s*:\s*$/.test(near)
    ) {
      return true;
    }
  }
  // On the way out, a block that points at a person ("Bénéficiaire : Mme X…\nAdresse : …") gives
  // their details, whatever organisation it names: recall comes first there.
  if (context.purpose !== "documents" && window.includes("\n") && lastEnd(PERSON, window) >= 0) {
    return false;
  }
  const organisation = Math.max(
    lastEnd(ORGANISATION, window),
    context.purpose === "documents" ? lastEnd(CONTACT_BLOCK, window) : -1,
  );
  if (organisation < 0) return false;
  // Where someone lives is theirs, whatever the building ("vit au foyer-logement…", "domicile : EHPAD…").
  RESIDENCE.lastIndex = 0;
  if (RESIDENCE.test(window.slice(Math.max(0, lastSentenceEnd(window))))) return false;
  // Its own sentence only ("…de l'hôpital. Tél : 07…" is someone's), or its letterhead.
  if (organisation <= sentence) return false;
  // "La CAF vous contactera au 07…": the organisation calls someone, at their number.
  if (CALLS_SOMEONE.test(window.slice(organisation))) return false;
  if (options.mobile) {
    const line = window.lastIndexOf("\n");
    return personHere < 0 && window.length - organisation <= 60 && organisation > line;
  }
  return organisation > personHere;
}
