import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  describeCounts,
  fileNameWords,
  maskEntities,
  maskedExcerpt,
  type PersonalDataScanResult,
  PersonalDataSettingSchema,
  parseCounts,
  personalDataAction,
  readNames,
  recurringValues,
} from "./personal-data.js";

describe("personal data in knowledge bases", () => {
  it("decides per base: public documents are indexed, a release counts only where the base quarantines", () => {
    const cases = [
      ["index", null, "public", "index"],
      ["quarantine", null, "public", "index"],
      ["index", null, "sensitive", "index"],
      ["pseudonymise", null, "personal", "pseudonymise"],
      ["quarantine", null, "personal", "quarantine"],
      ["quarantine", "pseudonymise", "sensitive", "pseudonymise"],
      ["quarantine", "index", "personal", "index"],
      ["pseudonymise", "index", "personal", "pseudonymise"],
    ] as const;
    for (const [setting, release, dataClass, expected] of cases) {
      assert.equal(
        personalDataAction({ setting, release, dataClass }),
        expected,
        `${setting} ${release} ${dataClass}`,
      );
    }
  });

  it("masks values by their type and describes counts in French", () => {
    const text = "Écrire à jean.morel@mairie.example ou au 06 12 34 56 78.";
    const entities = [
      { type: "EMAIL", start: 9, end: 34 },
      { type: "PHONE", start: 41, end: 55 },
    ];
    assert.equal(maskEntities(text, entities), "Écrire à [EMAIL] ou au [PHONE].");
    assert.equal(maskedExcerpt(text, entities), "Écrire à [EMAIL] ou au [PHONE].");
    assert.equal(
      describeCounts({ PHONE: 1, EMAIL: 2 }),
      "adresse électronique (2), numéro de téléphone (1)",
    );
    assert.deepEqual(parseCounts('{"EMAIL":2,"X":"y"}'), { EMAIL: 2 });
    assert.deepEqual(parseCounts("pas du JSON"), {});
  });

  it("refuses an unknown setting with a French explanation", () => {
    const result = PersonalDataSettingSchema.safeParse("chiffrer");
    assert.equal(result.success, false);
    assert.match(result.error?.issues[0]?.message ?? "", /^valeur attendue : index/);
  });

  it("reads a file name as words, keeping every offset", () => {
    const name = "rh/arret_maladie-odile.ferrand.docx";
    const words = fileNameWords(name);
    assert.equal(words, "rh arret maladie odile ferrand     ");
    assert.equal(words.length, name.length);
  });

  it("finds a document's values again in its file name, whatever their case, accents and separators", () => {
    const name = "Arret-maladie_ODILE-FERRAND-dépression-2840575123456-12.md";
    const found = recurringValues(name, [
      { type: "PERSON", value: "Odile Ferrand" },
      { type: "SENSITIVE", value: "arrêt maladie" },
      { type: "SENSITIVE", value: "depression" },
      { type: "NIR", value: "2 84 05 75 123 456 12" },
      // Too short to be told from a syllable, and absent: neither is found.
      { type: "PERSON", value: "Al" },
      { type: "PERSON", value: "Martine Dupont" },
    ]);
    assert.equal(maskEntities(name, found), "[SENSITIVE]_[PERSON]-[SENSITIVE]-[NIR].md");
    // Only whole words: "ferrandière" is not "Ferrand".
    assert.deepEqual(recurringValues("ferrandiere.md", [{ type: "PERSON", value: "Ferrand" }]), []);
  });

  it("reads the title and the file name against the whole document, counting what the first reading missed", async () => {
    const text = "Mme Odile Ferrand reprend le 3 juin.";
    const scanned = new Map<string, PersonalDataScanResult>([
      ["suivi-odile-ferrand", { dataClass: "public", entities: [] }],
      [text, { dataClass: "personal", entities: [{ type: "PERSON", start: 4, end: 17 }] }],
    ]);
    const names = await readNames(
      async (part) =>
        part.includes("paul durand")
          ? { dataClass: "personal", entities: [{ type: "PERSON", start: 0, end: 11 }] }
          : { dataClass: "public", entities: [] },
      { title: "suivi-odile-ferrand", fileName: "paul-durand-suivi-odile-ferrand.md" },
      scanned,
    );
    assert.equal(maskEntities("suivi-odile-ferrand", names.title.entities), "suivi-[PERSON]");
    assert.equal(
      maskEntities("paul-durand-suivi-odile-ferrand.md", names.fileName.entities),
      "[PERSON]-suivi-[PERSON].md",
    );
    assert.equal(names.fileName.dataClass, "personal");
    assert.deepEqual(names.counts, { PERSON: 3 });
  });
});
