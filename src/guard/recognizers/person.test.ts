import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { personRecognizer } from "./person.js";

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
