import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadPlaces, type PlaceMention, type Territory } from "./index.js";

const places = loadPlaces();

/** Each mention as "text → kind:code of its first territory (via)". */
function found(text: string): string[] {
  return places.find(text).map((mention) => {
    assert.equal(text.slice(mention.start, mention.end), mention.text, "offsets are the text's");
    const first = mention.territories[0];
    return `${mention.text} → ${first?.kind}:${first?.code} (${mention.via})`;
  });
}

function territory(kind: Territory["kind"], code: string): Territory {
  const known = places.byCode(kind, code);
  assert.ok(known, `${kind} ${code} is in the data`);
  return known;
}

const codes = (mention: PlaceMention | undefined) => mention?.territories.map((t) => t.code) ?? [];

describe("places: names", () => {
  it("ignores case, accents, hyphens and abbreviations", () => {
    for (const text of [
      "Saint-Étienne",
      "saint-étienne",
      "st etienne",
      "SAINT ETIENNE",
      "St. Étienne",
      "Saint\u2011Étienne",
    ]) {
      assert.deepEqual(found(text), [`${text} → commune:42218 (name)`], text);
    }
    assert.deepEqual(found("villeurbanne"), ["villeurbanne → commune:69266 (name)"]);
    assert.deepEqual(found("J'habite à Villeurbanne depuis 2019."), [
      "Villeurbanne → commune:69266 (name)",
    ]);
  });

  it("reads a commune's article, also contracted", () => {
    assert.deepEqual(found("Le Havre"), ["Le Havre → commune:76351 (name)"]);
    assert.deepEqual(found("je travaille au Havre"), ["Havre → commune:76351 (name)"]);
    assert.deepEqual(found("la mairie du Mans"), ["Mans → commune:72181 (name)"]);
    assert.deepEqual(found("né à L'Haÿ-les-Roses"), ["L'Haÿ-les-Roses → commune:94038 (name)"]);
    assert.deepEqual(found("à l'hay les roses"), ["l'hay les roses → commune:94038 (name)"]);
    assert.deepEqual(found("en vacances aux Sables-d'Olonne"), [
      "Sables-d'Olonne → commune:85194 (name)",
    ]);
  });

  it("finds the municipal arrondissements of Paris, Lyon and Marseille", () => {
    assert.deepEqual(found("Paris 15e"), ["Paris 15e → commune:75115 (name)"]);
    assert.deepEqual(found("Paris 15ème"), ["Paris 15ème → commune:75115 (name)"]);
    assert.deepEqual(found("le 15e arrondissement de Paris"), [
      "15e arrondissement de Paris → commune:75115 (name)",
    ]);
    assert.deepEqual(found("Marseille 1er"), ["Marseille 1er → commune:13201 (name)"]);
  });

  it("finds départements by name", () => {
    assert.deepEqual(found("Haute-Savoie"), ["Haute-Savoie → departement:74 (name)"]);
    assert.deepEqual(found("haute savoie"), ["haute savoie → departement:74 (name)"]);
    assert.deepEqual(found("les jeunes de Seine-St-Denis"), [
      "Seine-St-Denis → departement:93 (name)",
    ]);
    assert.deepEqual(found("la CAF du Val-d'Oise"), ["Val-d'Oise → departement:95 (name)"]);
    // A département takes an article, a commune does not: "dans la Vienne", "à Vienne".
    assert.deepEqual(found("dans la Vienne"), ["Vienne → departement:86 (name)"]);
    assert.deepEqual(found("à Vienne"), ["Vienne → commune:38544 (name)"]);
    assert.deepEqual(found("dans le Nord et le Pas-de-Calais"), [
      "Nord → departement:59 (name)",
      "Pas-de-Calais → departement:62 (name)",
    ]);
  });

  it("finds départements by number after a cue", () => {
    assert.deepEqual(found("je cherche un logement dans le 74"), ["74 → departement:74 (code)"]);
    assert.deepEqual(found("le 93"), ["93 → departement:93 (code)"]);
    assert.deepEqual(found("les habitants du 93"), ["93 → departement:93 (code)"]);
    assert.deepEqual(found("département 2A"), ["2A → departement:2A (code)"]);
    assert.deepEqual(found("Annecy (74)"), [
      "Annecy → commune:74010 (name)",
      "74 → departement:74 (code)",
    ]);
    assert.deepEqual(found("dans les départements 92, 93 et 94"), [
      "92 → departement:92 (code)",
      "93 → departement:93 (code)",
      "94 → departement:94 (code)",
    ]);
  });

  it("does not take dates, times, amounts or addresses for départements", () => {
    for (const text of [
      "le 14 juillet",
      "à rendre avant le 15.",
      "Prochain rendez-vous le 12/03 à 10h",
      "ouvert du 12 au 15 mars",
      "au 75 rue de la Paix",
      "né le 05.11.84",
      "(1) voir la note",
    ]) {
      assert.deepEqual(found(text), [], text);
    }
  });

  it("finds régions by name and usual name", () => {
    assert.deepEqual(found("Occitanie"), ["Occitanie → region:76 (name)"]);
    assert.deepEqual(found("la région Auvergne-Rhône-Alpes"), [
      "Auvergne-Rhône-Alpes → region:84 (name)",
    ]);
    assert.deepEqual(found("les aides AURA"), ["AURA → region:84 (name)"]);
    assert.deepEqual(found("Île-de-France"), ["Île-de-France → region:11 (name)"]);
    assert.deepEqual(found("ile de france"), ["ile de france → region:11 (name)"]);
    assert.deepEqual(found("idf"), ["idf → region:11 (name)"]);
    assert.deepEqual(found("PACA"), ["PACA → region:93 (name)"]);
    assert.deepEqual(found("Grand Est"), ["Grand Est → region:44 (name)"]);
  });

  it("finds EPCI by their usual names", () => {
    assert.deepEqual(found("Montpellier Méditerranée Métropole"), [
      "Montpellier Méditerranée Métropole → epci:243400017 (name)",
    ]);
    assert.deepEqual(found("la Métropole de Lyon"), ["Métropole de Lyon → epci:200046977 (name)"]);
    assert.deepEqual(found("le Grand Lyon"), ["Grand Lyon → epci:200046977 (name)"]);
    assert.deepEqual(found("la communauté de communes Faucigny-Glières"), [
      "communauté de communes Faucigny-Glières → epci:200000172 (name)",
    ]);
    assert.deepEqual(found("Communauté d'agglomération du Grand Avignon"), [
      "Communauté d'agglomération du Grand Avignon → epci:248400251 (name)",
    ]);
  });

  it("lists namesakes most populous first, and lets a code settle them", () => {
    const [saintDenis] = places.find("à Saint-Denis");
    assert.deepEqual(codes(saintDenis).slice(0, 2), ["97411", "93066"]);
    const [beaulieu] = places.find("à Beaulieu");
    assert.equal(beaulieu?.territories.length, 5, "ten communes, at most five listed");
    assert.deepEqual(codes(beaulieu)[0], "34027");
    assert.deepEqual(codes(places.find("Saint-Denis (93)")[0]), ["93066"]);
    assert.deepEqual(codes(places.find("93200 Saint-Denis")[1]), ["93066"]);
    assert.deepEqual(codes(places.find("97400 Saint-Denis")[1]), ["97411"]);
    assert.deepEqual(codes(places.find("à Moulins")[0]).slice(0, 1), ["03190"]);
  });
});

