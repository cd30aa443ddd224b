import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ScanContext } from "../entity.js";
import { createPersonRecognizer, isUsableName, mentionsOf, personRecognizer } from "./person.js";

/** What the recognizer finds, sure ones as [text, rule], possible ones as [text, rule, "?"]. */
const names = (text: string, purpose: "egress" | "documents" = "egress") =>
  personRecognizer
    .find(text, new ScanContext(text, purpose))
    // The scanner leaves possible findings out of documents.
    .filter((e) => purpose === "egress" || e.certainty !== "possible")
    .sort((a, b) => a.start - b.start)
    .map((e) =>
      e.certainty === "possible"
        ? [text.slice(e.start, e.end), e.rule, "?"]
        : [text.slice(e.start, e.end), e.rule],
    );
/** The texts found for sure. */
const sure = (text: string) =>
  names(text)
    .filter((found) => found.length === 2)
    .map((found) => found[0]);

describe("PERSON recognizer", () => {
  it("finds names after civilities, roles, greetings, field labels and closings", () => {
    assert.deepEqual(names("Reçu Mme Durand et M. Jean-Pierre LE GOFF ce matin."), [
      ["Durand", "person.honorific"],
      ["Jean-Pierre LE GOFF", "person.honorific"],
    ]);
    assert.deepEqual(sure("Courrier à Madame Marie de La Tour."), ["Marie de La Tour"]);
    assert.deepEqual(sure("M. de la Fontaine a rappelé."), ["de la Fontaine"]);
    assert.deepEqual(sure("La famille Benali a déposé un dossier."), ["Benali"]);
    assert.deepEqual(sure("son fils Lucas et sa fille emma"), ["Lucas", "emma"]);
    assert.deepEqual(sure("Bonjour Madame Ferreira,\nmerci pour votre message."), ["Ferreira"]);
    assert.deepEqual(sure("Bonjour Ferreira, je reviens vers vous."), ["Ferreira"]);
    assert.deepEqual(sure("Merci d'avance.\nCordialement,\nSandrine"), ["Sandrine"]);
    assert.deepEqual(sure("Merci ! Alex"), ["Alex"]);
    assert.deepEqual(sure("Objet : TR: connexion suspecte\nJulien,\nle prestataire nous signale"), [
      "Julien",
    ]);
    assert.deepEqual(sure("Nom : Kovalenko\nPrénom : Oksana"), ["Kovalenko", "Oksana"]);
    assert.deepEqual(sure("je m'appelle Aïcha et j'habite au 3e."), ["Aïcha"]);
  });

  it("reads names in any case and order, with initials, particles and compounds", () => {
    for (const [text, name] of [
      ["dossier de jean dupont transmis", "jean dupont"],
      ["DOSSIER DE JEAN DUPONT TRANSMIS", "JEAN DUPONT"],
      ["Signé DURAND Jeanne.", "DURAND Jeanne"],
      ["Vu avec Dupont Jean ce matin.", "Dupont Jean"],
      ["Dossier suivi par J. Dupont.", "J. Dupont"],
      ["Membres : J.-L. Marchand et d'autres.", "J.-L. Marchand"],
      ["Rencontré Youssef Ben Ali hier.", "Youssef Ben Ali"],
      ["Rencontré Fatima Ait Ouali hier.", "Fatima Ait Ouali"],
      ["Rencontré Pedro dos Santos hier.", "Pedro dos Santos"],
      ["Rencontré Marie-Hélène Lefèvre-Durand hier.", "Marie-Hélène Lefèvre-Durand"],
      ["Rencontré Mamadou Diallo hier.", "Mamadou Diallo"],
      ["Rencontré Thi Lan Nguyen hier.", "Thi Lan Nguyen"],
      ["Rencontré Oksana Kovalenko hier.", "Oksana Kovalenko"],
      ["Appel de M. M'Baye ce matin.", "M'Baye"],
    ] as const) {
      assert.deepEqual(sure(text), [name], text);
    }
  });

  it("finds every later mention of a name found once, in any case", () => {
    const found = names("Dossier de Karim BENALI : benali a rappelé, Benali attend.");
    assert.deepEqual(
      found.map((entity) => entity[0]),
      ["Karim BENALI", "benali", "Benali"],
    );
    assert.equal(found[1]?.[1], "person.repeat", "the lowercase mention, sure once the name is");
  });

  it("keeps names only their shape points at as possible, and leaves them out of documents", () => {
    const text = "Le dossier de Zorblaxine Quirvandel est arrivé.";
    assert.deepEqual(names(text), [["Zorblaxine Quirvandel", "person.shape", "?"]]);
    assert.deepEqual(names(text, "documents"), []);
    // A rare first name alone ("Cuma" is a farmers' cooperative as often as a child) is only possible.
    assert.deepEqual(names("Réunion de la Cuma jeudi."), [["Cuma", "person.rare-name", "?"]]);
  });

  it("leaves streets, buildings, laws, towns, bodies and headings alone", () => {
    for (const text of [
      "Le centre social de la rue Jean Jaurès ouvre lundi.",
      "Le Conseil Municipal du 12 Mars a voté.",
      "Monsieur le Maire remercie la Direction Générale.",
      "Inscriptions à l'école élémentaire Jules Ferry et au collège Marie Curie.",
      "Dans les rues Anatole France, Jules Guesde et Victor Hugo.",
      "La loi Veil, la salle Simone Veil et le stade Pierre Mauroy.",
      "Elle habite à Roubaix puis à Villeneuve-d'Ascq, près de Salon de Provence.",
      "Le Pass Culture et la Carte Rémi, selon la procédure Dublin.",
      "Organisme : Communauté de communes Adour Madiran.",
      "Né au Portugal, il a vécu à Bamako puis à Hô Chi Minh-Ville.",
      "Le droit individuel à la formation (Dif) est remplacé : le Dif n'existe plus.",
      "COMPTE RENDU DE LA COMMISSION PERMANENTE",
      "Pour en savoir plus : https://www.service-public.fr/Particuliers",
    ]) {
      assert.deepEqual(sure(text), [], text);
    }
  });

  it("leaves characters, dishes, places named with their country, foreign titles and business names alone", () => {
    for (const text of [
      "photos avec le Père Noël au chalet",
      "3e « Petit Prince » (CNG)",
      "dessert : tarte Tatin, pêche Melba",
      "délégation de Vila Nova de Gaia (Portugal)",
      "Sehr geehrter Herr Oberbürgermeister, cher ami,",
      "Wanderweg ab dem Parkplatz Les Granges",
      "food-trucks Taco Loco et Le Camion à Pizza",
      "Adresse : ZA de Briffaut, 4 rue Lavoisier",
      "Kiosque Peynet : scène ouverte",
    ]) {
      assert.deepEqual(sure(text), [], text);
    }
    for (const text of [
      "Mardi 16, 15h : « Ernest et Célestine » (séance enfants, goûter offert)",
      "la maison dite « de Henri IV » et le Prix Louis XIV",
      "boucle des Cassagnes (12 km) et moulin de la Lèze",
      "stand des Ruchers du Pech",
      "Chères Saint-Serninoises, chers Saint-Serninois,",
      "terrasses : Pizzeria Bella Napoli",
    ]) {
      assert.deepEqual(sure(text), [], text);
    }
    // Possible still, so masked on the way out; and a name after a cue inside quotes stays sure.
    const quoted = names("« Ernest et Célestine »");
    assert.ok(quoted.length > 0 && quoted.every((found) => found[2] === "?"), String(quoted));
    assert.deepEqual(sure("« Bonjour Mme Dupont » a-t-elle dit"), ["Dupont"]);
    // A father named Noël, a person whose town follows in brackets, are still people.
    assert.deepEqual(sure("son père Noël Dubois viendra"), ["Noël Dubois"]);
    assert.deepEqual(sure("reçu Mme Carla Silva (Portugal) ce matin"), ["Carla Silva"]);
  });

  it("reads a name after an abbreviated civility even after a thing's word (« arrêt maladie de Mme X »)", () => {
    assert.deepEqual(sure("Arrêt maladie de Mme Odile Ferrand pour dépression"), ["Odile Ferrand"]);
    assert.deepEqual(sure("Arrêt de M. Roux à 9 h."), ["Roux"]);
    assert.deepEqual(sure("la maladie de Parkinson"), []);
    assert.deepEqual(sure("arrêt Jean Jaurès"), []);
  });

  it("reads a name after a civility through a particle and a town's name, and a first name after « à »", () => {
    assert.deepEqual(sure("Madame Marie de la Fontaine, présidente"), ["Marie de la Fontaine"]);
    assert.deepEqual(sure("Transmis à Corinne."), ["Corinne"]);
    assert.deepEqual(sure("Il habite à Roubaix."), []);
  });

  it("leaves companies, venues, regions, events and famous namesakes alone", () => {
    for (const text of [
      "Lot 1 : attributaire COLAS France, agence de Privas.",
      "Entreprises installées : Lacroix Électronique et ATELIERS Jean-Pierre Moreau SARL.",
      "Garantie d'emprunt accordée à Batigère Grand Est.",
      "Pavillon : Paris Expo Porte de Versailles ; jury du Frac Alsace.",
      "Partenaire : Norfolk County Council, County Hall, Martineau Lane, Norwich.",
      "Prochaine exposition : « Victor Hugo et l'exil à Guernesey ».",
      "Conseil de quartier Bel-Air / Jean Zay. Stationnement devant l'école Jean Zay.",
      "Voyagez avec liO Train partout en Occitanie.",
      "9 h 00 Départ du semi-marathon, boulevard de la Liberté.",
      "Fermeture de l'étang de Berre et du centre Les Sables Vignier.",
      "Demandeur : Maison départementale de l'autonomie.",
      "Jeudi : journée Interprofessions, puis concours Lépine.",
      "Fonds européens : FEDER 16 M€, Région 30 M€.",
    ]) {
      assert.deepEqual(sure(text), [], text);
    }
    // A name in capitals alone may be an acronym: possible, masked on the way out.
    assert.deepEqual(names("Dossier transmis par BENALI hier."), [
      ["BENALI", "person.capitals", "?"],
    ]);
    // A vehicle's make and model is no one.
    assert.deepEqual(sure("Renault Clio ancien modèle garée rue Haute."), []);
    // Still a person when a cue or a known first name says so.
    assert.deepEqual(sure("Mme Lacroix a rappelé ; Jean Zay Dupont aussi."), [
      "Lacroix",
      "Jean Zay Dupont",
    ]);
  });
});

