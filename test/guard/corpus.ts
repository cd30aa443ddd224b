/**
 * A labelled corpus for the personal-data guard: short French texts as the
 * agents of a French local authority write them (CCAS case notes, e-mails to
 * residents, HR notes, council minutes, procurement texts, reception-desk
 * notes, civil-status requests).
 *
 * Everything is fictional and drawn by code from a seeded generator
 * (mulberry32), so two calls give the same corpus. Identifiers are computed
 * with valid check digits (NIR key, IBAN mod 97, Luhn, fiscal number mod
 * 511), and every personal value is labelled while the text is composed —
 * never by running the scanner — with its exact UTF-16 offsets.
 *
 * Three categories:
 * - `personal`: the text holds personal data, every value labelled;
 * - `clean`: no personal data, nothing that looks like it;
 * - `lookalike`: no personal data, but things a guard must NOT flag (a
 *   company's SIRET, an article of law, amounts, invoice numbers, a town
 *   hall's switchboard, service mailboxes, public numbers, a street named
 *   without a number, a disease mentioned in general…).
 */
import type { EntityType } from "../../src/guard/entity.js";

export type Category = "personal" | "clean" | "lookalike";
export type Genre = "ccas" | "courriel" | "rh" | "conseil" | "marches" | "accueil" | "etat-civil";

export const GENRES: readonly Genre[] = [
  "ccas",
  "courriel",
  "rh",
  "conseil",
  "marches",
  "accueil",
  "etat-civil",
];

/** One personal value in a text: `end` exclusive, UTF-16 offsets. */
export interface Label {
  type: EntityType;
  start: number;
  end: number;
}

export interface LabelledText {
  id: string;
  category: Category;
  genre: Genre;
  text: string;
  entities: Label[];
}

/** How many texts of each category the corpus holds (40 % / 35 % / 25 %). */
export const COMPOSITION: Readonly<Record<Category, number>> = {
  personal: 200,
  clean: 175,
  lookalike: 125,
};

export const DEFAULT_SEED = 0x5eed_2024;

// ---------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: a small 32-bit generator, the same sequence for the same seed. */
export function mulberry32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  constructor(private readonly next: () => number) {}

  /** An integer from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }

  /** `count` distinct items, in a random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) {
      out.push(pool.splice(this.int(0, pool.length - 1), 1)[0] as T);
    }
    return out;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  digits(count: number): string {
    let out = "";
    for (let i = 0; i < count; i++) out += String(this.int(0, 9));
    return out;
  }
}

const pad = (value: number, width: number) => String(value).padStart(width, "0");

// ---------------------------------------------------------------------------
// Composing texts with their labels

/** A piece of text and the labels inside it, offsets relative to the piece. */
interface Fragment {
  text: string;
  entities: Label[];
}
type Part = string | number | Fragment;

/** Concatenates parts, shifting the labels of fragments to their place in the result. */
function concat(parts: readonly Part[]): Fragment {
  let text = "";
  const entities: Label[] = [];
  for (const part of parts) {
    if (typeof part === "object") {
      for (const label of part.entities) {
        entities.push({
          type: label.type,
          start: label.start + text.length,
          end: label.end + text.length,
        });
      }
      text += part.text;
    } else {
      text += String(part);
    }
  }
  return { text, entities };
}

/** Template tag: `t\`Mme ${name} a appelé\`` composes text and labels. */
function t(strings: TemplateStringsArray, ...parts: Part[]): Fragment {
  const all: Part[] = [];
  strings.forEach((piece, index) => {
    all.push(piece);
    if (index < parts.length) all.push(parts[index] as Part);
  });
  return concat(all);
}

/** A labelled value: the whole string is one entity. */
const e = (type: EntityType, value: string): Fragment => ({
  text: value,
  entities: [{ type, start: 0, end: value.length }],
});

/** A phrase whose `[bracketed]` parts are entities of one type ("est [diabétique]"). */
function marked(type: EntityType, phrase: string): Fragment {
  const parts: Part[] = [];
  for (const piece of phrase.split(/(\[[^\]]+\])/)) {
    if (piece.startsWith("[") && piece.endsWith("]")) parts.push(e(type, piece.slice(1, -1)));
    else if (piece) parts.push(piece);
  }
  return concat(parts);
}

function join(parts: readonly Part[], separator: string): Fragment {
  return concat(parts.flatMap((part, index) => (index === 0 ? [part] : [separator, part])));
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Lowercase, accents and anything but letters, digits and hyphens removed: for e-mail local parts. */
const slug = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "");

// ---------------------------------------------------------------------------
// Fictional people and places

const FEMALE = [
  "Jeanne",
  "Marie",
  "Nathalie",
  "Sophie",
  "Isabelle",
  "Hélène",
  "Camille",
  "Chloé",
  "Inès",
  "Fatima",
  "Aïcha",
  "Khadija",
  "Leïla",
  "Nadia",
  "Yasmine",
  "Fatoumata",
  "Aminata",
  "Mariam",
  "Oumou",
  "Awa",
  "Mei",
  "Linh",
  "Ana",
  "Beatriz",
  "Agnieszka",
  "Elif",
  "Gwenaëlle",
  "Salomé",
  "Céline",
  "Monique",
  "Zoé",
  "Sandrine",
] as const;

const MALE = [
  "Jean",
  "Pierre",
  "Michel",
  "Bernard",
  "Thomas",
  "Nicolas",
  "Lucas",
  "Hugo",
  "Arthur",
  "Jean-Pierre",
  "Sébastien",
  "Stéphane",
  "Karim",
  "Mohamed",
  "Youssef",
  "Rachid",
  "Hamza",
  "Ilyes",
  "Mamadou",
  "Moussa",
  "Abdoulaye",
  "Ibrahima",
  "Minh",
  "Wei",
  "João",
  "Paulo",
  "Piotr",
  "Mehmet",
  "Gaël",
  "Erwan",
  "Loïc",
  "Dimitri",
] as const;

const SURNAMES = [
  "Durand",
  "Lefebvre",
  "Moreau",
  "Girard",
  "Fournier",
  "Dubois",
  "Lambert",
  "Roux",
  "Fontaine",
  "Mercier",
  "Meyer",
  "Schmitt",
  "Vasseur",
  "Bellanger",
  "Le Goff",
  "Le Gall",
  "Kerjean",
  "Benali",
  "Haddad",
  "Amrani",
  "Bouzid",
  "Cherif",
  "Mansouri",
  "Diallo",
  "Traoré",
  "Koné",
  "Ndiaye",
  "Diop",
  "Camara",
  "Nguyen",
  "Tran",
  "Chen",
  "Pham",
  "Pereira",
  "Da Silva",
  "Ferreira",
  "Rossi",
  "Garcia",
  "Lopez",
  "Kowalski",
  "Nowak",
  "Yilmaz",
  "Demir",
  "Petrossian",
  "Rakotomalala",
  "Hoarau",
  "Martin",
] as const;

/** Birth départements for NIRs: metropolitan, Corsica (2A, 2B) and overseas (3 digits). */
const BIRTH_DEPARTMENTS = [
  "01",
  "13",
  "2A",
  "2B",
  "31",
  "33",
  "35",
  "44",
  "59",
  "62",
  "67",
  "69",
  "75",
  "93",
  "971",
  "974",
] as const;

const STREETS = [
  "rue des Lilas",
  "rue Jean Jaurès",
  "avenue Victor Hugo",
  "allée des Peupliers",
  "boulevard de la République",
  "impasse du Moulin",
  "chemin des Vignes",
  "place du Marché",
  "rue du Général Leclerc",
  "rue de la Paix",
  "cours Gambetta",
  "quai des Bateliers",
  "rue Paul Bert",
  "avenue des Frères Lumière",
  "rue Émile Zola",
  "route de Grenoble",
  "rue Pasteur",
  "rue des Écoles",
] as const;