describe("places: postal codes", () => {
  it("reads a code with its commune, with cedex, or introduced", () => {
    assert.deepEqual(found("74000 Annecy"), [
      "74000 → commune:74010 (postcode)",
      "Annecy → commune:74010 (name)",
    ]);
    assert.deepEqual(found("BP 20 – 69001 LYON CEDEX"), [
      "69001 → commune:69123 (postcode)",
      "LYON → commune:69123 (name)",
    ]);
    assert.deepEqual(found("envoyer au 33000 cedex 9"), [
      "33000 cedex 9 → commune:33063 (postcode)",
    ]);
    assert.deepEqual(found("Code postal : 74000"), ["74000 → commune:74010 (postcode)"]);
    assert.deepEqual(found("aide au logement 69001 ?"), ["69001 → commune:69123 (postcode)"]);
    // A CEDEX code serves no commune, but starts with the département's number.
    assert.deepEqual(found("44404 REZÉ CEDEX"), ["REZÉ → commune:44143 (name)"]);
  });

  it("does not take amounts for postal codes", () => {
    for (const text of [
      "un budget de 45000 euros",
      "12500 € par an",
      "Total : 45000",
      "une ville de 33000 habitants",
      "1 25000",
    ]) {
      assert.deepEqual(found(text), [], text);
    }
  });
});

