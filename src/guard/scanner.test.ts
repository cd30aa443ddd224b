import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Recognizer } from "./entity.js";
import { stricterClass } from "./personal-data.js";
import { DEFAULT_RECOGNIZERS } from "./recognizers/index.js";
import { scanText } from "./scanner.js";

const scan = (text: string) => scanText(text, DEFAULT_RECOGNIZERS);

describe("scanner", () => {
  it("classifies public, personal and sensitive texts", () => {
    assert.equal(scan("Le conseil municipal se réunira jeudi à 18 h.").dataClass, "public");
    assert.equal(scan("Merci de rappeler Mme Lefebvre.").dataClass, "personal");
    assert.equal(
      scan("Mme Lefebvre est en congé maladie pour une dépression.").dataClass,
      "sensitive",
    );
  });

  it("on the way out, makes uncued names possible unless something else in the text is sure", () => {
    const found = (text: string, purpose: "egress" | "documents") => {
      const result = scanText(text, DEFAULT_RECOGNIZERS, { purpose });
      const people = result.entities.filter((entity) => entity.type === "PERSON");
      return [result.dataClass, people.map((entity) => entity.certainty ?? "certain")];
    };
    // A band or a name alone: masked all the same (possible), the text stays public.
    for (const text of ["Concert du Quartet Django samedi.", "Paul Durand viendra jeudi."]) {
      assert.deepEqual(found(text, "egress"), ["public", ["possible"]], text);
      // A document's scan keeps them sure: its referent checks what is quarantined.
      assert.deepEqual(found(text, "documents"), ["personal", ["certain"]], text);
    }
    // One other sure finding, or a cue, makes the name sure.
    assert.deepEqual(found("Paul Durand viendra jeudi, au 06 12 34 56 78.", "egress"), [
      "personal",
      ["certain"],
    ]);
    assert.deepEqual(found("Bonjour Paul, à jeudi.", "egress"), ["personal", ["certain"]]);
    assert.deepEqual(found("Paul Durand est suivi pour une dépression.", "egress"), [
      "sensitive",
      ["certain"],
    ]);
  });

  it("counts an article-9 term only about someone", () => {
    assert.equal(
      scan("La commune accompagne les personnes en situation de handicap.").dataClass,
      "public",
    );
    // A pronoun alone identifies no one; a name, or someone speaking of themselves, does.
    assert.equal(scan("Son handicap l'empêche de venir au guichet.").dataClass, "public");
    assert.equal(
      scan("Mme Durand a appelé. Son handicap l'empêche de venir au guichet.").dataClass,
      "sensitive",
    );
    // Someone speaking of themselves is identified only when the text says who they are.
    const anonymous = scan("Mon handicap m'empêche de venir au guichet.");
    assert.equal(anonymous.dataClass, "public");
    assert.deepEqual(
      anonymous.entities.map((e) => [e.type, e.certainty]),
      [["SENSITIVE", "possible"]],
    );
    assert.equal(
      scan("Mon handicap m'empêche de venir au guichet. Nadia Benali, 06 12 34 56 78").dataClass,
      "sensitive",
    );
    assert.equal(
      scan("Le CCAS aide les malades d'Alzheimer et leurs aidants.").dataClass,
      "public",
    );
  });

  it("drops what overlaps a look-alike, and keeps the surest of overlapping entities", () => {
    const numbers: Recognizer = {
      name: "numbers",
      find: (text) => {
        const index = text.indexOf("123");
        return index < 0
          ? []
          : [
              { type: "PHONE", start: index, end: index + 9, confidence: 0.6, rule: "weak" },
              { type: "NIR", start: index, end: index + 6, confidence: 0.9, rule: "strong" },
            ];
      },
      lookAlikes: (text) =>
        text.includes("SIRET") ? [{ start: 0, end: text.length, rule: "siret" }] : [],
    };
    assert.deepEqual(
      scanText("n° 123456789", [numbers]).entities.map((e) => e.rule),
      ["strong"],
    );
    assert.deepEqual(scanText("SIRET 123456789", [numbers]).entities, []);
  });

  it("orders classes from public to sensitive", () => {
    assert.equal(stricterClass("public", "personal"), "personal");
    assert.equal(stricterClass("sensitive", "personal"), "sensitive");
  });
});

