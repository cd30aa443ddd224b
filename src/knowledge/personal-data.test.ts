import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  describeCounts,
  maskEntities,
  maskedExcerpt,
  PersonalDataSettingSchema,
  parseCounts,
  personalDataAction,
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
});