describe("places: precision", () => {
  it("does not take common words for communes", () => {
    for (const text of [
      "je vois une belle vue",
      "le prix du ticket",
      "un gilet orange",
      "un forfait Orange",
      "il aura fini demain",
      "la réunion de demain",
      "en somme, c'est cher",
      "le nord de la ville",
      "un lot de chaises",
      "une rue à sens unique",
      "une aide au logement",
      "l'Union européenne",
      "les Moulins de la Galette",
      "Sens interdit",
    ]) {
      assert.deepEqual(found(text), [], text);
    }
  });

  it("takes a commune named like a word after a cue, or beside its code", () => {
    assert.deepEqual(found("j'habite à Orange"), ["Orange → commune:84087 (name)"]);
    assert.deepEqual(found("je vis à sens"), ["sens → commune:89387 (name)"]);
    assert.deepEqual(found("84100 Orange"), [
      "84100 → commune:84087 (postcode)",
      "Orange → commune:84087 (name)",
    ]);
    assert.deepEqual(found("à Lyon, Sens et Orange"), [
      "Lyon → commune:69123 (name)",
      "Sens → commune:89387 (name)",
      "Orange → commune:84087 (name)",
    ]);
    assert.deepEqual(found("la Ville de Paris"), ["Paris → commune:75056 (name)"]);
  });

  it("needs a code for names of one or two letters", () => {
    assert.deepEqual(found("à Y"), []);
    assert.deepEqual(found("80190 Y"), [
      "80190 → commune:80829 (postcode)",
      "Y → commune:80829 (name)",
    ]);
    assert.deepEqual(found("Eu (76)"), ["Eu → commune:76255 (name)", "76 → departement:76 (code)"]);
  });

  it("does not take people, streets or foreign countries for places", () => {
    for (const text of [
      "M. Laval a appelé",
      "Mme Germaine Leroy, née Bouchet",
      "Aminata Koné a ouvert un commerce",
      "Nancy Dupont",
      "Sandra da Costa",
      "15 rue de Paris",
      "l'église Saint-Pierre",
      "un séjour en Suisse",
      "le Port autonome",
    ]) {
      assert.deepEqual(found(text), [], text);
    }
    assert.deepEqual(found("Pierre Martin habite à Lyon"), ["Lyon → commune:69123 (name)"]);
  });

  it("takes a commune named like a common first name for someone when introduced as a name or followed by an age", () => {
    // The composition root gives the guard's first names; here, a stand-in list.
    const isFirstName = (word: string) => ["nancy", "mathieu", "antony", "yves"].includes(word);
    const names = (text: string) =>
      places.find(text, { isFirstName }).map((mention) => mention.territories[0]?.name);
    assert.deepEqual(names("Bonjour, je m'appelle Nancy et j'habite à Lyon"), ["Lyon"]);
    assert.deepEqual(names("Mathieu, 19 ans, une aide pour le permis ?"), []);
    assert.deepEqual(names("bonjour c'est Antony, j'habite Villeurbanne"), ["Villeurbanne"]);
    assert.deepEqual(names("Je suis Yves Martin, de Nancy"), ["Nancy"]);
    // A word of place, or nothing that makes it a name: the town.
    assert.deepEqual(names("j'habite Antony"), ["Antony"]);
    assert.deepEqual(names("aide permis Nancy"), ["Nancy"]);
    assert.deepEqual(
      places.find("je m'appelle Nancy").map((m) => m.text),
      ["Nancy"],
      "without the list, a name is a town",
    );
  });

  it("skips web and e-mail addresses and HTML tags", () => {
    assert.deepEqual(found('<a target="_blank" href="https://www.lyon.fr/aides">Lyon</a>'), [
      "Lyon → commune:69123 (name)",
    ]);
    assert.deepEqual(found("écrire à ccas@chenove.fr"), []);
  });
});