describe("PERSON recognizer with imported names", () => {
  const imported = createPersonRecognizer({
    firstNames: new Set(["zorblaxine", "ange", "al"]),
    surnames: new Set(["quirvandel", "petit"]),
  });
  const found = (text: string) =>
    imported
      .find(text, new ScanContext(text, "documents"))
      .filter((e) => e.certainty !== "possible")
      .map((e) => [text.slice(e.start, e.end), e.rule]);

  it("finds an imported first name like a shipped one, and not before the import", () => {
    const text = "Rendez-vous avec Zorblaxine Vrillane jeudi.";
    assert.deepEqual(names(text, "documents"), []);
    assert.deepEqual(found(text), [["Zorblaxine Vrillane", "person.first-name"]]);
  });

  it("is surer of an imported surname beside a known first name", () => {
    assert.deepEqual(found("Dossier de Jeanne QUIRVANDEL."), [
      ["Jeanne QUIRVANDEL", "person.full-name"],
    ]);
  });

  it("leaves out imported names that are words of the language or too short", () => {
    assert.equal(isUsableName("petit"), false);
    assert.equal(isUsableName("ange"), false);
    assert.equal(isUsableName("al"), false);
    assert.equal(isUsableName("avril"), false);
    assert.equal(isUsableName("zorblaxine"), true);
    assert.equal(isUsableName("pierre"), true, "a built-in first name stays one");
    assert.deepEqual(found("Le PETIT Journal du vendredi."), []);
  });
});

