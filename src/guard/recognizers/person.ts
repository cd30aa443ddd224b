import {
  contextOf,
  type Entity,
  type Recognizer,
  ScanContext,
  type ScanPurpose,
} from "../entity.js";
import { foldSameLength } from "../fold.js";
import {
  COMMON_NAME,
  type ExtraNames,
  FIRST_NAME,
  type Lexicon,
  lexicon,
  PLACE,
  SURNAME,
  WORD,
} from "../lexicon.js";
import { lineEnd, lineStart } from "../spans.js";
import { LONGEST_WORD, type Token, tokensOf } from "../tokens.js";
import { isAbroad, VEHICLE_MAKES } from "../words.js";
import { COMMON_WORDS, FIRST_NAMES } from "./first-names.js";

const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter(Boolean));

/** Civilities and titles before a name, folded ("M." is `m` followed by a full stop). */
const ABBREVIATED_CIVILITIES = words("m mr mrs mme mmes mlle mlles");
/** A mail's header line: what follows it opens the message. */
const MAIL_HEADER = /^\s*(?:objet|sujet|de|à|a|cc|date|envoy[ée]|re|tr|fwd)\s*:/i;
/** Locutions whose second word could read as a name in lower case: "le long de la Seine". */
const LOCUTIONS = new Set(["le long", "au long", "du long", "au bord", "au pied", "au fond"]);
/** How far back a line's start is looked for (a mail header is a short line). */
const LINE_LOOKUP = 400;
const ROMAN_NUMERAL = /^(?:I{2,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV|XVI{1,3}|XX|XXI{1,3})$/;
/** Characters everyone knows, named by a family role: "le Père Noël" is no one's father. */
const CHARACTERS = new Set(["pere noel", "mere noel", "papa noel", "petit prince", "petit poucet"]);
const HONORIFICS = words(`m mr mrs mme mmes mlle mlles madame monsieur mademoiselle messieurs
  mesdames dr docteur docteure me maitre pr professeur professeure mm vve veuve`);

/** Family and administrative roles after which a name follows ("son fils Lucas", "la famille Martin"). */
const ROLES = words(`famille enfant enfants fils fille filles mere pere maman papa epoux epouse mari
  conjoint conjointe concubin concubine compagnon compagne frere soeur sour grand-mere grand-pere
  petit-fils petite-fille neveu niece oncle tante cousin cousine bebe eleve usager usagere agent
  agente collegue stagiaire candidat candidate locataire proprietaire voisin voisine beneficiaire
  demandeur demandeuse requerant requerante defunt defunte nomme nommee denomme denommee prenomme
  prenommee alias nee veuve patient patiente resident residente tuteur tutrice curateur
  curatrice beau-pere belle-mere beau-frere belle-soeur belle-sour gendre belle-fille ami amie chez
  jeune mineur mineure majeur majeure interesse interessee ado adolescent adolescente gamin gamine
  petit petite benevole salarie salariee titulaire contractuel contractuelle`);

/** Greetings before a name ("Bonjour Karim", "Chère Madame Ferreira"). */
const SALUTATIONS = words(`bonjour bonsoir cher chere chers cheres salut coucou hello merci bjr slt
  attention attn`);

/** Field labels before a colon and a name ("Nom : Dupont", "De : Karim Benali"). */
const FIELDS = words(`nom noms prenom prenoms usage naissance marital maritale famille demandeur
  demandeuse beneficiaire usager usagere agent agente signataire signe signee referent referente
  interlocuteur interlocutrice contact de a cc cci expediteur destinataire patient patiente defunt
  defunte enfant enfants parent parents legal titulaire locataire proprietaire epoux epouse pere
  mere conjoint conjointe redacteur redactrice par instructeur instructrice gestionnaire eleve
  stagiaire candidat candidate requerant requerante declarant declarante temoin temoins tuteur
  tutrice mandataire representant representante responsable auteur autrice victime mis-en-cause
  personne client cliente`);

/** Fields of a message's header, read as such only at a line's start. */
const HEADER_FIELDS = words("de a cc cci");

/** The last word of a letter's closing, before the signature ("Cordialement, Sandrine"). */
const CLOSINGS = words(`cordialement cdlt cdt salutations respectueusement amicalement vous toi
  journee soiree bientot merci avance bises bisous sincerement remerciements`);

/** Initials before a name, at most ("J.-P.-M. Dupont"). */
const MOST_INITIALS = 3;

/** Closing words that close only after one of these words ("bonne journée", "à bientôt", "d'avance"). */
const CLOSING_AFTER: Readonly<Record<string, ReadonlySet<string>>> = {
  journee: words("bonne belle excellente agreable"),
  soiree: words("bonne belle excellente agreable"),
  bientot: words("a"),
  avance: words("d' par"),
};

/** Verbs that introduce one's name ("je m'appelle Aïcha"). */
const NAMING_VERBS = words("appelle appelais appelait appelons nomme prenomme");

/** Between a first name and a surname, or inside a surname ("Marie de la Tour", "Pedro dos Santos"). */
const PARTICLES =
  words(`de du des d' l' la le les ben bin ibn ait dos da das do van von der den el al
  di del della lo bou abou mac mc ter ten y`);

/**
 * Places and institutions named after people: "rue Victor Hugo", "collège
 * Marie Curie", "loi Veil", "salle Jean Moulin", "maladie d'Alzheimer".
 */
const NAMED_AFTER = words(`rue av avenue boulevard bd bld place allee impasse quai chemin route
  za zi zac zae kiosque clube klub parkplatz bourg commune mas ferme domaine metairie bastide borie
  combe secteur village lavoir dechetterie
  avenida calle rua praca piazza plaza largo strasse platz ulica carrer avinguda travessa
  square cours passage sentier esplanade promenade parvis rond-point faubourg cite residence
  lotissement hameau quartier ecole college lycee universite faculte iut stade salle gymnase
  piscine mediatheque bibliotheque hopital clinique centre ehpad parc jardin pont gare station
  metro musee theatre cinema espace maison foyer creche halle complexe groupe institut
  fondation prix loi lois decret amendement fonds dispositif methode syndrome
  maladie pharmacie cabinet association amicale club entreprise societe ets etablissements
  restaurant brasserie hotel camping laboratoire boulangerie garage agence auto-ecole
  residences tour tours batiment bat immeuble villa domaine cite-jardin stade-nautique avenue-du
  porte station-service clos allees maternite halte-garderie multi-accueil relais boulodrome
  dojo auditorium amphitheatre pavillon lieu-dit lieudit via calle rua strada mosquee eglise
  paroisse temple synagogue cathedrale chapelle basilique maternelle elementaire primaire
  chaire chateau abbaye manoir campus technopole pepiniere ecoquartier usine ecomusee trophee
  trophees concours challenge coupe tournoi rallye marathon semi-marathon trail etang lac col
  mont pic vallee plateau foret bois ile iles baie cap pointe gorges plage port canal consulat
  consulado embajada ambassade istituto instituto berufskolleg universidad universidade
  universita hochschule gymnasium liceo escola escuela colegio scuola conservatoire camara
  comune praca piazza plaza ufficio servizio citta rathaus ayuntamiento municipio prefeitura
  gemeinde stadt concelho freguesia pas roc anse barrage puy gite cabane pre secteur cercle moulin
  source fontaine riviere ruisseau colline vallon combe crete sommet refuge chalet grotte cascade
  digue ecluse phare marais lande cirque plage fort habitation hangar fronton trinquet`);

/**
 * Things named by the word right after them, a name or not: "Pass Culture",
 * "Carte Rémi", "procédure Dublin", "permis B", "Ville de Grande Synthe",
 * "Communauté de communes Sud-Hérault", "Mission Locale Nice".
 */
const NAMED_DIRECTLY = words(`carte pass passe billet forfait coupon cheque bourse prime aide
  allocation programme procedure reglement zone permis brevet bons contrat plan fonds reseau ville
  communaute communes syndicat mission locale mutualite region pays agglomeration metropole
  departement caisse carsat petr pole organisme commune canton village conseil operation projet
  label marque societe ste sarl sas eurl sci groupe agence club equipe ligue federation festival
  antenne bailleur operateur fournisseur prestataire enseigne magasin supermarche reseau ligne
  arret attributaire attributaires groupement cotraitant sous-traitant salon forum format
  logiciel application appli plateforme outil marque cars autocars taxis ambulances formation
  parcours offre editions transports chocolaterie fromagerie savonnerie boucherie charcuterie
  patisserie epicerie librairie fleuriste toitures menuiserie plomberie maconnerie couverture
  imprimerie traiteur caves vignobles ateliers atelier karate judo football basket handball rugby
  tennis danse compagnie ensemble chorale orchestre troupe fanfare harmonie collectif batucada
  optique comptoir gamme modele produit serie pizzeria creperie quincaillerie droguerie food-truck food-trucks foodtruck foodtrucks truck
  trucks tarte sauce peche poire`);

/**
 * Words after a name that make it a company's, a body's or a foreign
 * street's: a legal form ("Moreau SARL"), a trade ("Lacroix Électronique",
 * "COLAS France", "Brittany Ferries"), a venue ("Paris Expo", "County Hall",
 * "Martineau Lane").
 */
const LEGAL_FORMS = words(`sarl sas sasu sa eurl scop snc sci gie selarl selas scp scm earl gaec sca
  sem spl gmbh ltd llc inc plc bv srl spa`);
const ORGANISATION_AFTER = words(`${[...LEGAL_FORMS].join(" ")} france group groupe holding
  international industrie industries services solutions technologies ingenierie consulting
  conseil construction constructions btp batiment electronique energie energies habitat
  immobilier transports transport logistique distribution paysages genie biotech pharma
  production productions evenements events formation formations expo ferries airlines airways
  connect lane street road drive hall house park strasse platz weg gasse council county
  institute institut university universitat istituto college school centre center foundation
  stiftung verein telecom medical sante freres associes cie municipal municipale municipality
  municipio municipalite comune gemeinde stadt ayuntamiento concello`);

/** Legal forms written with dots, just after a name (B.V., N.V., S.A., S.L., S.p.A., S.r.l., S.A.S.). */
const DOTTED_LEGAL_FORM =
  /[ \t,](?:B\.V|N\.V|S\.A|S\.L|S\.p\.A|S\.r\.l|S\.A\.S|A\.G)\.?(?![\p{L}])/u;

/** Words between a place's kind and the person it is named after ("école élémentaire Jules Ferry"). */
const PLACE_KINDS = words(`maternelle elementaire primaire scolaire social sociale municipal
  municipale municipaux intercommunal intercommunale departemental departementale culturel
  culturelle sportif sportive nautique hospitalier hospitaliere medico-social universitaire
  publique public communal communale omnisports polyvalente polyvalent socioculturel
  socio-culturel aquatique associatif associative des fetes sports jeunes arts loisirs quartier
  ville culture familles seniors`);

/**
 * People after whom France names its streets, schools and buildings (folded
 * full names): without a cue, "Victor Hugo", "Jean Zay" name a place, a
 * school or a work far more often than a resident.
 */
const EPONYMS = new Set(
  `victor hugo|jean jaures|jean moulin|jules ferry|louis pasteur|charles de gaulle|marie curie|
  pierre curie|simone veil|jean zay|leon blum|pierre mendes france|jean mermoz|jules verne|emile zola|
  george sand|anatole france|aristide briand|jean macé|jean mace|paul bert|jules guesde|
  gabriel peri|pierre brossolette|lucie aubrac|germaine tillion|olympe de gouges|louise michel|
  jean monnet|robert schuman|francois mitterrand|georges pompidou|rene cassin|antoine de saint-exupery|
  albert camus|jean de la fontaine|pablo picasso|paul eluard|louis aragon|jacques prevert|
  marcel pagnol|alexandre dumas|honore de balzac|gustave eiffel|gustave flaubert|guy de maupassant|
  victor schoelcher|jean-jacques rousseau|denis diderot|jean moulin|martin luther king|
  nelson mandela|rosa parks|frederic mistral|joseph fourier|andre malraux|albert schweitzer|
  pierre de coubertin|marcel cerdan|jacques brel|edith piaf|georges brassens|jean ferrat|
  claude debussy|hector berlioz|maurice ravel|camille claudel|auguste renoir|claude monet|
  paul cezanne|henri matisse|jean renoir|louis lumiere|auguste et louis lumiere|irene joliot-curie|
  frederic joliot-curie|jean rostand|paul langevin|jean perrin|andre citroen|louis blériot|
  louis bleriot|roland garros|charles peguy|romain rolland|paul valery|stephane mallarme|
  arthur rimbaud|paul verlaine|charles baudelaire|joachim du bellay|pierre de ronsard|jean racine|
  pierre corneille|francois rabelais|michel de montaigne|blaise pascal|rene descartes|
  jeanne d'arc|henri iv|louis xiv|napoleon bonaparte|georges clemenceau|jean-baptiste clement|
  salvador allende|che guevara|pierre et marie curie|simone de beauvoir|marguerite yourcenar|
  marguerite duras|colette besson|abbe pierre|mere teresa|coluche|joseph kessel|romain gary`
    .split("|")
    .map((name) => name.trim())
    .filter(Boolean),
);

/** A post code right after a name: it is a town or a lieu-dit ("Kerhuel, 29170 Fouesnant"). */
const POST_CODE_AFTER = /^,?\s*\d{5}\b/;

/** Titles between a place's word and the person it is named after ("rue du Général de Gaulle"). */
const TITLES = words(`general generale marechal president presidente docteur professeur abbe saint
  sainte pere frere mere sour soeur cardinal pasteur recteur amiral lieutenant colonel capitaine
  commandant sergent colonel-fabien mgr st ste dr pr gal gen mal`);

/** Articles: in a document, the capitalised words after them name a thing ("Le Combo Parfait"). */
const ARTICLES = words("le la les un une ce cette l'");

/** A capital inside a word, after lowercase letters, that no name prefix explains ("CityCat", "PowerPoint"). */
const BRAND_CASE = /^(?!(?:Mc|Mac|De|Di|Da|Du|Le|La|Van|Von|Fitz)\p{Lu})\p{Lu}\p{Ll}+\p{Lu}/u;

/** Prepositions before a town rather than a person ("habite à Roubaix", "en Ardèche"). */
const TO_PLACE = words("a au aux en vers depuis sur sous pres habite habitant domicilie");

/** Roman numerals and ordinals ("XXIe", "IIIème"). */
const ROMAN = /^[ivxlcdm]+(?:e|er|eme|ere)?$/;

/**
 * An acronym rather than a surname in capitals: short ("CCAS", "SDIS"),
 * few vowels ("URSSAF", "FIPHFP"), or capitals before lowercase ("SNUipp").
 */
function isAcronym(token: Token): boolean {
  // Only capitals, or two capitals first: the rest is read only then.
  if (token.shape === "capital") {
    const second = token.text[1] ?? "";
    if (second === second.toLowerCase()) return false;
  } else if (token.shape !== "upper") return false;
  const letters = token.text.replace(/[^\p{L}]/gu, "");
  if (/^\p{Lu}{2,}\p{Ll}/u.test(letters)) return true;
  if (letters !== letters.toUpperCase() || letters.length < 2) return false;
  if (letters.length <= 4) return true;
  const vowels = letters.replace(/[^AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŸ]/g, "").length;
  return vowels / letters.length < 0.34;
}

/** Capitalised words that are no one's name, beyond the dictionary's (titles, bodies, headings). */
const NOT_NAMES = words(`mairie ville commune conseil municipal municipale departement departemental
  departementale region regional regionale etat republique france prefecture president
  presidente maire adjoint adjointe direction directeur directrice service pole centre caf cpam msa
  urssaf madame monsieur mademoiselle janvier fevrier mars avril mai juin juillet aout septembre
  octobre novembre decembre lundi mardi mercredi jeudi vendredi samedi dimanche bonjour
  cordialement objet ref reference tel telephone email mail courriel adresse nom prenom chef
  responsable secretaire conseiller conseillere depute deputee senateur senatrice prefet prefete
  ministre docteur maitre agent equipe accueil standard dossier note compte rendu pj cc rdv
  tresor etat-civil
  saint sainte st ste metropole agglomeration communaute tribunal justice police gendarmerie
  amis
  enero febrero marzo abril mayo junio julio agosto septiembre setembro octubre outubro noviembre
  novembro diciembre dezembro janeiro fevereiro maio junho julho gennaio febbraio aprile
  maggio giugno luglio settembre ottobre dicembre january february march april june july
  september october november december
  em los las del della delle degli din och und der die das het een the of and per para por com
  con sul dla herr herrn frau dem den im am zum zur vom bei mit ab burgermeister oberburgermeister burgermeisterin oberburgermeisterin`);

/** Words that never start or continue a name, whatever the cue. */
const NEVER_NAMES = new Set([...HONORIFICS, ...SALUTATIONS, ...CLOSINGS, ...NOT_NAMES]);

/**
 * Names beyond the shipped lists, folded: INSEE's files imported with
 * `beffroi guard names import`.
 */
export type PersonNames = ExtraNames;

/** Imported names shorter than this are left out: "Al", "Jo" are particles and syllables too. */
const SHORTEST_NAME = 3;

/**
 * Whether an imported name (folded) may be counted as imported: at least three
 * letters, and not a common word ("petit", "blanc", "moulin", "avril") nor a
 * word that starts with a capital without naming anyone ("mairie"). Built-in
 * first names always may.
 */
export function isUsableName(key: string): boolean {
  if (FIRST_NAMES.has(key)) return true;
  return key.length >= SHORTEST_NAME && !NOT_NAMES.has(key) && !COMMON_WORDS.has(key);
}

/** What the recognizer knows of one word. */
interface Known {
  first: boolean;
  surname: boolean;
  /** Common enough to be someone's name by itself (a frequent first name or surname). */
  common: boolean;
  /** A word of French, an acronym or a title: not a name by itself. */
  word: boolean;
  place: boolean;
}

/** Rules of names read after a cue: a place's name elsewhere in the text does not undo them. */
const CUED_RULES: ReadonlySet<string> = new Set([
  "person.honorific",
  "person.role",
  "person.salutation",
  "person.field",
  "person.signature",
  "person.naming",
  "person.initial",
  "person.age",
  "person.contact",
]);

/** An age just after a name: ", 11 ans", " (3 ans)", ", 18 mois". */
const AGE_AFTER = /^\s*[,(]\s*\d{1,2}\s*(?:ans|an|mois)(?![\p{L}])/u;

/** Sports clubs' initials before the name they bear ("ES Jean Bouin", "US Jules Ferry"). */
const CLUB_INITIALS: ReadonlySet<string> = new Set(
  "es as fc us sc ac js rc cs ca asc asm usm esc jsa fca sa ol".split(" "),
);

/** Someone's contact or home right after a name: "Anneke, 06 - 12…", "Ana, joignable au…", "Mai, vit à…". */
const CONTACT_AFTER =
  /^[ \t]*[,(][ \t]*(?:joignable|injoignable|t[ée]l\b|t[ée]l[ée]phone|portable|mobile|vit |habite|demeurant|domicili[ée]e?|\+\d|0\d[ .\-/]?\d)/i;

/** A count in brackets after a word: "Jade (27)", statistics of first names. */
const COUNT_AFTER = /^[ \t]?\([ \t]?\d{1,6}[ \t]?\)/;

/** What every cue after a name starts with: a comma or an opening bracket. */
const COMMA_OR_BRACKET_AFTER = /^[ \t]*[,(]/;

/** A comma that ends its line: "Véronique," greeting someone. */
const LINE_ENDS_AFTER = /^[ \t]*,[ \t]*(?:\r?\n|$)/;

/** A comma and a job after a name: "Claire, directrice", "Paul, agent d'accueil". */
const JOB_AFTER =
  /^[ \t]*,[ \t]*(?:directrice|directeur|responsable|charg[ée]e?|assistante?|secr[ée]taire|agente?|gestionnaire|coordinat(?:rice|eur)|r[ée]f[ée]rente?|conseill[èe]re?|conseiller|[ée]ducat(?:rice|eur)|animat(?:rice|eur)|adjointe?|cheffe?|instruct(?:rice|eur)|travailleu(?:se|r) social|infirmi[èe]re?|m[ée]diat(?:rice|eur)|attach[ée]e?|r[ée]dact(?:rice|eur))(?![\p{L}])/iu;

const CONFIDENCE = {
  cue: 0.9,
  fullName: 0.9,
  firstName: 0.85,
  surnames: 0.8,
  repeat: 0.8,
  alone: 0.7,
  possible: 0.5,
} as const;

/** One text's search: the tokens, what is known of them, what was found. */
class PersonSearch {
  readonly found: Entity[] = [];
  /** Words of the names found for sure, looked for again everywhere. */
  readonly names = new Set<string>();
  readonly #known: (Known | undefined)[];
  /** The cue being read names someone by itself (a civility, a greeting, a field, a signature): lowercase unknown words count. */
  #strongCue = false;
  /** The cue being read is a civility ("Mme", "M."). */
  #honorific = false;
  /** Acronyms the text defines ("allocation pour demandeur d'asile (Ada)"): words, not names. */
  readonly #acronyms = new Set<string>();

  /**
   * A document (a knowledge base's): a name alone, without a cue or another
   * name beside it, is only possible there (a sheet names programmes,
   * places and bodies, rarely a lone person).
   */
  readonly documents: boolean;

  constructor(
    readonly text: string,
    readonly tokens: readonly Token[],
    readonly lexicon: Lexicon,
    purpose: ScanPurpose = "egress",
  ) {
    this.documents = purpose === "documents";
    this.#known = new Array(tokens.length);
  }

  known(index: number): Known {
    let known = this.#known[index];
    if (!known) {
      known = this.lookUp(this.tokens[index] as Token);
      this.#known[index] = known;
    }
    return known;
  }

  lookUp(token: Token): Known {
    const { key } = token;
    if (key.length > LONGEST_WORD) {
      return { first: false, surname: false, common: false, word: true, place: false };
    }
    const lex = this.lexicon;
    const flags = lex.flags(key);
    let first = (flags & FIRST_NAME) !== 0;
    let surname = (flags & SURNAME) !== 0;
    let word = (flags & WORD) !== 0 || NOT_NAMES.has(key) || ROMAN.test(key);
    let place = (flags & PLACE) !== 0 || isAbroad(key);
    if (key.includes("-")) {
      // "Jean-Pierre", "Lefèvre-Durand", "grand-mère", "Saint-Denis": read part by part too.
      const parts = key.split("-").map((part) => lex.flags(part));
      first ||= parts.every((part) => (part & FIRST_NAME) !== 0);
      surname ||= parts.every((part) => (part & (SURNAME | FIRST_NAME)) !== 0);
      if ((flags & (FIRST_NAME | SURNAME)) === 0 && parts.every((part) => (part & WORD) !== 0)) {
        word = true;
      }
      place ||= key.startsWith("saint-") || key.startsWith("sainte-");
    }
    if (token.shape !== "lower" && !surname && isAcronym(token) && (!first || key.length <= 4)) {
      word = true;
    }
    return { first, surname, common: (flags & COMMON_NAME) !== 0, word, place };
  }

  key(index: number): string {
    return this.tokens[index]?.key ?? "";
  }

  /** Whether two neighbouring words may belong to one name: one space, or an initial's full stop. */
  joined(index: number): boolean {
    const token = this.tokens[index];
    if (!token) return false;
    if (token.gap === "space" && token.before.length <= 2) return true;
    const previous = this.tokens[index - 1];
    return previous?.initial === true && /^\.-?\s?$/.test(token.before);
  }

  /**
   * Whether a word may be part of a name: after a cue, any word that is not
   * a lowercase word of French; without one, a capitalised word that is a
   * name or no word, or a lowercase known name that is no word.
   */
  nameWord(index: number, afterCue: boolean, leading = false): boolean {
    const token = this.tokens[index] as Token;
    const key = token.key;
    if (key.length > LONGEST_WORD) return false;
    if (HONORIFICS.has(key) && (key !== "m" || token.initial)) return false;
    if (token.shape === "letter") return token.initial;
    // "liO", "iPad", "eBay", "CityCat": a brand's spelling, no one's name ("McDonald", "LeBlanc" are).
    if (token.shape === "lower" && token.text.toLowerCase() !== token.text) return false;
    if (token.shape === "capital" && BRAND_CASE.test(token.text)) return false;
    if (token.glued || key.endsWith("'") || NEVER_NAMES.has(key) || PARTICLES.has(key))
      return false;
    if (
      !afterCue &&
      (ROLES.has(key) || NAMED_AFTER.has(key) || NAMED_DIRECTLY.has(key) || TITLES.has(key))
    ) {
      return false;
    }
    if (this.#acronyms.has(key)) return false;
    const known = this.known(index);
    // "sa fille Ana": a short word is a name only as a first name right after a cue.
    if (known.word && key.length <= 3 && !(afterCue && token.shape === "capital" && known.first))
      return false;
    const named = known.first || known.surname;
    if (token.shape === "lower" || token.shouting) {
      if (!known.word) return named || (afterCue && this.#strongCue);
      // "jean dupont": a common first name that is also a word, leading a name (the run needs a non-word).
      if (leading && !afterCue && known.first && known.common && !this.documents) return true;
      // "MME RIVIÈRE", "mme petit": right after a civility, a surname that is also a word.
      return leading && afterCue && this.#honorific && known.surname && key.length >= 3;
    }
    if (!known.word) return true;
    // After a role ("son fils Pierre"), a word must be a first name: "le petit Journal" names no one.
    if (afterCue && !this.#strongCue) return known.first && (!known.word || known.common);
    // Opening a sentence, a word is a name only as a common first name ("Julien Moreau a appelé").
    if (token.opens && !afterCue) return known.first && known.common;
    return named;
  }

  /** The end (exclusive) of the name starting at `start`: name words, particles between them. */
  runEnd(start: number, afterCue: boolean): number {
    const tokens = this.tokens;
    let first = start;
    // "M. de la Fontaine", "Mme d'Ornano": particles first after a cue, then a capitalised name.
    while (
      afterCue &&
      this.#strongCue &&
      first - start < 2 &&
      PARTICLES.has(this.key(first)) &&
      this.joined(first + 1)
    ) {
      first += 1;
    }
    if (
      first > start &&
      this.tokens[first]?.shape !== "capital" &&
      this.tokens[first]?.shape !== "upper"
    ) {
      return start;
    }
    if (!this.nameWord(first, afterCue, true)) return start;
    // Without a cue, a name begun with a capital goes on with capitals: "Départ du semi-marathon" is no one.
    const head = tokens[first] as Token;
    const capitalRun = !afterCue && head.shape !== "lower" && !head.shouting;
    const fits = (index: number) =>
      this.nameWord(index, afterCue) &&
      !(capitalRun && this.tokens[index]?.shape === "lower" && !this.tokens[index]?.shouting);
    let end = first + 1;
    let words = 1;
    while (end < tokens.length && words < 5 && this.joined(end)) {
      if (fits(end)) {
        end += 1;
        words += 1;
        continue;
      }
      // Particles, then a name word: "de la" + "Tour".
      let next = end;
      while (next < tokens.length && next - end < 2 && PARTICLES.has(this.key(next))) next += 1;
      if (
        next === end ||
        next >= tokens.length ||
        !this.joined(next) ||
        !fits(next) ||
        (!afterCue && this.known(next).place)
      ) {
        break;
      }
      end = next + 1;
      words += 1;
    }
    return end;
  }

  /** A civility, a role, a greeting, a field label, a closing or a naming verb just before the word. */
  cueBefore(index: number): string | undefined {
    const token = this.tokens[index] as Token;
    const previous = this.tokens[index - 1];
    // "M. Dupont", "Mme. Diallo", "Mme Durand": a civility just before, one space or a full stop and a space.
    if (previous && HONORIFICS.has(previous.key) && /^\.?[ \u00a0]{1,2}$/.test(token.before)) {
      if (previous.key === "me" && (previous.shape !== "capital" || token.shape === "lower")) {
        return undefined;
      }
      if (previous.key === "m" && !previous.initial) return undefined;
      return "person.honorific";
    }
    // "Merci ! Alex", "Cordialement.\nSandrine".
    if (
      previous &&
      CLOSINGS.has(previous.key) &&
      /^[\s,.!;:-]*$/.test(token.before) &&
      this.closes(index)
    ) {
      return "person.signature";
    }
    if (!previous || token.gap === "other" || (token.gap === "line" && !this.closes(index))) {
      return token.gap === "line" || token.before.includes(",")
        ? this.closes(index)
          ? "person.signature"
          : undefined
        : this.field(index);
    }
    const key = previous.key;
    if (HONORIFICS.has(key)) {
      // "Me" is a civility only before a capital ("Me Durand"), "me" is a pronoun.
      if (key === "me" && (previous.shape !== "capital" || token.shape === "lower"))
        return undefined;
      if (key === "m" && !previous.initial) return undefined;
      return "person.honorific";
    }
    if (token.before.includes(":")) return this.field(index);
    if (token.gap === "line" || token.before.includes(",")) {
      if (this.closes(index)) return "person.signature";
      if (ROLES.has(key) && previous.shape !== "upper" && !this.lieuDit(index))
        return "person.role";
      return undefined;
    }
    if (ROLES.has(key) && previous.shape !== "upper" && !this.lieuDit(index)) {
      // "le Père Noël", "le Petit Prince": a character, not a father or a child.
      if (CHARACTERS.has(`${key} ${token.key}`)) return undefined;
      return "person.role";
    }
    // "Chères Saint-Serninoises, chers Saint-Serninois": a plural greeting addresses a town, not someone.
    if (SALUTATIONS.has(key))
      return key === "chers" || key === "cheres" ? undefined : "person.salutation";
    if (NAMING_VERBS.has(key) && /^[ms]'$/.test(this.key(index - 2))) return "person.naming";
    return undefined;
  }

  /**
   * A cue after a first name, alone or with a name after it: an age
   * ("Moussa, 11 ans", "Lina (3 ans)"), a contact or a home ("Anneke, 06…",
   * "Mai, vit à Bordeaux"), a comma ending the first line of the text or
   * of a paragraph ("Véronique,\nPour info…": a greeting), or a job after a
   * first name at a line's start ("Claire, directrice": a signature).
   */
  cueAfter(index: number): string | undefined {
    const token = this.tokens[index] as Token;
    if (token.shape !== "capital") return undefined;
    let last = index;
    while (last - index < 2 && this.tokens[last + 1]?.gap === "space") {
      const next = this.tokens[last + 1] as Token;
      if (next.shape !== "capital" && next.shape !== "upper") break;
      last += 1;
    }
    // Every cue after a name starts with a comma or a bracket: most words stop here, unread.
    const ends: number[] = [];
    for (let end = last; end >= index; end -= 1) {
      const from = (this.tokens[end] as Token).end;
      if (COMMA_OR_BRACKET_AFTER.test(this.text.slice(from, from + 3))) ends.push(from);
    }
    if (ends.length === 0) return undefined;
    const known = this.known(index);
    if (!known.first || known.place) return undefined;
    // A greeting opens the text or a paragraph; a signature ends a line of its own.
    const startsLine = index === 0 || token.before.includes("\n");
    const opensParagraph =
      index === 0 ||
      /\n[ \t]*\n/.test(token.before) ||
      (startsLine && this.afterHeader(token.start));
    for (const from of ends) {
      const after = this.text.slice(from, from + 24);
      if (AGE_AFTER.test(after)) return "person.age";
      if (CONTACT_AFTER.test(after)) return "person.contact";
      if (
        (opensParagraph && LINE_ENDS_AFTER.test(after)) ||
        (startsLine && JOB_AFTER.test(after))
      ) {
        return "person.signature";
      }
    }
    return undefined;
  }

  /** "Nom : Dupont", "De : Karim Benali": a field's label before a colon. */
  field(index: number): string | undefined {
    const token = this.tokens[index] as Token;
    const previous = this.tokens[index - 1];
    if (!previous || !token.before.includes(":") || token.before.includes("\n")) return undefined;
    if (!FIELDS.has(previous.key)) return undefined;
    // "À :", "De :", "Cc :" are a message's header fields only at a line's start ("Ligne A : Kawéni" is not).
    if (HEADER_FIELDS.has(previous.key) && index >= 2 && previous.gap !== "line") return undefined;
    return "person.field";
  }

  /** Whether the word follows a letter's closing ("Cordialement,\nSandrine", "Bien à vous, Karim"). */
  closes(index: number): boolean {
    const previous = this.tokens[index - 1];
    if (!previous || !CLOSINGS.has(previous.key)) return false;
    // "Bonne journée, Karim", "À bientôt, Léa", "Merci d'avance, Paul"; not "journée Interprofessions".
    const wish = CLOSING_AFTER[previous.key];
    if (wish && !wish.has(this.key(index - 2))) return false;
    if (previous.key === "vous" || previous.key === "toi") {
      return this.key(index - 2) === "a" && this.key(index - 3) === "bien";
    }
    return true;
  }

  /**
   * Whether the name is a place's: a street, a school, a law named after
   * someone ("rue Victor Hugo", "école élémentaire Jules Ferry", "groupe
   * scolaire Paul Bert"), the next of a list of them ("rues Anatole France,
   * Jules Guesde"), or a lieu-dit before its post code ("Kerhuel, 29170").
   */
  namedAfter(start: number): boolean {
    if (this.lieuDit(start)) return true;
    const previous = this.tokens[start - 1];
    // "Arrêt de Mme Ferrand", "maladie de M. Roux": nothing is named after an abbreviated
    // civility, only a person is; spelled out, a street may be ("rue Madame").
    const civility = this.key(start);
    if (ABBREVIATED_CIVILITIES.has(civility)) return false;
    if (HONORIFICS.has(civility)) return this.namedAfterPlace(start);
    if ((this.tokens[start] as Token).gap === "space" && previous) {
      if (NAMED_DIRECTLY.has(previous.key)) return true;
      // "ES Jean Bouin", "AS Louis Pasteur": a sports club's initials, in capitals.
      if (previous.shape === "upper" && CLUB_INITIALS.has(previous.key)) return true;
    }
    // "Ville de Grande Synthe", "Communauté de communes Rhône Lez Provence": an organisation's name.
    // Words joined by spaces only: "son chef d'équipe, M. Fernandes" is a person after a comma.
    for (let back = start - 1; back >= Math.max(0, start - 4); back -= 1) {
      if (this.tokens[back + 1]?.gap !== "space") break;
      const key = this.key(back);
      if (NAMED_DIRECTLY.has(key) && key !== "aide" && key !== "carte" && key !== "permis") {
        const between = this.tokens.slice(back + 1, start);
        if (between.every((token) => PARTICLES.has(token.key) || token.shape !== "lower"))
          return true;
      }
    }
    return this.namedAfterPlace(start);
  }

  /** Whether the name follows a place's kind: "rue Victor Hugo", "rues Anatole France, Jules Guesde". */
  private namedAfterPlace(start: number): boolean {
    // The next of a list: "rues Anatole France, Jules Guesde et Victor Hugo".
    if (this.#namedUntil >= 0 && this.#namedUntil <= start && start - this.#namedUntil <= 3) {
      const between = this.tokens.slice(this.#namedUntil, start);
      const gap = (this.tokens[start] as Token).before;
      const listed =
        between.every((token) => token.key === "et" || token.shape !== "lower") &&
        (between.some((token) => token.key === "et") || /^,\s*$/.test(gap));
      if (
        listed &&
        !/[.;:!?\n]/.test(
          this.text.slice(
            this.tokens[this.#namedUntil - 1]?.end ?? 0,
            (this.tokens[start] as Token).start,
          ),
        )
      ) {
        return true;
      }
    }
    for (let back = start - 1; back >= 0 && back >= start - 5; back -= 1) {
      const token = this.tokens[back + 1] as Token;
      if (token.gap !== "space" && token.gap !== "hyphen" && !this.tokens[back]?.initial) {
        return false;
      }
      const key = this.key(back);
      const singular = key.replace(/[sx]$/, "");
      if (NAMED_AFTER.has(key) || NAMED_AFTER.has(singular)) return true;
      // "centre Les Sables Vignier": a place's own name between its kind and the person.
      const between = this.tokens[back] as Token;
      if (between.shape !== "lower" && !between.opens && start - back <= 3) continue;
      if (
        !PARTICLES.has(key) &&
        !TITLES.has(key) &&
        !HONORIFICS.has(key) &&
        !PLACE_KINDS.has(key) &&
        !PLACE_KINDS.has(singular)
      ) {
        return false;
      }
    }
    return false;
  }

  /** The word after a name that belongs to a place's: the next name may be one too ("rues X, Y et Z"). */
  #namedUntil = -1;
  /** The name being read lies between quotes: what its shape finds is only possible. */
  #quoted = false;
  /** Words of names given to places in this text. */
  readonly #placeNames = new Set<string>();

  add(start: number, end: number, confidence: number, rule: string, possible = false): void {
    if (this.#quoted && !possible) {
      if (this.documents) return;
      possible = true;
    }
    const first = this.tokens[start] as Token;
    const last = this.tokens[end - 1] as Token;
    this.found.push({
      type: "PERSON",
      start: first.start,
      end: last.end,
      confidence,
      rule,
      ...(possible && { certainty: "possible" as const }),
    });
    if (possible) return;
    for (let index = start; index < end; index += 1) {
      const token = this.tokens[index] as Token;
      const acronym = token.shape === "upper" && token.key.length <= 4;
      if (
        token.key.length >= 3 &&
        !PARTICLES.has(token.key) &&
        !this.known(index).place &&
        !acronym
      ) {
        this.names.add(token.key);
      }
    }
  }

  /** A name after a cue: the civility's or role's words are not part of it. */
  cued(start: number, end: number, rule: string): void {
    if (rule === "person.honorific" && this.namedAfter(start - 1)) {
      this.#namedUntil = end;
      return;
    }
    // "ATELIERS Jean-Pierre Moreau SARL": a company named after its founder.
    if (this.organisationAfter(start, end, LEGAL_FORMS) || this.dottedLegalForm(start, end)) return;
    if (rule === "person.field" || rule === "person.signature") {
      // "Destinataire : Câmara Municipal de…": a body's name in a field, not someone's.
      if (this.organisationAfter(start, end)) return;
      // "Demandeur : Maison départementale…", "… CDT Landes": a body or a place, not a signature.
      const key = this.key(start);
      const head = this.known(start);
      if (head.word && (NAMED_AFTER.has(key) || NAMED_DIRECTLY.has(key))) return;
      let places = true;
      for (let index = start; index < end; index += 1) {
        const word = this.known(index);
        if (!word.place || (word.first && word.common)) places = false;
      }
      if (places) return;
    }
    // After a role, a word no list knows may be anything ("la famille Monoparentale"): possible.
    if (rule === "person.role") {
      let known = false;
      for (let index = start; index < end; index += 1) {
        const word = this.known(index);
        if (word.first || word.surname) known = true;
      }
      if (!known) {
        this.add(start, end, CONFIDENCE.possible, rule, true);
        return;
      }
    }
    this.add(start, end, CONFIDENCE.cue, rule);
  }

  /** Whether a post code touches the name: a town or a lieu-dit of an address ("Kerhuel, 29170", "29800 Landerneau"). */
  inAddress(start: number, end: number): boolean {
    const first = this.tokens[start] as Token;
    const last = this.tokens[end - 1] as Token;
    return (
      /\b\d{5}\s*$/.test(first.before) ||
      POST_CODE_AFTER.test(this.text.slice(last.end, last.end + 9))
    );
  }

  /**
   * A name found without a cue: sure with a known first name and another
   * name word, or known surnames only; possible when only its shape says so.
   */
  plain(start: number, end: number): void {
    if (this.namedAfter(start)) {
      this.#namedUntil = end;
      // "l'école Jean Zay" … "devant Jean Zay": a name given to a place stays the place's in this text.
      for (let index = start; index < end; index += 1) this.#placeNames.add(this.key(index));
      return;
    }
    if (this.#placeNames.has(this.key(start))) return;
    // "le long de la Seine": a lowercase word that makes a French locution with the word before.
    if (
      this.tokens[start]?.shape === "lower" &&
      LOCUTIONS.has(`${this.key(start - 1)} ${this.key(start)}`)
    ) {
      return;
    }
    // "Prénoms les plus donnés : Jade, Gabriel, Louise": first names spoken of as names.
    if (end - start === 1 && this.namesSpokenOf(start)) return;
    if (this.inAddress(start, end)) return;
    if (this.titleOf(start)) return;
    // "Renault Clio", "Peugeot 208": a vehicle, not its owner.
    if (VEHICLE_MAKES.has(this.key(start))) return;
    if (this.organisationAfter(start, end) || this.placeAfter(start, end)) return;
    if (EPONYMS.has(this.spanKey(start, end))) {
      for (let index = start; index < end; index += 1) this.#placeNames.add(this.key(index));
      return;
    }
    // "Henri IV", "Louis XIV": a reign, not a resident.
    if (ROMAN_NUMERAL.test(this.tokens[end]?.text ?? "") && this.tokens[end]?.gap === "space")
      return;
    // « Ernest et Célestine », « Au Fournil de Léa »: a title or a sign between quotes names a
    // work or a shop more often than someone; what the shape finds there is only possible.
    this.#quoted = this.quoted(start, end);
    try {
      this.shaped(start, end);
    } finally {
      this.#quoted = false;
    }
  }

  /** The rest of `plain`: what the words themselves say. */
  private shaped(start: number, end: number): void {
    const words: number[] = [];
    for (let index = start; index < end; index += 1) {
      if (!PARTICLES.has(this.key(index)) || index === start) words.push(index);
    }
    const first = this.tokens[start] as Token;
    const lowercase = words.every((index) => {
      const token = this.tokens[index] as Token;
      return token.shape === "lower" || token.shouting;
    });
    const afterPreposition = TO_PLACE.has(this.key(start - 1));
    const known = words.map((index) => this.known(index));
    const firstNames = known.filter((k) => k.first).length;
    const unknownWords = known.filter((k) => !k.word).length;
    const joinedKey = words.map((index) => this.key(index)).join(" ");
    if (this.placeAround(start, end)) return;
    if (words.length >= 2) {
      if (this.lexicon.isPlace(joinedKey)) return;
      if (!firstNames && known.some((k) => k.place)) return;
      // "permis A ou B. Elle est versée": an initial's full stop that ends a sentence.
      if (first.shape === "letter" && known[1]?.word) return;
      // "Le Combo Parfait regroupe…": in a document, an article before makes it a thing's name.
      if (
        this.documents &&
        ARTICLES.has(this.key(start - 1)) &&
        this.tokens[start]?.gap === "space"
      ) {
        return;
      }
      // "Paris Expo", "Frac Alsace": a first name that is also a place names someone only beside a known surname.
      if (
        firstNames > 0 &&
        known.every((k) => !k.first || k.place) &&
        !known.some((k) => k.surname && !k.first && !k.place && !k.word)
      ) {
        if (!lowercase && !afterPreposition) {
          this.add(start, end, CONFIDENCE.possible, "person.shape", true);
        }
        return;
      }
      if (lowercase && unknownWords === 0) return;
      const others = known.filter((k) => k.surname || !k.word).length;
      // Words only ("Bons du Trésor", "Plein Tarif Loisir"): a common first name must lead ("Pierre Blanc").
      const allWords = unknownWords === 0;
      // In a document, words of French only ("Paris Remise", "Rose Blanche") are no one without a cue.
      if (allWords && this.documents) return;
      const leadingFirst = known[0]?.first === true && known[0]?.common === true;
      if (
        firstNames >= 1 &&
        others >= (firstNames === words.length ? 2 : 1) &&
        (!allWords || leadingFirst)
      ) {
        const surnames = known.filter((k) => k.surname && !k.first).length;
        this.add(
          start,
          end,
          lowercase
            ? CONFIDENCE.firstName
            : surnames > 0
              ? CONFIDENCE.fullName
              : CONFIDENCE.firstName,
          surnames > 0 ? "person.full-name" : "person.first-name",
        );
        return;
      }
      if (
        known.every((k) => k.surname || !k.word) &&
        known.some((k) => k.surname) &&
        unknownWords > 0 &&
        (!this.documents || known.some((k) => k.surname && k.common && !k.word))
      ) {
        if (lowercase) this.add(start, end, CONFIDENCE.possible, "person.lowercase", true);
        // Surnames without a first name ("Tambores do Norte", "Bucher CityCat" as often as "BENALI
        // Kouassi"): possible on the way out; in a document, only with a common surname, sure.
        else this.add(start, end, CONFIDENCE.surnames, "person.surnames", !this.documents);
        return;
      }
      if (!lowercase && known.every((k) => !k.word) && !afterPreposition) {
        this.add(start, end, CONFIDENCE.possible, "person.shape", true);
      }
      return;
    }
    const one = known[0] as Known;
    if (one.place) return;
    // "(Faye, Credogne, Durolle)", "Izoard, Agnel, Vars": one item of a list of places is a place as
    // often as someone; "Jade (27), Louise (24)": first names counted, no one in particular.
    if (
      this.listedWithPlaces(start, end) ||
      COUNT_AFTER.test(this.text.slice(first.end, first.end + 10))
    ) {
      if (!lowercase) this.add(start, end, CONFIDENCE.possible, "person.listed", true);
      return;
    }
    // "habite à Roubaix" is a town; "transmis à Corinne" a person: a first name that is no place stays one.
    if (afterPreposition && !(one.first && !one.word && one.common)) return;
    if (this.lexicon.isPlace(`${this.key(start - 1).replace(/'$/, "'")} ${first.key}`)) return;
    if (first.shape === "letter") return;
    // "FEDER", "COLAS", "SAAD" alone, in a text not written in capitals: an acronym as often as a name.
    const capitals = first.shape === "upper" && !first.shouting;
    if (one.first && !one.word) {
      if (lowercase) this.add(start, end, CONFIDENCE.possible, "person.lowercase", true);
      else if (capitals) this.add(start, end, CONFIDENCE.possible, "person.capitals", true);
      else if (one.common && !this.documents)
        this.add(start, end, CONFIDENCE.alone, "person.first-name");
      else this.add(start, end, CONFIDENCE.possible, "person.rare-name", true);
      return;
    }
    if (one.first && first.shape === "capital" && !first.opens) {
      this.add(start, end, CONFIDENCE.possible, "person.first-name-word", true);
      return;
    }
    if (one.surname && !one.word && first.key.length >= 3) {
      if (lowercase) {
        if (first.key.length >= 4)
          this.add(start, end, CONFIDENCE.possible, "person.lowercase", true);
      } else if (
        first.opens ||
        !one.common ||
        this.documents ||
        capitals ||
        this.thingsPlace(start) ||
        // "La Pradelle", "Les Vignals": a capitalised article makes a lieu-dit as often as a name.
        (/^(?:la|le|les)$/.test(this.key(start - 1)) &&
          this.tokens[start - 1]?.shape === "capital" &&
          this.tokens[start]?.gap === "space")
      ) {
        this.add(start, end, CONFIDENCE.possible, "person.surname-alone", true);
      } else this.add(start, end, CONFIDENCE.alone, "person.surname");
      return;
    }
    if (!one.word && !lowercase && !first.opens && first.key.length >= 3) {
      if (first.shape === "capital" || first.key.length >= 5) {
        this.add(start, end, CONFIDENCE.possible, "person.shape", true);
      }
    }
  }

  /**
   * Whether the name ends a thing's title: an article, a capitalised word of
   * French, then "de" ("Le Comptoir de Lucie", "Les Sabots d'Hélène", "Les
   * Fils de Gohelle").
   */
  titleOf(start: number): boolean {
    const particle = this.key(start - 1);
    if (particle !== "de" && particle !== "d'" && particle !== "du" && particle !== "des") {
      return false;
    }
    const noun = this.tokens[start - 2];
    const article = this.key(start - 3);
    return (
      noun !== undefined &&
      noun.shape === "capital" &&
      this.known(start - 2).word &&
      ARTICLES.has(article)
    );
  }

  /** The folded words of a span, one space between them ("jean zay", "charles de gaulle"). */
  spanKey(start: number, end: number): string {
    return this.tokens
      .slice(start, end)
      .map((token) => token.key)
      .join(" ");
  }

  /** Whether a word of the name, or the capitalised word after it, makes it a company's, a body's or a street's. */
  organisationAfter(
    start: number,
    end: number,
    after: ReadonlySet<string> = ORGANISATION_AFTER,
  ): boolean {
    for (let index = start + 1; index < end; index += 1) {
      if (after.has(this.key(index))) return true;
    }
    const next = this.tokens[end];
    return (
      next !== undefined &&
      (next.gap === "space" || next.gap === "hyphen") &&
      next.shape !== "lower" &&
      after.has(next.key)
    );
  }

  /**
   * "Chez Pinaud", "hameau de Chez Jeannot": "Chez" with a capital, in the
   * middle of a sentence, starts a lieu-dit's name (a person is "chez" in
   * lowercase: "hébergée chez sa sœur", "chez M. Durand").
   */
  lieuDit(start: number): boolean {
    const previous = this.tokens[start - 1];
    return (
      previous !== undefined &&
      previous.key === "chez" &&
      previous.shape === "capital" &&
      // Not a sentence's first word ("… ce matin. Chez Karima, rien"), nor the text's.
      start >= 2 &&
      !/[.!?…][\s"»)]*$/.test(previous.before) &&
      (this.tokens[start] as Token).gap === "space"
    );
  }

  /** A legal form written with dots in or after the name: "Signify Netherlands B.V.", "Tecnicas S.L.". */
  dottedLegalForm(start: number, end: number): boolean {
    const first = this.tokens[start] as Token;
    const last = this.tokens[end - 1] as Token;
    return DOTTED_LEGAL_FORM.test(this.text.slice(first.end, last.end + 12));
  }

  /** Whether the name's last words and the next ones make a place's name ("Batigère Grand" and "Est"). */
  placeAfter(start: number, end: number): boolean {
    for (let from = Math.max(start, end - 2); from < end; from += 1) {
      let key = this.tokens
        .slice(from, end)
        .map((token) => token.key)
        .join(" ");
      for (let next = end; next < Math.min(this.tokens.length, end + 2); next += 1) {
        const token = this.tokens[next] as Token;
        if (token.gap !== "space" && token.gap !== "hyphen") break;
        key = `${key} ${token.key}`;
        if (this.lexicon.isPlace(key)) return true;
      }
    }
    return false;
  }

  /**
   * Whether the name is part of a place's name written with spaces, with
   * the capitalised words and particles before it ("Salon de Provence",
   * "Pays de la Loire", "Grande Synthe").
   */
  /**
   * Whether a noun and « de », « du », « des », « de la » come before: "la boucle des
   * Cassagnes", "le lavoir de Chaumeil" name a thing's place more often than a family
   * (possible all the same: masked on the way out).
   */
  thingsPlace(start: number): boolean {
    let at = start - 1;
    const key = this.key(at);
    if (key === "la" || key === "l'") {
      if (this.key(at - 1) !== "de") return false;
      at -= 1;
    } else if (key !== "du" && key !== "des" && key !== "de" && key !== "d'") return false;
    const noun = this.tokens[at - 1];
    const known = this.known(at - 1);
    return (
      noun !== undefined &&
      (noun.shape === "lower" || (known.word && !known.first)) &&
      !PARTICLES.has(noun.key) &&
      !ROLES.has(noun.key) &&
      !HONORIFICS.has(noun.key)
    );
  }

  /**
   * Whether the word is an item of a list of first names introduced by
   * « prénoms » earlier in its sentence (lines allowed: a heading, then the list).
   */
  namesSpokenOf(start: number): boolean {
    const listed =
      /,\s*$/.test(this.tokens[start]?.before ?? "") ||
      /^\s*[,(]/.test(this.text.slice(this.tokens[start]?.end ?? 0));
    if (!listed) return false;
    for (let at = start - 1; at >= Math.max(0, start - 40); at -= 1) {
      if (this.key(at) === "prenoms") return true;
      if (/[.!?]\s/.test(this.tokens[at + 1]?.before ?? "")) return false;
    }
    return false;
  }

  /** Whether the line before `at` is a mail header ("Objet : …", "De : …"): the message starts here. */
  afterHeader(at: number): boolean {
    // Looked for a line back, never to the text's start: a long text without line breaks
    // would otherwise be read back for every name (a scan growing with the square of its length).
    const start = lineStart(this.text, at, LINE_LOOKUP);
    if (start === 0 || this.text[start - 1] !== "\n") return false;
    const previousStart = lineStart(this.text, start - 1, LINE_LOOKUP);
    return MAIL_HEADER.test(
      this.text.slice(previousStart, Math.min(start - 1, previousStart + 40)),
    );
  }

  /** Whether the words lie between French or typographic quotes opened earlier on their line. */
  quoted(start: number, end: number): boolean {
    const from = (this.tokens[start] as Token).start;
    const to = (this.tokens[end - 1] as Token).end;
    const before = this.text.slice(lineStart(this.text, from, 200), from);
    const open = Math.max(before.lastIndexOf("«"), before.lastIndexOf("“"));
    if (open < 0 || /[»”]/.test(before.slice(open))) return false;
    return /[»”]/.test(this.text.slice(to, lineEnd(this.text, to, 200)));
  }

  placeAround(start: number, end: number): boolean {
    // "Vila Nova de Gaia (Portugal)": a name followed by its country or region in brackets is a place's.
    const next = this.tokens[end];
    if (
      next &&
      /^\s*\($/.test(next.before) &&
      /^\)/.test(this.tokens[end + 1]?.before ?? ")") &&
      this.known(end).place &&
      !this.known(end).first
    ) {
      return true;
    }
    let prefix = "";
    for (let index = start - 1; index >= Math.max(0, start - 4); index -= 1) {
      const next = this.tokens[index + 1] as Token;
      const before = this.tokens[index] as Token;
      // "Provence-Alpes-Côte d'Azur": an elided particle touches the next word.
      const elided = before.key.endsWith("'") && next.before === "";
      if (!elided && next.gap !== "space") break;
      if (before.shape === "lower" && !PARTICLES.has(before.key)) break;
      prefix = `${before.key}${elided ? "" : " "}${prefix}`;
      // The place may take the name's first words only ("…Côte d'Azur" in "Azur Vaucluse").
      let key = prefix;
      for (let word = start; word < end; word += 1) {
        key += `${word === start ? "" : " "}${this.key(word)}`;
        if (this.lexicon.isPlace(key)) return true;
      }
    }
    return false;
  }

  /**
   * Whether the word at `start` is an item of a list (items apart by commas,
   * "et" or "ou") beside an item that is a place or a capitalised word no
   * list knows: a list of rivers, passes or districts, not of people.
   */
  listedWithPlaces(start: number, end: number): boolean {
    const capital = (index: number) => {
      const shape = this.tokens[index]?.shape;
      return shape === "capital" || shape === "upper";
    };
    const joined = (index: number) => {
      const gap = this.tokens[index]?.gap;
      return gap === "space" || gap === "hyphen";
    };
    // An item: up to three capitalised words joined by spaces or hyphens ("Île Lacroix", "Saint-Sever"),
    // read from `from` onwards (step 1) or backwards (step -1).
    const item = (from: number, step: 1 | -1): boolean => {
      if (!capital(from)) return false;
      let first = from;
      let last = from;
      while (last - first < 2) {
        if (step === 1 && capital(last + 1) && joined(last + 1)) last += 1;
        else if (step === -1 && capital(first - 1) && joined(first)) first -= 1;
        else break;
      }
      const keys = this.tokens.slice(first, last + 1).map((token) => token.key);
      if (this.lexicon.isPlace(keys.join(" ")) || this.lexicon.isPlace(keys.join("-"))) return true;
      if (keys.length > 1) return false;
      const known = this.lookUp(this.tokens[from] as Token);
      return known.place || (!known.first && !known.surname && !known.word);
    };
    const separated = (index: number) => {
      const token = this.tokens[index];
      return token !== undefined && /^[ \t]*,[ \t]*$/.test(token.before);
    };
    const joining = (index: number) => /^(?:et|ou)$/.test(this.key(index));
    // The item before: ", " before this word, or "et"/"ou" just before it.
    const before = separated(start) ? start - 1 : joining(start - 1) ? start - 2 : -1;
    if (before >= 0 && item(before, -1)) return true;
    const after = separated(end) ? end : joining(end) ? end + 1 : -1;
    return after >= 0 && after < this.tokens.length && item(after, 1);
  }

  /** Initials and a name: "J. Dupont", "J.-P. Martin". */
  initials(start: number): number {
    let index = start;
    while (index < this.tokens.length && this.tokens[index]?.initial) {
      index += 1;
      // "J.-P. M." at most: a longer run of initials is no one's (and is not read again from each of them).
      if (index - start > MOST_INITIALS) return start;
      if (index < this.tokens.length && !this.joined(index)) return start;
    }
    if (index === start || index >= this.tokens.length) return start;
    // "H. de la Tour d'Aubin".
    const named = index;
    while (index < this.tokens.length && index - named < 2 && PARTICLES.has(this.key(index)))
      index += 1;
    if (index >= this.tokens.length) return start;
    const token = this.tokens[index] as Token;
    const known = this.known(index);
    // "J. Dupont", "J. Blanc" (a common surname); "permis B. Pour en bénéficier" is no one.
    if (
      token.shape === "lower" ||
      token.shape === "letter" ||
      (known.word &&
        !(
          known.surname &&
          known.common &&
          !token.opens &&
          token.shape === "capital" &&
          !this.documents
        ))
    ) {
      return start;
    }
    if (known.place && !known.surname) return start;
    this.#strongCue = true;
    this.#honorific = false;
    const end = this.runEnd(index, true);
    if (end === index || this.namedAfter(start)) return start;
    // "M. Dupont" is a civility, read as such by the cue before "Dupont".
    if (end - start >= 2 && !HONORIFICS.has(this.key(start))) {
      this.add(start, end, CONFIDENCE.fullName, "person.initial");
      return end;
    }
    return start;
  }

  /**
   * Names found without a cue whose words all name a place elsewhere in the
   * text ("Conseil de quartier Bel-Air / Jean Zay" … "l'école Jean Zay").
   */
  dropPlaceNames(): void {
    if (this.#placeNames.size === 0) return;
    for (let index = this.found.length - 1; index >= 0; index -= 1) {
      const entity = this.found[index] as Entity;
      if (CUED_RULES.has(entity.rule ?? "")) continue;
      const words = foldSameLength(this.text.slice(entity.start, entity.end))
        .split(/[^a-z'-]+/)
        .filter((word) => word && !PARTICLES.has(word));
      if (words.length === 0 || !words.every((word) => this.#placeNames.has(word))) continue;
      this.found.splice(index, 1);
      for (const word of words) this.names.delete(word);
    }
  }

  /** Every later mention of a word of a name found for sure ("… Mme Ferreira … ferreira a rappelé"). */
  repeats(): void {
    if (this.names.size === 0) return;
    // A word only possible on its own ("benali" in lowercase) is sure once its name was found.
    const names = this.names;
    for (let index = this.found.length - 1; index >= 0; index -= 1) {
      const entity = this.found[index] as Entity;
      if (entity.certainty !== "possible") continue;
      const key = foldSameLength(this.text.slice(entity.start, entity.end));
      if (names.has(key)) this.found.splice(index, 1);
    }
    const covered = this.found.filter((entity) => entity.certainty !== "possible");
    let at = 0;
    covered.sort((a, b) => a.start - b.start);
    for (let index = 0; index < this.tokens.length; index += 1) {
      const token = this.tokens[index] as Token;
      if (!this.names.has(token.key)) continue;
      while (at < covered.length && (covered[at] as Entity).end <= token.start) at += 1;
      const inside = at < covered.length && (covered[at] as Entity).start <= token.start;
      if (inside) continue;
      const known = this.known(index);
      if (known.word && token.shape === "lower") continue;
      if (known.word && token.opens && !known.first && !known.surname) continue;
      this.found.push({
        type: "PERSON",
        start: token.start,
        end: token.end,
        confidence: CONFIDENCE.repeat,
        rule: "person.repeat",
      });
    }
  }

  /**
   * Acronyms defined in brackets after their words ("droit individuel à la
   * formation (Dif)", "allocation pour demandeur d'asile (Ada)"): each
   * letter starts one of the words before, in order.
   */
  findAcronyms(): void {
    for (let index = 1; index < this.tokens.length; index += 1) {
      const token = this.tokens[index] as Token;
      if (!token.before.endsWith("(") || this.text[token.end] !== ")" || token.key.length < 2)
        continue;
      const initials: string[] = [];
      for (let back = index - 1; back >= 0 && back >= index - 8; back -= 1) {
        initials.unshift((this.tokens[back] as Token).key[0] as string);
      }
      let at = 0;
      for (const letter of initials) if (letter === token.key[at]) at += 1;
      if (at >= token.key.length) this.#acronyms.add(token.key);
    }
  }

  run(): Entity[] {
    const tokens = this.tokens;
    this.findAcronyms();
    let index = 0;
    while (index < tokens.length) {
      const token = tokens[index] as Token;
      // A civility is the next name's cue, never a name or an initial itself.
      if (HONORIFICS.has(token.key) && (token.key !== "m" || token.initial)) {
        index += 1;
        continue;
      }
      if (token.initial) {
        const end = this.initials(index);
        if (end > index) {
          index = end;
          continue;
        }
      }
      const cue = this.cueBefore(index) ?? this.cueAfter(index);
      if (cue) {
        this.#strongCue = cue !== "person.role";
        this.#honorific = cue === "person.honorific";
        const end = this.runEnd(index, true);
        if (end > index) {
          this.cued(index, end, cue);
          index = end;
          continue;
        }
      }
      const end = this.runEnd(index, false);
      if (end > index) {
        this.plain(index, end);
        index = end;
        continue;
      }
      index += 1;
    }
    this.dropPlaceNames();
    this.repeats();
    return this.found;
  }
}

/**
 * A PERSON recognizer over the first names and surnames borne in France
 * (shipped, and imported when given) and the words of French, on any case
 * ("Jeanne DURAND", "DURAND Jeanne", "jeanne durand", "J. Durand", "Pedro dos
 * Santos"). Sure: a name after a civility, a role, a greeting, a field label
 * or a letter's closing ("Mme Ferreira", "son fils Lucas", "Bonjour Karim",
 * "Cordialement, Sandrine"); a known first name with another name word; known
 * surnames together; a known first name, or a known surname mid-sentence,
 * alone; every later mention of a word of a name found. Possible (kept for
 * what leaves for a foreign model, not for documents): words shaped like a
 * name that are no word of French, known names in lowercase. Streets,
 * buildings and laws named after people, and towns, are left alone.
 */
export function createPersonRecognizer(names: PersonNames = {}): Recognizer {
  const usable = {
    firstNames: usableOnly(names.firstNames),
    surnames: usableOnly(names.surnames),
  };
  return {
    name: "person",
    find(text, context) {
      const scan = contextOf(text, context);
      return new PersonSearch(text, tokensOf(scan), lexicon(usable), scan.purpose).run();
    },
  };
}

function usableOnly(keys: ReadonlySet<string> | undefined): Set<string> {
  const usable = new Set<string>();
  for (const key of keys ?? []) if (isUsableName(key)) usable.add(key);
  return usable;
}

/**
 * The words of the names found for sure in a text (folded, three letters
 * or more, particles and places aside): what {@link mentionsOf} looks for in
 * the other pieces of a long text.
 */
export function nameWordsOf(text: string, entities: readonly Entity[]): Set<string> {
  const words = new Set<string>();
  const lex = lexicon();
  for (const entity of entities) {
    if (
      entity.type !== "PERSON" ||
      entity.certainty === "possible" ||
      entity.rule === "person.repeat"
    ) {
      continue;
    }
    for (const word of foldSameLength(text.slice(entity.start, entity.end)).split(/[^a-z'-]+/)) {
      if (word.length >= 3 && !PARTICLES.has(word) && !lex.isPlace(word)) words.add(word);
    }
  }
  return words;
}

/**
 * The mentions, in a text, of name words found elsewhere (another piece of
 * a long text), outside the spans already found there.
 */
export function mentionsOf(
  text: string,
  names: ReadonlySet<string>,
  covered: readonly Entity[],
): Entity[] {
  if (names.size === 0) return [];
  const search = new PersonSearch(text, tokensOf(new ScanContext(text)), lexicon());
  for (const name of names) search.names.add(name);
  search.found.push(...covered);
  search.repeats();
  return search.found.slice(covered.length);
}

/** The PERSON recognizer over the shipped names (nothing imported). */
export const personRecognizer: Recognizer = createPersonRecognizer();