describe("scanner: organisations' contact details at both operating points", () => {
  const found = (text: string, purpose: "egress" | "documents" = "egress") =>
    scanText(text, DEFAULT_RECOGNIZERS, { purpose }).entities.map((e) => [
      e.type,
      text.slice(e.start, e.end),
      ...(e.certainty ? [e.certainty] : []),
    ]);
  const organisations = (text: string, purpose: "egress" | "documents" = "egress") =>
    scanText(text, DEFAULT_RECOGNIZERS, { purpose }).organisations.map((o) => [
      o.type,
      text.slice(o.start, o.end),
    ]);

  it("keeps an organisation's landline, mailbox and address apart, as public", () => {
    const text =
      "Accompagnement par la CCI du Lot (05 65 20 35 00, entreprises@lot.cci.fr).\nCCAS – Service domiciliation, BP 40127, 54003 Nancy Cedex.";
    assert.deepEqual(found(text), []);
    assert.deepEqual(
      organisations(text).map(([type]) => type),
      ["PHONE", "EMAIL", "ADDRESS"],
    );
  });

  it("reads a host's or a restaurant's address as theirs, and someone hosted or living « chez » as a person's", () => {
    for (const text of [
      "Hébergement : OVH SAS, 2 rue des Lilas, 59100 Roubaix",
      "9h30 restaurant Chez Paulette, 4 place du Marché, 31580 Montreval",
    ]) {
      assert.deepEqual(found(text), [], text);
      assert.deepEqual(
        organisations(text).map(([type]) => type),
        ["ADDRESS"],
      );
    }
    assert.ok(
      found("Elle est hébergée chez sa soeur, 2 rue des Lilas, 59100 Roubaix").some(
        ([type, , certainty]) => type === "ADDRESS" && certainty === undefined,
      ),
    );
  });

  it("on the way out, gives a person's block back to the person, whatever organisation it names", () => {
    const text =
      "Bénéficiaire : Mme Fatima Ait Ouali, entrepreneuse (épicerie « La Boîte à Grains »)\nAdresse de correspondance : lieu-dit Le Moulin Neuf, 46100 Figeac\nTél. : 06 48 21 73 09 – courriel : fatima.aitouali@gmail.com";
    const types = found(text).map(([type]) => type);
    assert.deepEqual(types, ["PERSON", "ADDRESS", "PHONE", "EMAIL"]);
  });

  it("reads a number an organisation will call as the person's", () => {
    // No one named near it: possible, masked on the way out.
    assert.deepEqual(found("La CAF vous contactera au 07 69 24 15 83."), [
      ["PHONE", "07 69 24 15 83", "possible"],
    ]);
    assert.deepEqual(found("Mme Nguyen : la CAF vous contactera au 05 56 12 34 90."), [
      ["PERSON", "Nguyen"],
      ["PHONE", "05 56 12 34 90"],
    ]);
    assert.deepEqual(
      found("La Maison départementale de l'autonomie reste joignable au 02 38 25 40 40."),
      [],
    );
    assert.deepEqual(
      found("Le prestataire demande qu'on rappelle leur standard au 03 87 39 62 62."),
      [],
    );
  });

  it("takes a mobile near a named person back from an organisation on the way out only", () => {
    const text = "Mme Durand est suivie par l'association Tremplin, tél. 06 12 34 56 78.";
    assert.deepEqual(
      found(text).map(([type]) => type),
      ["PERSON", "PHONE"],
    );
  });

  it("reads a mailbox at a body's domain by its words: a service, a person's, or possible", () => {
    assert.deepEqual(
      found("Écrire à mediatheque.zola@loiret.fr ou travaux.t2@metropole-rouen.fr."),
      [],
    );
    assert.deepEqual(found("Contact : cispd@grandperigueux.fr"), [
      ["EMAIL", "cispd@grandperigueux.fr", "possible"],
    ]);
    assert.deepEqual(found("Contact : cispd@grandperigueux.fr", "documents"), []);
    assert.deepEqual(
      found("Contact : k.ouali@grandperigueux.fr").map(([type]) => type),
      ["EMAIL"],
    );
  });

  it("marks an article-9 term possible when only a possible name points at it", () => {
    const entities = scanText(
      "Le CMP de Saint-Claude et la maison de santé Louis-Pasteur accompagnent les addictions.",
      DEFAULT_RECOGNIZERS,
    ).entities;
    assert.ok(entities.every((e) => e.certainty === "possible"));
    assert.equal(
      scanText(
        "Orientation vers le Secours catholique et Tourisme & Handicap.",
        DEFAULT_RECOGNIZERS,
      ).dataClass,
      "public",
    );
  });

  it("reads a mobile however written, and keeps it (possible) when no one is named near", () => {
    assert.deepEqual(
      found("Numéro laissé : zéro six, quarante-trois, dix-huit, vingt-sept, quatre-vingt-dix."),
      [["PHONE", "zéro six, quarante-trois, dix-huit, vingt-sept, quatre-vingt-dix", "possible"]],
    );
  });

  it("masks a landline or an address with no one near on the way out (possible), keeps it apart in documents", () => {
    const text =
      "Réunion publique jeudi. Appeler le 01 48 52 77 06, 12 rue des Lilas, 75020 Paris.";
    assert.deepEqual(found(text), [
      ["PHONE", "01 48 52 77 06", "possible"],
      ["ADDRESS", "12 rue des Lilas, 75020 Paris", "possible"],
    ]);
    assert.equal(scanText(text, DEFAULT_RECOGNIZERS).dataClass, "public");
    assert.deepEqual(found(text, "documents"), []);
    assert.deepEqual(
      organisations(text, "documents").map(([type]) => type),
      ["PHONE", "ADDRESS"],
    );
  });

  it("reads a walking club's, a farm's or a sports club's mailbox at a mail service as possible", () => {
    for (const text of [
      "Secrétariat : randoleze@laposte.net",
      "Commandes : gaec.bouriette@wanadoo.fr",
      "Inscriptions : us.foot.lavaur@gmail.com",
    ]) {
      assert.deepEqual(
        found(text).map(([type, , certainty]) => [type, certainty]),
        [["EMAIL", "possible"]],
        text,
      );
    }
    assert.deepEqual(found("écrire à marie.dupont@laposte.net"), [
      ["EMAIL", "marie.dupont@laposte.net"],
    ]);
    // A short nickname beside a common surname is someone's, even when the surname is a word too.
    assert.deepEqual(found("De : seb.roux81@free.fr Objet : paiement cantine"), [
      ["EMAIL", "seb.roux81@free.fr"],
    ]);
  });

  it("reads a club's mailbox at a mail service as possible, and one holding a name found as that person's", () => {
    assert.deepEqual(found("Athlétisme : eavd.athle@gmail.com, entraînements le lundi."), [
      ["EMAIL", "eavd.athle@gmail.com", "possible"],
    ]);
    const text = "De: Jean-Bosco Nkurunziza <jb.nkurunziza@gmail.com>\nObjet: rdv";
    assert.deepEqual(found(text), [
      ["PERSON", "Jean-Bosco Nkurunziza"],
      ["EMAIL", "jb.nkurunziza@gmail.com"],
    ]);
  });

  it("leaves a plate format's specimen out of documents", () => {
    const text = "Les blocs sont séparés par des tirets : AA-111-AA.";
    assert.deepEqual(found(text, "documents"), []);
    assert.deepEqual(found(text), [["PLATE", "AA-111-AA"]]);
  });
});