describe("places: hierarchy", () => {
  const villeurbanne = territory("commune", "69266");
  const lyonMetropole = territory("epci", "200046977");
  const rhone = territory("departement", "69");
  const aura = territory("region", "84");

  it("gives a commune's EPCI, département and région", () => {
    assert.deepEqual(places.parents(villeurbanne), [lyonMetropole, rhone, aura]);
    assert.deepEqual(places.parents(territory("commune", "75115")), [
      territory("commune", "75056"),
      territory("epci", "200054781"),
      territory("departement", "75"),
      territory("region", "11"),
    ]);
    assert.deepEqual(places.parents(territory("epci", "243400017")), [
      territory("departement", "34"),
      territory("region", "76"),
    ]);
    assert.deepEqual(places.parents(territory("departement", "74")), [aura]);
    assert.deepEqual(places.parents(aura), []);
  });

  it("knows what contains what", () => {
    assert.ok(places.contains(aura, villeurbanne));
    assert.ok(places.contains(aura, territory("departement", "74")));
    assert.ok(places.contains(aura, lyonMetropole));
    assert.ok(places.contains(rhone, villeurbanne));
    assert.ok(places.contains(lyonMetropole, villeurbanne));
    assert.ok(places.contains(villeurbanne, villeurbanne));
    assert.ok(places.contains(territory("commune", "75056"), territory("commune", "75115")));
    assert.ok(places.contains(territory("region", "11"), territory("commune", "75115")));
    assert.ok(!places.contains(territory("departement", "74"), villeurbanne));
    assert.ok(!places.contains(lyonMetropole, territory("commune", "74010")));
    assert.ok(!places.contains(villeurbanne, aura));
    assert.ok(!places.contains(territory("departement", "74"), lyonMetropole));
  });

  it("answers by code, and nothing for what it does not know", () => {
    assert.equal(places.byCode("commune", "69266")?.name, "Villeurbanne");
    assert.equal(places.byCode("departement", "2A")?.name, "Corse-du-Sud");
    assert.equal(places.byCode("commune", "99999"), undefined);
    const unknown: Territory = { kind: "commune", code: "99999", name: "Nulle part" };
    assert.deepEqual(places.parents(unknown), []);
    assert.ok(!places.contains(aura, unknown));
  });

  it("is loaded once per process", () => {
    assert.equal(loadPlaces(), places);
  });
});

describe("places: any input", () => {
  it("finds nothing in garbage", () => {
    for (const text of [
      "",
      " ",
      "1234567890 98765 00000",
      "🙂🙃🏳️‍🌈",
      "\u0000\uffff",
      "---'''",
      "<<<<@@@",
    ]) {
      assert.deepEqual(found(text), [], JSON.stringify(text));
    }
  });

  it("reads a megabyte in one pass", () => {
    const paragraph =
      "Les habitants de Villeurbanne et du 93 peuvent écrire au CCAS, 74000 Annecy. " +
      "Une belle vue sur la Haute-Savoie, à sens unique, le 14 juillet. ";
    const crafted = [
      "Saint-".repeat(2000),
      "a-".repeat(5000),
      "@".repeat(5000),
      "<".repeat(5000),
      "7".repeat(5000),
      "la la la ".repeat(2000),
      "x".repeat(100_000),
    ].join(" ");
    const repeats = Math.ceil((1_000_000 - crafted.length) / paragraph.length);
    const text = paragraph.repeat(repeats) + crafted;
    assert.ok(text.length >= 1_000_000);
    const mentions = places.find(text);
    // Villeurbanne, 93, 74000, Annecy, Haute-Savoie in each paragraph.
    assert.equal(mentions.length, repeats * 5);
  });
});