const CITIES = [
  ["69003", "Lyon"],
  ["13008", "Marseille"],
  ["59000", "Lille"],
  ["35000", "Rennes"],
  ["44100", "Nantes"],
  ["31500", "Toulouse"],
  ["67000", "Strasbourg"],
  ["33800", "Bordeaux"],
  ["20000", "Ajaccio"],
  ["20200", "Bastia"],
  ["97110", "Pointe-à-Pitre"],
  ["93200", "Saint-Denis"],
  ["63000", "Clermont-Ferrand"],
  ["21000", "Dijon"],
  ["29200", "Brest"],
  ["38100", "Grenoble"],
  ["75011", "Paris"],
] as const;

const MONTHS = [
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
const WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"] as const;
const COMPANIES = [
  "BTP Rhône Services",
  "Menuiseries de l'Ouest",
  "Électricité Générale Dupuis et Fils",
  "Espaces Verts du Val",
  "Restauration Collective Horizon",
  "Numérique Territorial Conseil",
  "Transports Scolaires de la Vallée",
  "Nettoyage Industriel Azur",
] as const;

interface Person {
  first: string;
  last: string;
  female: boolean;
  birth: { day: number; month: number; year: number };
  department: string;
}

/** Article-9 mentions, masculine and feminine; `[brackets]` mark the labelled words. */
const SENSITIVE: Record<string, readonly (readonly [string, string])[]> = {
  health: [
    ["est [diabétique] et insulino-dépendant", "est [diabétique] et insulino-dépendante"],
    ["est atteint d'un [cancer] du poumon", "est atteinte d'un [cancer] du sein"],
    [
      "est en [arrêt maladie] depuis trois semaines",
      "est en [arrêt maladie] depuis trois semaines",
    ],
    ["souffre d'une [dépression] sévère", "souffre d'une [dépression] sévère"],
    ["est suivi pour une [sclérose en plaques]", "est suivie pour une [sclérose en plaques]"],
    ["est sous [dialyse] trois fois par semaine", "est sous [dialyse] trois fois par semaine"],
    ["est en [congé de longue maladie]", "est en [congé de longue maladie]"],
    ["présente des [troubles psychiatriques]", "présente des [troubles psychiatriques]"],
    ["est atteint de la [maladie de Parkinson]", "est atteinte de la [maladie de Parkinson]"],
    ["souffre d'[insuffisance cardiaque]", "souffre d'[insuffisance cardiaque]"],
    ["est [séropositif]", "est [séropositive]"],
    ["est en [sevrage alcoolique]", "est en [sevrage alcoolique]"],
    ["est atteint de la [maladie d'Alzheimer]", "est atteinte de la [maladie d'Alzheimer]"],
  ],
  disability: [
    ["a obtenu la [RQTH]", "a obtenu la [RQTH]"],
    [
      "bénéficie d'une [reconnaissance de la qualité de travailleur handicapé]",
      "bénéficie d'une [reconnaissance de la qualité de travailleur handicapé]",
    ],
    ["se déplace [en fauteuil roulant]", "se déplace [en fauteuil roulant]"],
    ["a un dossier en cours à la [MDPH]", "a un dossier en cours à la [MDPH]"],
    [
      "perçoit l'[allocation aux adultes handicapés]",
      "perçoit l'[allocation aux adultes handicapés]",
    ],
    ["a un [taux d'invalidité] de 80 %", "a un [taux d'invalidité] de 80 %"],
  ],
  childhood: [
    ["est [autiste]", "est [autiste]"],
    ["a une [notification MDPH] pour une AESH", "a une [notification MDPH] pour une AESH"],
    ["se déplace [en fauteuil roulant]", "se déplace [en fauteuil roulant]"],
    ["est [épileptique]", "est [épileptique]"],
    ["est [malvoyant]", "est [malvoyante]"],
  ],
  family: [
    ["est de [confession musulmane]", "est de [confession musulmane]"],
    ["est de [confession juive]", "est de [confession juive]"],
    ["est [musulmane pratiquante]", "est [musulmane pratiquante]"],
    ["[fait le ramadan]", "[fait le ramadan]"],
  ],
  union: [
    ["est [délégué syndical] CGT", "est [déléguée syndicale] CGT"],
    ["est [syndiqué] à FO", "est [syndiquée] à FO"],
    ["est [adhérent de la CFDT]", "est [adhérente de la CFDT]"],
    ["est [représentant syndical] au CST", "est [représentante syndicale] au CST"],
  ],
  religion: [
    ["est de [confession musulmane]", "est de [confession musulmane]"],
    ["est [catholique pratiquant]", "est [catholique pratiquante]"],
    ["est [témoin de Jéhovah]", "est [témoin de Jéhovah]"],
    ["est de [confession juive] et ne travaille pas le samedi", "est de [confession juive]"],
    ["[fait le ramadan]", "[porte le voile]"],
  ],
  conviction: [
    [
      "a été [condamné à six mois de prison avec sursis]",
      "a été [condamnée à six mois de prison avec sursis]",
    ],
    ["est sous [contrôle judiciaire]", "est sous [contrôle judiciaire]"],
    ["porte un [bracelet électronique]", "porte un [bracelet électronique]"],
    ["a été [condamné pour vol] en 2019", "a été [condamnée pour vol] en 2019"],
    ["sort de [détention]", "sort de [détention]"],
  ],
};
type SensitiveKind = keyof typeof SENSITIVE;

/** Service mailboxes (look-alikes): the usual ones, and a few a rule might not know. */
const SERVICE_MAILBOXES = [
  "accueil",
  "contact",
  "etat-civil",
  "urbanisme",
  "marches-publics",
  "ccas",
  "mairie",
  "secretariat",
  "courrier",
  "dpo",
  "population",
  "scolaire",
  "rh",
  "enfance",
] as const;

// ---------------------------------------------------------------------------
// Values, with their check digits

/** Remainder of a long decimal string divided by 97. */
function mod97(digits: string): number {
  let rest = 0;
  for (const digit of digits) rest = (rest * 10 + Number(digit)) % 97;
  return rest;
}

/** The digit that makes `partial` + digit pass the Luhn check. */
function luhnDigit(partial: string): number {
  let sum = 0;
  for (let i = 0; i < partial.length; i++) {
    let digit = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

const groupsOf = (value: string, size: number) =>
  (value.match(new RegExp(`.{1,${size}}`, "g")) ?? []).join(" ");

/** The generator of values and phrases, over one seeded sequence. */
class Gen {
  constructor(readonly r: Random) {}

  // People -----------------------------------------------------------------

  person(sex?: "F" | "M"): Person {
    const female = sex ? sex === "F" : this.r.chance(0.5);
    const year = this.r.int(1938, 2004);
    return {
      first: this.r.pick(female ? FEMALE : MALE),
      last: this.r.pick(SURNAMES),
      female,
      birth: { day: this.r.int(1, 28), month: this.r.int(1, 12), year },
      department: this.r.pick(BIRTH_DEPARTMENTS),
    };
  }

  /** A child of a person: same surname, born 2010–2021. */
  child(parent: Person): Person {
    const female = this.r.chance(0.5);
    return {
      first: this.r.pick(female ? FEMALE : MALE),
      last: parent.last,
      female,
      birth: { day: this.r.int(1, 28), month: this.r.int(1, 12), year: this.r.int(2010, 2021) },
      department: parent.department,
    };
  }

  /** "Jeanne Durand", "Jeanne DURAND" or "DURAND Jeanne", all labelled. */
  name(p: Person): Fragment {
    const style = this.r.int(0, 3);
    if (style === 0) return e("PERSON", `${p.first} ${p.last.toUpperCase()}`);
    if (style === 1) return e("PERSON", `${p.last.toUpperCase()} ${p.first}`);
    return e("PERSON", `${p.first} ${p.last}`);
  }

  honorific(p: Person): string {
    return this.r.chance(0.75) ? (p.female ? "Mme" : "M.") : p.female ? "Madame" : "Monsieur";
  }

  /** "Mme Jeanne Durand" or "Mme Durand": the name labelled, not the honorific. */
  civName(p: Person): Fragment {
    const name = this.r.chance(0.6) ? `${p.first} ${p.last}` : p.last;
    return t`${this.honorific(p)} ${e("PERSON", name)}`;
  }

  /** "Mme Durand": a later mention. */
  civLast(p: Person): Fragment {
    return t`${p.female ? "Mme" : "M."} ${e("PERSON", p.last)}`;
  }

  last(p: Person): Fragment {
    return e("PERSON", p.last);
  }

  /** A town hall agent signing a message: "Sophie Lambert" on its own line. */
  agent(): { person: Person; signature: Fragment } {
    const person = this.person();
    return { person, signature: e("PERSON", `${person.first} ${person.last}`) };
  }

  he(p: Person): string {
    return p.female ? "elle" : "il";
  }

  agree(p: Person, masculine: string, feminine: string): string {
    return p.female ? feminine : masculine;
  }

  sensitive(p: Person, kind: SensitiveKind): Fragment {
    const [masculine, feminine] = this.r.pick(SENSITIVE[kind] ?? []);
    return marked("SENSITIVE", p.female ? feminine : masculine);
  }

  // Identifiers --------------------------------------------------------------

  /** A NIR consistent with the person (sex, year and month of birth, département), key computed. */
  nirValue(p: Person): string {
    const overseas = p.department.length === 3;
    const commune = overseas ? pad(this.r.int(1, 34), 2) : pad(this.r.int(1, 899), 3);
    const order = pad(this.r.int(1, 999), 3);
    const head = `${p.female ? 2 : 1}${pad(p.birth.year % 100, 2)}${pad(p.birth.month, 2)}`;
    const numericDepartment =
      p.department === "2A" ? "19" : p.department === "2B" ? "18" : p.department;
    const key = 97 - mod97(`${head}${numericDepartment}${commune}${order}`);
    const parts = [head[0], head.slice(1, 3), head.slice(3, 5), p.department, commune, order];
    return this.r.chance(0.7)
      ? `${parts.join(" ")} ${pad(key, 2)}`
      : `${parts.join("")}${pad(key, 2)}`;
  }

  nir(p: Person): Fragment {
    const context = this.r.pick([
      "NIR : ",
      "n° de sécurité sociale : ",
      "numéro de sécurité sociale ",
      "n° de sécu ",
      "numéro INSEE : ",
      "carte Vitale n° ",
    ]);
    return t`${context}${e("NIR", this.nirValue(p))}`;
  }

  ibanValue(): string {
    const bank = this.r.pick(["30004", "30002", "20041", "10278", "30003", "16807", "17515"]);
    const branch = this.r.digits(5);
    const account = this.r.digits(11);
    const ribKey = 97 - ((89 * Number(bank) + 15 * Number(branch) + 3 * Number(account)) % 97);
    const bban = `${bank}${branch}${account}${pad(ribKey, 2)}`;
    // F = 15, R = 27; check digits "00" while computing.
    const check = 98 - mod97(`${bban}152700`);
    const iban = `FR${pad(check, 2)}${bban}`;
    return this.r.chance(0.65) ? groupsOf(iban, 4) : iban;
  }

  /** The IBAN alone, labelled. */
  ibanPlain(): Fragment {
    return e("IBAN", this.ibanValue());
  }

  iban(): Fragment {
    const context = this.r.pick(["IBAN : ", "IBAN ", "RIB : IBAN ", "coordonnées bancaires : "]);
    return t`${context}${e("IBAN", this.ibanValue())}`;
  }

  cardValue(): string {
    const prefix = this.r.pick(["4", "4", `5${this.r.int(1, 5)}`, String(this.r.int(2221, 2720))]);
    const partial = prefix + this.r.digits(15 - prefix.length);
    const card = `${partial}${luhnDigit(partial)}`;
    return this.r.chance(0.7) ? groupsOf(card, 4) : card;
  }

  card(): Fragment {
    return e("CARD", this.cardValue());
  }

  fiscalValue(): string {
    const ten = `${this.r.int(0, 3)}${this.r.digits(9)}`;
    const number = `${ten}${pad(Number(ten) % 511, 3)}`;
    return this.r.chance(0.5)
      ? number
      : `${number.slice(0, 2)} ${number.slice(2, 4)} ${number.slice(4, 7)} ${number.slice(7, 10)} ${number.slice(10)}`;
  }

  fiscal(): Fragment {
    const context = this.r.pick([
      "numéro fiscal : ",
      "n° fiscal ",
      "numéro fiscal (SPI) ",
      "identifiant fiscal : ",
    ]);
    return t`${context}${e("FISCAL_ID", this.fiscalValue())}`;
  }

  phoneValue(kind: "mobile" | "landline" = this.r.chance(0.65) ? "mobile" : "landline"): string {
    const first =
      kind === "mobile"
        ? this.r.pick(["6", "6", "7"])
        : this.r.pick(["1", "2", "3", "4", "5", "9"]);
    const second = first === "7" ? String(this.r.int(3, 9)) : String(this.r.int(0, 9));
    const pairs = [
      `${second}${this.r.digits(1)}`,
      this.r.digits(2),
      this.r.digits(2),
      this.r.digits(2),
    ];
    switch (this.r.int(0, 7)) {
      case 0:
        return `0${first}.${pairs.join(".")}`;
      case 1:
        return `0${first}${pairs.join("")}`;
      case 2:
        return `+33 ${first} ${pairs.join(" ")}`;
      case 3:
        return `+33${first}${pairs.join("")}`;
      case 4:
        return `+33 (0)${first} ${pairs.join(" ")}`;
      default:
        return `0${first} ${pairs.join(" ")}`;
    }
  }

  phone(kind?: "mobile" | "landline"): Fragment {
    return e("PHONE", this.phoneValue(kind));
  }

  emailValue(p: Person, domain?: string): string {
    const first = slug(p.first);
    const last = slug(p.last);
    const local = this.r.pick([
      `${first}.${last}`,
      `${first}.${last}`,
      `${first[0]}${last}`,
      `${first}${last}${this.r.int(10, 99)}`,
      `${last}.${first}`,
    ]);
    const host =
      domain ?? this.r.pick(["example.fr", "example.com", "example.org", "mail.example.fr"]);
    if (this.r.chance(0.25)) {
      const dot = host.lastIndexOf(".");
      return this.r.chance(0.6)
        ? `${local} arobase ${host}`
        : `${local} [at] ${host.slice(0, dot)} [dot] ${host.slice(dot + 1)}`;
    }
    return `${local}@${host}`;
  }

  email(p: Person, domain?: string): Fragment {
    return e("EMAIL", this.emailValue(p, domain));
  }

  ip(): Fragment {
    const first = this.r.pick([78, 82, 86, 88, 90, 91, 92, 109, 176, 185, 193, 212, 217]);
    return e("IP", `${first}.${this.r.int(0, 255)}.${this.r.int(0, 255)}.${this.r.int(1, 254)}`);
  }

  plateValue(): string {
    const letters = "ABCDEFGHJKLMNPQRSTVWXYZ";
    const pair = () => `${this.r.pick([...letters])}${this.r.pick([...letters])}`;
    let left = pair();
    while (left === "SS" || left === "WW") left = pair();
    let right = pair();
    while (right === "SS") right = pair();
    const number = pad(this.r.int(1, 999), 3);
    return this.r.chance(0.8) ? `${left}-${number}-${right}` : `${left} ${number} ${right}`;
  }

  plate(): Fragment {
    return e("PLATE", this.plateValue());
  }

  passport(): Fragment {
    const letters = "ABCDEFGHJKLMNPRSTVXYZ";
    const value = `${pad(this.r.int(5, 24), 2)}${this.r.pick([...letters])}${this.r.pick([...letters])}${this.r.digits(5)}`;
    return e("ID_DOC", value);
  }

  /** "née le 12/03/1985", "date de naissance : 3 mars 1985": only the date labelled. */
  birth(p: Person): Fragment {
    const { day, month, year } = p.birth;
    const date = this.r.pick([
      `${pad(day, 2)}/${pad(month, 2)}/${year}`,
      `${pad(day, 2)}/${pad(month, 2)}/${year}`,
      `${day === 1 ? "1er" : day} ${MONTHS[month - 1]} ${year}`,
      `${pad(day, 2)}.${pad(month, 2)}.${year}`,
    ]);
    const context = this.r.pick([
      p.female ? "née le " : "né le ",
      p.female ? "née le " : "né le ",
      "date de naissance : ",
      "né(e) le ",
    ]);
    return t`${context}${e("BIRTHDATE", date)}`;
  }

  addressValue(withCity = this.r.chance(0.8)): string {
    const number = `${this.r.int(1, 148)}${this.r.pick(["", "", "", "", " bis", " ter"])}`;
    const street = this.r.pick(STREETS);
    if (!withCity) return `${number} ${street}`;
    const [postcode, city] = this.r.pick(CITIES);
    return `${number}${this.r.chance(0.2) ? "," : ""} ${street}${this.r.chance(0.8) ? "," : ""} ${postcode} ${city}`;
  }

  address(withCity?: boolean): Fragment {
    return e("ADDRESS", this.addressValue(withCity));
  }

  // Things that are not personal data ---------------------------------------

  date(): string {
    return this.r.chance(0.5)
      ? `${this.r.int(1, 28)} ${this.r.pick(MONTHS)} ${this.r.int(2023, 2025)}`
      : `${pad(this.r.int(1, 28), 2)}/${pad(this.r.int(1, 12), 2)}/${this.r.int(2023, 2025)}`;
  }

  meetingDate(): string {
    return `${this.r.pick(WEEKDAYS)} ${this.r.int(1, 28)} ${this.r.pick(MONTHS)} ${this.r.int(2024, 2025)}`;
  }

  amount(size: "any" | "large" = "any"): string {
    const euros = this.r.pick([
      size === "large" ? this.r.int(5000, 40_000) : this.r.int(50, 999),
      this.r.int(1000, 99_999),
      this.r.int(100_000, 2_500_000),
    ]);
    const grouped = String(euros).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
    return `${grouped},${this.r.pick(["00", "00", pad(this.r.int(1, 99), 2)])} €`;
  }

  invoice(): string {
    return `${this.r.int(2023, 2025)}-${pad(this.r.int(1, 2999), 5)}`;
  }

  deliberation(): string {
    return `${this.r.int(2023, 2025)}-${pad(this.r.int(1, 180), 3)}`;
  }

  sirenValue(): string {
    let partial = `${this.r.int(3, 9)}${this.r.digits(7)}`;
    while (partial.startsWith("35600000")) partial = `${this.r.int(3, 9)}${this.r.digits(7)}`;
    return `${partial}${luhnDigit(partial)}`;
  }

  /** A commune's SIREN: 21, département, 0, commune code, Luhn digit. */
  communeSiren(): string {
    const partial = `21${pad(this.r.int(1, 95), 2)}0${pad(this.r.int(1, 600), 3)}`;
    return `${partial}${luhnDigit(partial)}`;
  }

  siretValue(siren = this.sirenValue()): string {
    const partial = `${siren}${pad(this.r.int(1, 99), 4)}`;
    const siret = `${partial}${luhnDigit(partial)}`;
    return this.r.chance(0.6)
      ? `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`
      : siret;
  }

  spacedSiren(siren: string): string {
    return this.r.chance(0.6)
      ? `${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)}`
      : siren;
  }

  vatNumber(siren = this.sirenValue()): string {
    const key = (12 + 3 * (Number(siren) % 97)) % 97;
    return `FR${pad(key, 2)}${siren}`;
  }

  landline(): string {
    const first = this.r.pick(["1", "2", "3", "4", "5"]);
    const pairs = [this.r.digits(2), this.r.digits(2), this.r.digits(2), this.r.digits(2)];
    return this.r.chance(0.8) ? `0${first} ${pairs.join(" ")}` : `0${first}.${pairs.join(".")}`;
  }

  serviceMailbox(): string {
    return `${this.r.pick(SERVICE_MAILBOXES)}@${this.r.pick(["ville-exemple.fr", "mairie-exemple.fr"])}`;
  }

  /** A SIV-shaped product or quotation reference ("Référence du devis : DV-204-KA"). */
  reference(): string {
    return this.plateValue().replace(/ /g, "-");
  }

  company(): string {
    return this.r.pick(COMPANIES);
  }
}

// ---------------------------------------------------------------------------
// Texts with personal data

interface Template {
  genre: Genre;
  /** How many times the template comes up in a round (default 1): rarer data types weigh 2. */
  weight?: number;
  make(g: Gen): Fragment;
}

const PERSONAL: readonly Template[] = [
  // CCAS case notes ----------------------------------------------------------
  {
    genre: "ccas",
    make: (g) => {
      const p = g.person("F");
      return t`Visite à domicile du ${g.date()} chez ${g.civName(p)}, ${g.address()}. ${capitalise(g.he(p))} vit seule depuis le décès de son mari. ${g.civLast(p)} ${g.sensitive(p, "health")} et souhaite bénéficier du portage de repas. Sa fille est joignable au ${g.phone("mobile")}.`;
    },
  },
  {
    genre: "ccas",
    make: (g) => {
      const p = g.person();
      return t`Demande d'aide facultative — ${g.name(p)}, ${g.birth(p)}, ${g.nir(p)}. Ressources : RSA. ${g.civLast(p)} ${g.sensitive(p, "health")}. Versement sur le compte ${g.iban()}.`;
    },
  },
  {
    genre: "ccas",
    make: (g) => {
      const p = g.person("F");
      const c = g.child(p);
      return t`Entretien avec la famille ${g.last(p)}. L'enfant ${e("PERSON", c.first)} ${g.sensitive(c, "childhood")} ; la mère demande une aide pour le transport scolaire. Contact : ${g.phone()} ou ${g.email(p)}.`;
    },
  },
  {
    genre: "ccas",
    make: (g) => {
      const p = g.person("F");
      return t`Signalement du bailleur : ${g.civName(p)}, domiciliée ${g.address()}, a trois mois de loyers impayés. Elle est ${e("SENSITIVE", "enceinte")} de six mois et vit seule. Téléphone : ${g.phone("mobile")}. Adresse électronique : ${g.email(p)}.`;
    },
  },
  {
    genre: "ccas",
    make: (g) => {
      const p = g.person("M");
      return t`Domiciliation administrative accordée à ${g.civName(p)}, sans domicile stable, ${g.birth(p)}. Pièce présentée : passeport n° ${g.passport()}. ${capitalise(g.he(p))} ${g.sensitive(p, "conviction")} et cherche un logement. Joignable au ${g.phone("mobile")}.`;
    },
  },
  {
    genre: "ccas",
    make: (g) => {
      const p = g.person();
      return t`Aide aux impayés d'énergie — ${g.civName(p)}, ${g.address(true)}. Avis d'imposition 2024, ${g.fiscal()}. Aide de 250 € versée sur le compte ${g.ibanPlain()}.`;
    },
  },
  {
    genre: "ccas",
    make: (g) => {
      const p = g.person("F");
      const c = g.child(p);
      return t`${g.civName(p)} demande des repas sans porc à la cantine pour ${g.agree(c, "son fils", "sa fille")} ${e("PERSON", `${c.first} ${c.last}`)} : la famille ${g.sensitive(p, "family")}. Rappeler au ${g.phone()}.`;
    },
  },
  {
    genre: "ccas",
    make: (g) => {
      const p = g.person();
      return t`Complémentaire santé solidaire : dossier de ${g.name(p)} transmis à la CPAM, ${g.nir(p)}. ${g.civLast(p)} ${g.sensitive(p, "health")}. Adresse : ${g.address(true)}.`;
    },
  },
  // E-mails to residents ------------------------------------------------------
  {
    genre: "courriel",
    make: (g) => {
      const p = g.person();
      const { signature } = g.agent();
      return t`Bonjour ${p.female ? "Madame" : "Monsieur"} ${g.last(p)},\n\nNous avons bien reçu votre demande de réservation de la salle des fêtes. Pourriez-vous nous confirmer votre adresse ${g.email(p)} afin que nous vous envoyions le contrat ?\n\nCordialement,\n${signature}\nService vie associative — standard de la mairie : ${g.landline()}`;
    },
  },
  {
    genre: "courriel",
    make: (g) => {
      const p = g.person();
      const { signature } = g.agent();
      return t`${p.female ? "Madame" : "Monsieur"} ${g.last(p)},\n\nSuite à votre appel du ${g.date()}, je vous confirme votre rendez-vous avec le service urbanisme. En cas d'empêchement, nous vous rappellerons au ${g.phone()}.\n\nBien cordialement,\n${signature}`;
    },
  },
  {
    genre: "courriel",
    make: (g) => {
      const p = g.person();
      return t`${p.female ? "Madame" : "Monsieur"},\n\nVotre véhicule immatriculé ${g.plate()} a fait l'objet d'un enlèvement le ${g.date()} devant le ${g.address(false)}. Vous pouvez le récupérer à la fourrière municipale sur présentation de la carte grise au nom de ${g.name(p)}.`;
    },
  },
  {
    genre: "courriel",
    make: (g) => {
      const p = g.person();
      return t`Madame, Monsieur,\n\nLa bourse communale de 300 € attribuée à ${g.name(p)} sera versée sur le compte ${g.ibanPlain()}. Merci de nous signaler toute erreur à l'adresse ${g.email(p)}.\n\nLe service jeunesse`;
    },
  },
  {
    genre: "courriel",
    make: (g) => {
      const p = g.person();
      const c = g.child(p);
      return t`Bonjour,\n\nL'inscription scolaire de l'enfant ${e("PERSON", `${c.first} ${c.last.toUpperCase()}`)}, ${g.birth(c)}, est enregistrée. Adresse de la famille : ${g.address()}. Le responsable légal, ${g.civName(p)}, sera contacté au ${g.phone()}.`;
    },
  },
  {
    genre: "courriel",
    make: (g) => {
      const p = g.person();
      return t`${p.female ? "Madame" : "Monsieur"} ${g.last(p)},\n\nNous avons transmis votre réclamation sur la taxe foncière aux services fiscaux (${g.fiscal()}). Vous serez informé${p.female ? "e" : ""} de la suite par courrier au ${g.address()}.`;
    },
  },
  {
    genre: "courriel",
    make: (g) => {
      const p = g.person();
      return t`Bonjour,\n\nLe compte du portail citoyen de ${g.civName(p)} (${g.email(p)}) a été bloqué après dix tentatives de connexion depuis l'adresse ${g.ip()}. Nous l'avons réactivé ce matin.`;
    },
  },
  // HR notes -----------------------------------------------------------------
  {
    genre: "rh",
    make: (g) => {
      const p = g.person();
      return t`Note RH — ${g.name(p)}, adjoint${p.female ? "e" : ""} technique, ${g.sensitive(p, "disability")} ; un aménagement de poste est demandé au médecin de prévention. ${g.nir(p)}, ${g.birth(p)}.`;
    },
  },
  {
    genre: "rh",
    make: (g) => {
      const p = g.person();
      return t`${g.civName(p)} ${g.sensitive(p, "union")} et demande une décharge d'activité de service de 20 %. Contact : ${e("EMAIL", g.emailValue(p, "ville-exemple.fr"))}, portable ${g.phone("mobile")}.`;
    },
  },
  {
    genre: "rh",
    make: (g) => {
      const p = g.person();
      return t`Absences du service espaces verts : ${g.name(p)} ${g.sensitive(p, "health")} ; son remplacement est assuré par un contractuel jusqu'à la fin du mois.`;
    },
  },
  {
    genre: "rh",
    make: (g) => {
      const p = g.person();
      return t`Candidature au poste d'assistant${p.female ? "e" : ""} de gestion : ${g.name(p)}, ${g.birth(p)}, domicilié${p.female ? "e" : ""} ${g.address()}. Courriel : ${g.email(p)}. Téléphone : ${g.phone()}.`;
    },
  },
  {
    genre: "rh",
    make: (g) => {
      const p = g.person();
      return t`Recrutement d'un agent de police municipale : l'extrait de casier du candidat ${g.name(p)} indique qu'${g.he(p)} ${g.sensitive(p, "conviction")}. Avis défavorable du service.`;
    },
  },
  {
    genre: "rh",
    make: (g) => {
      const p = g.person();
      return t`Remboursement des frais de déplacement de ${g.civName(p)} : 182,40 € virés sur le compte ${g.ibanPlain()}. Véhicule personnel immatriculé ${g.plate()}, 5 CV.`;
    },
  },
  {
    genre: "rh",
    make: (g) => {
      const p = g.person();
      return t`Dossier de paie de ${g.name(p)} : ${g.nir(p)} ; ${g.iban()} ; prélèvement à la source, ${g.fiscal()}.`;
    },
  },
  // Council minutes -----------------------------------------------------------
  {
    genre: "conseil",
    make: (g) => {
      const a = g.person();
      const b = g.person();
      return t`Séance du ${g.meetingDate()}. ${g.civName(a)}, adjoint${a.female ? "e" : ""} aux finances, présente la délibération n° ${g.deliberation()} prise en application de l'article L2122-22 du CGCT, pour un montant de ${g.amount()}. ${g.civName(b)} demande le report du vote ; ${g.civLast(a)} maintient la proposition.`;
    },
  },
  {
    genre: "conseil",
    make: (g) => {
      const people = [g.person(), g.person(), g.person()];
      const [a, b, c] = people as [Person, Person, Person];
      return t`Présents : ${join(
        people.map((p) => g.name(p)),
        ", ",
      )}. Absent${c.female ? "e" : ""} excusé${c.female ? "e" : ""} : ${g.civLast(c)}, pouvoir donné à ${g.civLast(a)}. Secrétaire de séance : ${g.civLast(b)}.`;
    },
  },
  {
    genre: "conseil",
    make: (g) => {
      const p = g.person();
      return t`Question écrite d'un habitant, ${g.civName(p)}, demeurant ${g.address()}, sur l'éclairage de sa rue ; une réponse lui sera adressée par courriel à ${g.email(p)}.`;
    },
  },
  // Procurement ---------------------------------------------------------------
  {
    genre: "marches",
    make: (g) => {
      const p = g.person();
      return t`Marché n° ${g.deliberation()} — l'offre de la société ${g.company()} (SIRET ${g.siretValue()}) est signée par ${g.civName(p)}, gérant${p.female ? "e" : ""}. Contact direct : ${g.email(p)} ; portable ${g.phone("mobile")}. Montant : ${g.amount("large")} HT.`;
    },
  },
  {
    genre: "marches",
    make: (g) => {
      const p = g.person();
      return t`Pièces du candidat retenu : copie du passeport du représentant légal, ${g.name(p)}, passeport n° ${g.passport()}, ${g.birth(p)}. Kbis et attestation URSSAF fournis.`;
    },
  },
  {
    genre: "marches",
    make: (g) => {
      const p = g.person();
      return t`Entrepreneur individuel : ${g.civName(p)}, ${g.address()}. Attestation de régularité fiscale jointe, ${g.fiscal()}. Règlement par virement, ${g.iban()}.`;
    },
  },
  // Reception desk ------------------------------------------------------------
  {
    genre: "accueil",
    make: (g) => {
      const p = g.person();
      return t`Appel de ${g.civName(p)} à 10 h 15 : souhaite un rendez-vous avec l'assistante sociale. Rappeler au ${g.phone()}.`;
    },
  },
  {
    genre: "accueil",
    make: (g) => {
      const p = g.person();
      return t`Passage à l'accueil de ${g.civName(p)}, qui signale un stationnement gênant devant chez ${p.female ? "elle" : "lui"}, au ${g.address(false)} : véhicule ${g.plate()} garé sur le trottoir depuis trois jours.`;
    },
  },
  {
    genre: "accueil",
    make: (g) => {
      const p = g.person();
      const c = g.child(p);
      return t`Régie cantine : ${g.civName(p)} a dicté par téléphone le numéro de sa carte bancaire (${g.card()}) pour régler les repas de l'enfant ${e("PERSON", c.first)}. Rappel : ne jamais noter un numéro de carte.`;
    },
  },
  {
    genre: "accueil",
    make: (g) => {
      const p = g.person();
      return t`Plainte de ${g.civName(p)} : le wifi public de la médiathèque refuse sa connexion. Adresse IP relevée : ${g.ip()}. Réponse à envoyer à ${g.email(p)}.`;
    },
  },
  {
    genre: "accueil",
    make: (g) => {
      const p = g.person();
      return t`Objet trouvé : un portefeuille au nom de ${g.name(p)} contenant sa carte Vitale (${e("NIR", g.nirValue(p))}) et une carte bancaire n° ${g.card()}. Déposé au coffre de l'accueil.`;
    },
  },
  {
    genre: "accueil",
    make: (g) =>
      t`Appel anonyme à 16 h depuis le ${g.phone()} : la personne signale des dépôts sauvages derrière le gymnase et souhaite être rappelée.`,
  },
  {
    genre: "accueil",
    make: (g) => {
      const p = g.person();
      return t`Connexion suspecte au portail famille depuis l'adresse ${g.ip()} avec le compte ${g.email(p)} ; mot de passe réinitialisé.`;
    },
  },
  {
    genre: "accueil",
    make: (g) => {
      const p = g.person();
      return t`${g.civName(p)} a oublié son passeport (n° ${g.passport()}) au guichet. Prévenu${p.female ? "e" : ""} au ${g.phone()}.`;
    },
  },
  {
    genre: "accueil",
    make: (g) => {
      const p = g.person();
      return t`Paiement de la location de salle refusé pour la carte ${g.card()} de ${g.civName(p)} ; nouveau lien de paiement envoyé à ${g.email(p)}.`;
    },
  },
  // Civil status -------------------------------------------------------------
  {
    genre: "etat-civil",
    make: (g) => {
      const p = g.person();
      const applicant = g.person();
      return t`Demande de copie intégrale d'acte de naissance pour ${g.name(p)}, ${g.birth(p)} à Lyon. Demandeur : ${g.civName(applicant)}, ${g.address()}. Pièce d'identité : passeport n° ${g.passport()}.`;
    },
  },
  {
    genre: "etat-civil",
    make: (g) => {
      const a = g.person("F");
      const b = g.person("M");
      return t`Dossier de mariage de ${g.name(a)}, ${g.birth(a)}, et de ${g.name(b)}, ${g.birth(b)}. Publication des bans affichée en mairie. Contact des futurs époux : ${g.email(a)}.`;
    },
  },
  {
    genre: "etat-civil",
    make: (g) => {
      const a = g.person("F");
      const b = g.person("M");
      return t`Reconnaissance anticipée : ${g.civName(a)}, ${e("SENSITIVE", "enceinte")} de cinq mois, et ${g.civName(b)}, domiciliés ${g.address()}, se présentent ensemble au guichet.`;
    },
  },
  {
    genre: "etat-civil",
    make: (g) => {
      const p = g.person();
      return t`Demande de livret de famille (duplicata) : ${g.name(p)}, ${g.email(p)}, tél. ${g.phone()}.`;
    },
  },
  {
    genre: "etat-civil",
    make: (g) => {
      const p = g.person();
      return t`Renouvellement de passeport : ${g.civName(p)}, ${g.birth(p)}, ancien passeport n° ${g.passport()}, adresse ${g.address()}. Rendez-vous confirmé par SMS au ${g.phone("mobile")}.`;
    },
  },
  {
    genre: "etat-civil",
    make: (g) => {
      const a = g.person();
      const b = g.person();
      return t`Enregistrement du PACS de ${g.name(a)} et ${g.name(b)}, ${g.birth(a)} et ${g.birth(b)}, domiciliés ${g.address()}.`;
    },
  },
  {
    genre: "etat-civil",
    make: (g) => {
      const host = g.person();
      const guest = g.person();
      return t`Attestation d'accueil : hébergeant ${g.civName(host)}, ${g.address()} ; personne accueillie ${g.name(guest)}, ${g.birth(guest)}, passeport n° ${g.passport()}.`;
    },
  },
  // More templates for the rarer types ----------------------------------------
  {
    genre: "ccas",
    weight: 2,
    make: (g) => {
      const p = g.person();
      return t`Demande de logement social déposée par ${g.civName(p)}, ${g.birth(p)}. Revenus justifiés par l'avis d'imposition, ${g.fiscal()}. Téléphone : ${g.phone()}.`;
    },
  },
  {
    genre: "ccas",
    make: (g) => {
      const p = g.person();
      return t`Secours d'urgence accordé à ${g.name(p)}, ${g.nir(p)}, hébergé${p.female ? "e" : ""} chez un tiers au ${g.address()}. Versement : ${g.iban()}.`;
    },
  },
  {
    genre: "rh",
    make: (g) => {
      const p = g.person();
      return t`Déclaration d'accident de service : ${g.name(p)}, ${g.nir(p)}, ${g.birth(p)}. Lésion : ${e("SENSITIVE", "fracture du poignet")} lors du déchargement d'un camion.`;
    },
  },
  {
    genre: "rh",
    weight: 2,
    make: (g) => {
      const p = g.person();
      return t`Journal du VPN : le poste personnel de ${g.civName(p)} s'est connecté depuis l'adresse IP ${g.ip()} en dehors des plages de télétravail ; le responsable est informé.`;
    },
  },
  {
    genre: "accueil",
    weight: 2,
    make: (g) => {
      const p = g.person();
      return t`Police municipale — avis de contravention : véhicule ${g.plate()} stationné sur une place réservée ; titulaire du certificat d'immatriculation : ${g.civName(p)}, ${g.address()}.`;
    },
  },
  {
    genre: "accueil",
    weight: 2,
    make: (g) => {
      const p = g.person();
      return t`Un agent a recopié sur un post-it le numéro de carte bancaire ${g.card()} de ${g.civName(p)} : post-it détruit, incident signalé au délégué à la protection des données.`;
    },
  },
  {
    genre: "accueil",
    weight: 2,
    make: (g) =>
      t`Vidéoprotection : réquisition de la gendarmerie pour les images du parking de la gare où le véhicule ${g.plate()} a été vu le ${g.date()}.`,
  },
  {
    genre: "courriel",
    weight: 2,
    make: (g) => {
      const p = g.person();
      return t`${p.female ? "Madame" : "Monsieur"} ${g.last(p)},\n\nLe remboursement de l'inscription au centre de loisirs (45,00 €) sera crédité sur la carte ${g.card()} utilisée lors du paiement en ligne.`;
    },
  },
  {
    genre: "courriel",
    weight: 2,
    make: (g) => {
      const p = g.person();
      return t`${p.female ? "Madame" : "Monsieur"},\n\nVous nous demandez les journaux de connexion associés à l'adresse IP ${g.ip()} et au compte ${g.email(p)}. Votre demande d'accès a été transmise à notre délégué à la protection des données.`;
    },
  },
];

/** The personal templates in order, each repeated by its weight. */
const SCHEDULE: readonly Template[] = PERSONAL.flatMap((template) =>
  Array.from({ length: template.weight ?? 1 }, () => template),
);

// ---------------------------------------------------------------------------
// Clean texts: no personal data, nothing that looks like it

const CLEAN: Readonly<Record<Genre, readonly string[]>> = {
  ccas: [
    "Le CCAS propose un accompagnement aux démarches administratives, sur rendez-vous, du lundi au vendredi.",
    "Les demandes d'aide facultative sont examinées en commission permanente chaque mois.",
    "Le plan canicule est activé : le registre des personnes isolées est ouvert en mairie.",
    "La banque alimentaire recherche des bénévoles pour la collecte de novembre.",
    "Le portage de repas à domicile est proposé aux personnes de plus de 70 ans.",
    "Une permanence d'accès aux droits se tient chaque mardi matin au centre social.",
    "Le conseil d'administration du CCAS a adopté l'analyse des besoins sociaux.",
    "Les chèques énergie peuvent être utilisés pour régler les factures de chauffage.",
    "L'aide au permis de conduire est réservée aux jeunes de 18 à 25 ans.",
    "L'épicerie solidaire sera fermée pendant la deuxième quinzaine d'août.",
  ],
  courriel: [
    "Nous accusons réception de votre demande et vous en remercions.",
    "Votre dossier est complet ; il sera instruit dans un délai de deux mois.",
    "Nous vous invitons à prendre rendez-vous en ligne depuis le site de la ville.",
    "Les pièces justificatives peuvent être déposées à l'accueil ou envoyées par courrier.",
    "Nous restons à votre disposition pour tout renseignement complémentaire.",
    "Votre demande a été transmise au service compétent, qui reviendra vers vous prochainement.",
    "Le formulaire de réservation de salle est disponible en téléchargement sur le site de la commune.",
    "Nous vous remercions de votre patience pendant les travaux de rénovation de l'hôtel de ville.",
  ],
  rh: [
    "Le télétravail est ouvert aux agents dont les missions le permettent, dans la limite de deux jours par semaine.",
    "Les entretiens professionnels annuels doivent être conduits avant le 30 juin.",
    "Le plan de formation prévoit des sessions sur la prévention des risques professionnels.",
    "Les demandes de congés d'été sont à transmettre au responsable avant la fin du mois de mars.",
    "La collectivité met en place le forfait mobilités durables pour les trajets à vélo.",
    "Le règlement intérieur a été soumis au comité social territorial.",
    "Les fiches de poste seront actualisées dans le cadre de la réorganisation des services techniques.",
    "Une astreinte hivernale est organisée pour le déneigement de la voirie.",
    "Le protocole sur le temps de travail fixe la durée annuelle à 1 607 heures.",
  ],
  conseil: [
    "Ordre du jour :\n1. Approbation du procès-verbal de la séance précédente\n2. Budget primitif\n3. Tarifs de la restauration scolaire\n4. Questions diverses",
    "Le conseil municipal approuve le plan pluriannuel d'investissement.",
    "Après en avoir délibéré, le conseil municipal adopte la délibération à l'unanimité.",
    "La commission des finances a examiné le projet de budget supplémentaire.",
    "Le rapport d'orientation budgétaire est présenté à l'assemblée.",
    "Le conseil municipal décide de renouveler la convention de partenariat avec l'office de tourisme.",
    "Les tarifs des concessions funéraires sont maintenus pour l'année à venir.",
    "Le conseil émet un avis favorable au projet de schéma de cohérence territoriale.",
  ],
  marches: [
    "Avis d'appel public à la concurrence. Objet : travaux de rénovation énergétique de l'école maternelle.",
    "Procédure adaptée. Critères d'attribution : prix (40 %), valeur technique (60 %).",
    "Les offres doivent être déposées sur la plateforme de dématérialisation avant la date limite.",
    "Le marché est alloti : lot 1 gros œuvre, lot 2 menuiseries, lot 3 électricité.",
    "Une visite du site est obligatoire avant la remise des offres.",
    "Les variantes ne sont pas autorisées.",
    "Le dossier de consultation des entreprises est téléchargeable gratuitement.",
    "La durée du marché est de douze mois, reconductible trois fois.",
    "Les candidats fourniront une note méthodologique et un planning prévisionnel.",
  ],
  accueil: [
    "Horaires d'ouverture de l'accueil : du lundi au vendredi de 8 h 30 à 12 h et de 13 h 30 à 17 h.",
    "Les cartes de stationnement résidentiel sont à retirer à l'accueil de l'hôtel de ville.",
    "Rappel : la mairie sera fermée le lundi de Pentecôte.",
    "Le guichet unique délivre les badges d'accès à la déchetterie.",
    "Les sacs de tri sont distribués gratuitement au rez-de-chaussée.",
    "Le registre des doléances est à la disposition du public.",
    "Affluence importante ce matin : prévoir un second agent au guichet.",
    "Les objets trouvés sont conservés un an avant d'être remis aux associations.",
  ],
  "etat-civil": [
    "Les demandes d'actes de naissance, de mariage ou de décès peuvent être faites en ligne.",
    "Les rendez-vous pour les cartes d'identité et les passeports sont à prendre sur le site de la ville.",
    "La célébration des mariages a lieu le samedi, en salle des mariages.",
    "Le dossier de mariage doit être déposé au moins un mois avant la date prévue.",
    "Les copies et extraits d'actes sont délivrés gratuitement.",
    "Le livret de famille est remis aux parents lors de la déclaration de naissance.",
    "Le recensement citoyen est obligatoire pour les jeunes dès leurs seize ans.",
    "Le parrainage civil est célébré sur rendez-vous.",
  ],
};

// ---------------------------------------------------------------------------
// Look-alikes: what a guard must NOT flag

type LookAlike = (g: Gen) => string;

const siret: LookAlike = (g) =>
  `Le marché est attribué à la société ${g.company()} (SIRET ${g.siretValue()}) pour un montant de ${g.amount("large")} HT.`;
const siren: LookAlike = (g) =>
  g.r.chance(0.5)
    ? `SIREN de la commune : ${g.spacedSiren(g.communeSiren())}.`
    : `Titulaire : ${g.company()}, SIREN ${g.spacedSiren(g.sirenValue())}.`;
const vat: LookAlike = (g) => `N° de TVA intracommunautaire du titulaire : ${g.vatNumber()}.`;
const article: LookAlike = (g) =>
  g.r.pick([
    "Vu l'article L2122-22 du CGCT, le maire rend compte des décisions prises par délégation.",
    "Conformément à l'article L. 2121-29 du code général des collectivités territoriales, le conseil règle par ses délibérations les affaires de la commune.",
    "En application de l'article R2123-1 du code de la commande publique, la procédure adaptée est retenue.",
    "Vu l'article L123-5 du code de l'action sociale et des familles.",
    "Vu les articles L2131-1 et L2131-2 du CGCT relatifs au contrôle de légalité.",
  ]);
const amount: LookAlike = (g) =>
  g.r.pick([
    `Le montant total de la dépense s'élève à ${g.amount()} TTC.`,
    `Crédits inscrits au budget : ${g.amount()}.`,
    `Subvention de fonctionnement votée : ${g.amount()}.`,
  ]);
const invoice: LookAlike = (g) =>
  `Facture n° ${g.invoice()} du ${g.date()}, d'un montant de ${g.amount()}, à régler sous trente jours.`;
const meeting: LookAlike = (g) =>
  g.r.pick([
    `Le conseil municipal se réunira le ${g.meetingDate()} à 18 h 30 en salle du conseil.`,
    `Procès-verbal de la séance du conseil municipal du ${g.meetingDate()}.`,
    `Délibération n° ${g.deliberation()} du ${g.date()} relative aux tarifs municipaux.`,
  ]);
const switchboard: LookAlike = (g) =>
  g.r.pick([
    `Pour tout renseignement : standard de la mairie : ${g.landline()}.`,
    `Standard de la mairie : ${g.landline()}, du lundi au vendredi.`,
    `Accueil de la mairie : ${g.landline()}.`,
    `Hôtel de ville — ${g.landline()}.`,
    `Secrétariat de mairie : ${g.landline()}.`,
    `Permanence téléphonique du service : ${g.landline()}.`,
  ]);
const serviceMail: LookAlike = (g) =>
  g.r.pick([
    `Vos questions peuvent être adressées à ${g.serviceMailbox()}.`,
    `Contact : ${g.serviceMailbox()}.`,
    `Les pièces sont à envoyer à ${g.serviceMailbox()} avant la fin du mois.`,
  ]);
const publicNumber: LookAlike = (g) =>
  g.r.pick([
    "En cas d'urgence, composez le 112 ou le 17.",
    "Allô Service Public répond au 3939.",
    "Violences conjugales : appelez le 3919, numéro gratuit et anonyme.",
    "Enfance en danger : 119. Urgences médicales : 15.",
    "Hébergement d'urgence : composez le 115.",
    `Numéro vert de la collecte des encombrants : 0800 ${g.r.digits(2)} ${g.r.digits(2)} ${g.r.digits(2)}.`,
  ]);
const street: LookAlike = (g) =>
  g.r.pick([
    "La rue Victor Hugo sera fermée à la circulation du 3 au 7 juin.",
    "Des travaux de voirie auront lieu avenue Jean Jaurès pendant les vacances scolaires.",
    "Le marché hebdomadaire se tient place Charles de Gaulle le mercredi matin.",
    "Le gymnase Marie Curie accueille le forum des associations.",
    "La médiathèque Simone Veil ouvre une nouvelle salle de lecture.",
    "Le stationnement sera interdit boulevard Gambetta le jour de la course.",
    "Les élèves du collège Jean Moulin visiteront la station d'épuration.",
  ]);
const generalHealth: LookAlike = (g) =>
  g.r.pick([
    "La commune lutte contre le diabète avec des ateliers de prévention gratuits.",
    "Octobre rose : le CCAS organise une journée de sensibilisation au dépistage du cancer du sein.",
    "Les bâtiments communaux sont rendus accessibles aux personnes en situation de handicap.",
    "Le forum santé abordera la prévention des addictions chez les jeunes.",
    "Une plateforme de répit soutient les aidants des malades d'Alzheimer.",
    "Le contrat local de santé prévoit une action sur la dépression des personnes âgées isolées.",
  ]);
const versionNumber: LookAlike = (g) =>
  `Le logiciel de gestion sera mis à jour en version ${g.r.int(2, 9)}.${g.r.int(0, 9)}.${g.r.int(0, 9)}.${g.r.int(1, 40)} le week-end prochain.`;
const quoteReference: LookAlike = (g) =>
  g.r.pick([
    `Référence du devis : ${g.reference()}.`,
    `Commande réf. ${g.reference()} livrée au centre technique municipal.`,
  ]);
const townHallAddress: LookAlike = (g) =>
  `Mairie — 1 place de l'Hôtel de Ville, ${g.r.pick(CITIES).join(" ")}.`;
const legalWording: LookAlike = (g) =>
  g.r.pick([
    "Le maire peut opposer un sursis à statuer aux demandes de permis situées dans le périmètre d'étude.",
    "La part du capital détenue par la commune dans la société d'économie mixte reste de 51 %.",
    "Il est interdit de fumer dans l'enceinte de la mairie.",
  ]);
const fee: LookAlike = (g) =>
  g.r.pick([
    "Le timbre fiscal pour un passeport adulte est de 86 €.",
    "La carte nationale d'identité est gratuite, sauf en cas de perte ou de vol.",
    `Droits de place : ${g.amount()} par emplacement.`,
  ]);

const LOOKALIKES: Readonly<Record<Genre, readonly LookAlike[]>> = {
  ccas: [generalHealth, publicNumber, switchboard, serviceMail, amount, article],
  courriel: [serviceMail, switchboard, publicNumber, invoice, townHallAddress, meeting],
  rh: [article, amount, serviceMail, generalHealth, versionNumber, meeting],
  conseil: [article, meeting, amount, siren, street, generalHealth, legalWording],
  marches: [siret, siren, vat, amount, invoice, article, quoteReference, versionNumber],
  accueil: [switchboard, publicNumber, street, serviceMail, legalWording, fee],
  "etat-civil": [article, serviceMail, switchboard, fee, publicNumber, meeting],
};

/** Look-alikes that are safe to mix into a text with personal data (not article-9 words). */
const MIXABLE: ReadonlySet<LookAlike> = new Set([
  siret,
  siren,
  vat,
  article,
  amount,
  invoice,
  meeting,
  switchboard,
  serviceMail,
  publicNumber,
  street,
  versionNumber,
  quoteReference,
]);

// ---------------------------------------------------------------------------
// The corpus

const id = (category: Category, genre: Genre, index: number) =>
  `${category}-${genre}-${pad(index, 3)}`;

/**
 * The labelled corpus: `COMPOSITION.personal` texts with personal data,
 * `COMPOSITION.clean` clean texts and `COMPOSITION.lookalike` texts with
 * look-alikes only. The same seed gives the same corpus.
 */
export function corpus(seed = DEFAULT_SEED): LabelledText[] {
  const g = new Gen(new Random(mulberry32(seed)));
  const texts: LabelledText[] = [];
  const seen = new Set<string>();

  for (let i = 0; i < COMPOSITION.personal; i++) {
    const template = SCHEDULE[i % SCHEDULE.length] as Template;
    let fragment = template.make(g);
    // One text in four also holds look-alikes next to the personal data.
    const mixable = LOOKALIKES[template.genre].filter((l) => MIXABLE.has(l));
    if (g.r.chance(0.25) && mixable.length > 0) {
      fragment = t`${fragment} ${g.r.pick(mixable)(g)}`;
    }
    texts.push({
      id: id("personal", template.genre, i + 1),
      category: "personal",
      genre: template.genre,
      ...fragment,
    });
  }

  const unique = (make: () => string) => {
    for (let attempt = 0; ; attempt++) {
      const text = make();
      if (!seen.has(text) || attempt > 20) {
        seen.add(text);
        return text;
      }
    }
  };

  for (let i = 0; i < COMPOSITION.clean; i++) {
    const genre = GENRES[i % GENRES.length] as Genre;
    const text = unique(() => {
      const sentences = g.r.sample(CLEAN[genre], g.r.int(2, 4));
      const lines = g.r.chance(0.5) || sentences.some((s) => s.includes("\n"));
      const body = sentences.join(lines ? "\n" : " ");
      return genre === "courriel"
        ? `Madame, Monsieur,\n\n${body}\n\nVeuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.\n\nLe service population`
        : body;
    });
    texts.push({ id: id("clean", genre, i + 1), category: "clean", genre, text, entities: [] });
  }

  for (let i = 0; i < COMPOSITION.lookalike; i++) {
    const genre = GENRES[i % GENRES.length] as Genre;
    const text = unique(() => {
      const parts = g.r.sample(LOOKALIKES[genre], g.r.int(2, 3)).map((make) => make(g));
      if (g.r.chance(0.5)) parts.splice(g.r.int(0, parts.length), 0, g.r.pick(CLEAN[genre]));
      return parts.join(g.r.chance(0.6) ? " " : "\n");
    });
    texts.push({
      id: id("lookalike", genre, i + 1),
      category: "lookalike",
      genre,
      text,
      entities: [],
    });
  }
  return texts;
}

/** Counts per category, per genre and per labelled type, for the test log. */
export function composition(texts: readonly LabelledText[]) {
  const categories: Record<string, number> = {};
  const genres: Record<string, number> = {};
  const types: Record<string, number> = {};
  for (const text of texts) {
    categories[text.category] = (categories[text.category] ?? 0) + 1;
    genres[text.genre] = (genres[text.genre] ?? 0) + 1;
    for (const label of text.entities) types[label.type] = (types[label.type] ?? 0) + 1;
  }
  return { total: texts.length, categories, genres, types };
}
