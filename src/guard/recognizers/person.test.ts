import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { corpus } from "../../../test/guard/corpus.js";
import { evaluate } from "../../../test/guard/evaluation.js";
import { foldSameLength } from "../fold.js";
import { withNames } from "../names.repository.js";
import { scanText } from "../scanner.js";
import { DEFAULT_RECOGNIZERS } from "./index.js";
import { createPersonRecognizer, isUsableName, personRecognizer } from "./person.js";

const names = (text: string) =>
  personRecognizer
    .find(text)
    .sort((a, b) => a.start - b.start)
    .map((e) => [text.slice(e.start, e.end), e.rule]);

describe("PERSON recognizer", () => {
  it("finds names after honorifics and roles, particles and compounds included", () => {
    assert.deepEqual(names("Reçu Mme Durand et M. Jean-Pierre LE GOFF ce matin."), [
      ["Durand", "person.honorific"],
      ["Jean-Pierre LE GOFF", "person.honorific"],
    ]);
    assert.deepEqual(names("Courrier à Madame Marie de La Tour."), [
      ["Marie de La Tour", "person.honorific"],
    ]);
    assert.deepEqual(names("La famille Benali a déposé un dossier."), [["Benali", "person.role"]]);
  });

  it("finds a known first name with a surname, in either order, and every later mention", () => {
    assert.deepEqual(names("Dossier de Karim BENALI : BENALI a rappelé hier."), [
      ["Karim BENALI", "person.first-name"],
      ["BENALI", "person.repeat"],
    ]);
    assert.deepEqual(names("Signé DURAND Jeanne."), [["DURAND Jeanne", "person.first-name"]]);
  });

  it("leaves streets, institutions and dates alone", () => {
    assert.deepEqual(names("Le centre social de la rue Jean Jaurès ouvre lundi."), []);
    assert.deepEqual(names("Le Conseil Municipal du 12 Mars a voté."), []);
    assert.deepEqual(names("Monsieur le Maire remercie la Direction Générale."), []);
  });
});

describe("PERSON recognizer with imported names", () => {
  const imported = createPersonRecognizer({
    firstNames: new Set(["zephyrine", "ange", "al"]),
    surnames: new Set(["dupontel", "durand", "petit", "moulin"]),
  });
  const found = (text: string, recognizer = imported) =>
    recognizer
      .find(text)
      .sort((a, b) => a.start - b.start)
      .map((e) => [text.slice(e.start, e.end), e.rule, e.confidence]);

  it("finds an imported first name like a built-in one, and not before the import", () => {
    const text = "Rendez-vous avec Zéphyrine Bonnefoy jeudi.";
    assert.deepEqual(names(text), []);
    assert.deepEqual(found(text), [["Zéphyrine Bonnefoy", "person.first-name", 0.85]]);
  });

  it("finds an unknown first name next to a known surname in capitals, either way round", () => {
    assert.deepEqual(found("Appel de Zoubida DUPONTEL ce matin."), [
      ["Zoubida DUPONTEL", "person.surname", 0.8],
    ]);
    assert.deepEqual(found("Signé DUPONTEL Zoubida."), [
      ["DUPONTEL Zoubida", "person.surname", 0.8],
    ]);
    assert.deepEqual(
      found("Appel de Zoubida Dupontel ce matin."),
      [],
      "not in capitals: too unsure",
    );
  });

  it("is surer of a known first name followed by a known surname", () => {
    assert.deepEqual(found("Dossier de Jeanne DURAND."), [
      ["Jeanne DURAND", "person.full-name", 0.9],
    ]);
    assert.deepEqual(found("Dossier de Jeanne BONNEFOY."), [
      ["Jeanne BONNEFOY", "person.first-name", 0.85],
    ]);
  });

  it("leaves out imported names that are words of the language or too short", () => {
    assert.equal(isUsableName("petit"), false);
    assert.equal(isUsableName("ange"), false);
    assert.equal(isUsableName("al"), false);
    assert.equal(isUsableName("avril"), false);
    assert.equal(isUsableName("zephyrine"), true);
    assert.equal(isUsableName("pierre"), true, "a built-in first name stays one");
    assert.deepEqual(found("Le PETIT Journal de la MOULIN Rouge."), []);
    assert.deepEqual(found("Ange Gardien et Al Capone."), []);
  });

  it("keeps the corpus targets with a large import of first names and surnames", () => {
    const names = (list: string) => new Set(list.split(/\s+/).filter(Boolean).map(foldSameLength));
    // The corpus's own names (what an INSEE import would bring), and names that are also words
    // or places, capitalised in agents' texts: none may turn into false positives.
    const recognizers = withNames(DEFAULT_RECOGNIZERS, {
      firstNames: names(`Oumou Awa Mei Linh Ana Beatriz Agnieszka Elif Gwenaëlle Aminata Mariam
        Fatoumata Minh Wei João Paulo Piotr Mehmet Mamadou Moussa Ibrahima Ilyes Hamza Ange Rose
        Fleur Olive Prudence Constance France Marin Pascal Noël Loup Lune Soleil Aimé Désiré Aurore
        Victoire Lys Iris Jade Perle Colombe Océane Ambre Avril Mai Azur Horizon Paris Lyon Val
        Vitale Octave Florence Nancy Lorraine Germain`),
      surnames: names(`Durand Lefebvre Moreau Girard Fournier Dubois Lambert Roux Fontaine Mercier
        Meyer Schmitt Vasseur Bellanger Kerjean Benali Haddad Amrani Bouzid Cherif Mansouri Diallo
        Traoré Koné Ndiaye Diop Camara Nguyen Tran Chen Pham Pereira Ferreira Rossi Garcia Lopez
        Kowalski Nowak Yilmaz Demir Petrossian Rakotomalala Hoarau Martin Petit Blanc Brun Roy
        Roche Renard Moulin Marchand Meunier Boulanger Boucher Berger Chevalier Baron Cousin Breton
        Carré Barre Fleury Joly Rey Gay Lamy Masse Page Legrand Leroy Paris Pierre Veil Gaulle
        Curie Gambetta Vitale Lyon Police Standard Service Budget Horizon Azur Rhône Secours Hôtel
        Contact Demande Adresse Avis Note Suite Ordre Journal Numéro`),
    });
    const before = evaluate(corpus(), (text) => scanText(text, DEFAULT_RECOGNIZERS));
    const after = evaluate(corpus(), (text) => scanText(text, recognizers));
    const person = (evaluation: typeof before) =>
      evaluation.types.find((score) => score.type === "PERSON");
    assert.ok((person(after)?.recall ?? 0) > (person(before)?.recall ?? 1));
    assert.ok((person(after)?.precision ?? 0) >= 0.9, `precision ${person(after)?.precision}`);
    assert.deepEqual(after.flaggedCleanTexts, before.flaggedCleanTexts);
    assert.ok(after.personalDetected.share >= before.personalDetected.share);
  });
});