describe("PERSON mentions across the pieces of a long text", () => {
  it("finds the words of a name found elsewhere, outside what is already found", () => {
    const piece = "Ferreira a rappelé ; ferreira encore.";
    assert.deepEqual(
      mentionsOf(piece, new Set(["ferreira"]), []).map((e) => piece.slice(e.start, e.end)),
      ["Ferreira", "ferreira"],
    );
  });

  it("reads an age, a contact or a comma ending the line after a first name as a cue", () => {
    assert.deepEqual(sure("3 enfants (Moussa, 11 ans ; Kadiatou, 7 ans)"), ["Moussa", "Kadiatou"]);
    assert.deepEqual(sure("la fille de Madame (Ana, joignable au +351 912 384 517)"), ["Ana"]);
    assert.deepEqual(sure("Véronique,\nPour info, le dossier est parti."), ["Véronique"]);
    assert.deepEqual(sure("Rappel au 06 12 34 56 78.\nClaire, directrice"), ["Claire"]);
    // A town is not someone, nor a word with a comma that does not end its line.
    assert.deepEqual(sure("Paris, 12 ans après la loi"), []);
    assert.deepEqual(sure("Paris,\nle 3 mai"), []);
    // Items of a list, one a line, are no greeting.
    assert.deepEqual(sure("Les trains :\nEurostar,\nThalys,\nles TER."), []);
  });

  it("reads a short first name after a family role, and a name after a comma as no place's", () => {
    assert.deepEqual(sure("attestation d'accueil pour sa fille Ana"), ["Ana"]);
    assert.deepEqual(sure("vu par son chef d'équipe, M. Fernandes."), ["Fernandes"]);
    assert.deepEqual(sure("Le responsable du pôle, J.-L. Roussel"), ["J.-L. Roussel"]);
    assert.deepEqual(sure("3e ES Jean Bouin, 4e AS Louis Pasteur"), []);
  });

  it("keeps an item of a list of places as possible only", () => {
    assert.deepEqual(names("Affluents de la Dore (Faye, Credogne, Durolle) : travaux."), [
      ["Faye", "person.listed", "?"],
      ["Credogne", "person.listed", "?"],
      ["Durolle", "person.listed", "?"],
    ]);
    assert.deepEqual(sure("Cols fermés : Izoard, Agnel, Vars."), []);
    assert.deepEqual(sure("Présents : Karima, Sophie et Dupont."), ["Karima", "Sophie", "Dupont"]);
  });

  it("reads « Chez X » mid-sentence as a lieu-dit, first names counted as statistics, foreign streets", () => {
    assert.deepEqual(
      sure("Travaux du PR 34 (lieu-dit Chez Bardet) au PR 37 ; arrêt Chez Pinaud."),
      [],
    );
    assert.deepEqual(sure("Elle est hébergée chez Karima depuis mai."), ["Karima"]);
    assert.deepEqual(sure("Filles : Jade (27), Louise (24), Ambre (21)."), []);
    assert.deepEqual(sure("Gabinete, Avenida Nuno Álvares, n.º 22, Castelo Branco"), []);
    assert.deepEqual(sure("Destinataire : Signify Netherlands B.V., Eindhoven"), []);
  });
});
