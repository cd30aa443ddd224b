import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AidCondition } from "./aids.schema.js";
import {
  describeCondition,
  evaluateConditions,
  type Situation,
  type SituationPlaces,
} from "./conditions.js";

/** A commune of Haute-Savoie (74), in région Auvergne-Rhône-Alpes (84), with its EPCI and postcode. */
const ANNECY: SituationPlaces = {
  communes: ["74010"],
  epcis: ["200066793"],
  departements: ["74"],
  regions: ["84"],
  postcodes: ["74000"],
};
/** A commune of Nord (59), région Hauts-de-France (32). */
const LILLE: SituationPlaces = {
  communes: ["59350"],
  epcis: ["200093201"],
  departements: ["59"],
  regions: ["32"],
  postcodes: ["59000"],
};

/** One condition checked alone: its outcome and reason. */
function one(condition: AidCondition, situation: Situation) {
  const [check] = evaluateConditions({ general: [condition], text: [] }, situation).checks;
  assert.ok(check);
  return { outcome: check.outcome, reason: check.reason, label: check.label };
}

describe("aid conditions", () => {
  it("reads every age operator, with the French reason when unmet", () => {
    const cases: [AidCondition, number, "met" | "unmet", string | null][] = [
      [{ type: "age", operator: ">=", value: 16 }, 16, "met", null],
      [{ type: "age", operator: ">=", value: 16 }, 15, "unmet", "réservée aux 16 ans et plus"],
      [{ type: "age", operator: ">", value: 17 }, 17, "unmet", "réservée aux plus de 17 ans"],
      [{ type: "age", operator: ">", value: 17 }, 18, "met", null],
      [{ type: "age", operator: "<=", value: 25 }, 25, "met", null],
      [{ type: "age", operator: "<=", value: 25 }, 26, "unmet", "réservée aux 25 ans et moins"],
      [{ type: "age", operator: "<", value: 26 }, 26, "unmet", "réservée aux moins de 26 ans"],
      [{ type: "age", operator: "<", value: 26 }, 25, "met", null],
      [{ type: "age", operator: "=", value: 18 }, 18, "met", null],
      [{ type: "age", operator: "=", value: 18 }, 19, "unmet", "réservée aux personnes de 18 ans"],
    ];
    for (const [condition, age, outcome, reason] of cases) {
      assert.deepEqual(
        { ...one(condition, { age }), label: undefined },
        { outcome, reason, label: undefined },
        `${JSON.stringify(condition)} at ${age}`,
      );
    }
    assert.deepEqual(one({ type: "age", operator: ">=", value: 16 }, {}), {
      outcome: "unknown",
      reason: "âge non renseigné",
      label: "16 ans et plus",
    });
  });

  it("applies a territory to every commune inside it, from the hierarchy the caller gives", () => {
    const region = { type: "regions", values: ["84"] };
    assert.equal(one(region, { places: ANNECY }).outcome, "met");
    assert.deepEqual(one(region, { places: LILLE }), {
      outcome: "unmet",
      reason: "réservée à la région 84",
      label: "région 84",
    });
    assert.equal(
      one({ type: "departements", values: ["73", "74"] }, { places: ANNECY }).outcome,
      "met",
    );
    assert.equal(
      one({ type: "departements", values: ["74"] }, { places: LILLE }).reason,
      "réservée au département 74",
    );
    assert.equal(
      one({ type: "departements", values: ["73", "74"] }, { places: LILLE }).reason,
      "réservée aux départements 73, 74",
    );
    assert.equal(
      one({ type: "communes", values: ["74011", "74010"] }, { places: ANNECY }).outcome,
      "met",
    );
    assert.equal(
      one({ type: "communes", values: ["62001"] }, { places: ANNECY }).reason,
      "réservée à la commune 62001",
    );
    assert.equal(one({ type: "epcis", values: ["200066793"] }, { places: ANNECY }).outcome, "met");
    assert.equal(
      one({ type: "epcis", values: ["200066793"] }, { places: LILLE }).reason,
      "réservée à l'intercommunalité (EPCI) 200066793",
    );
    assert.equal(
      one({ type: "codes_postaux", values: ["74000"] }, { places: ANNECY }).outcome,
      "met",
    );
    assert.equal(
      one({ type: "codes_postaux", values: ["67100"] }, { places: ANNECY }).reason,
      "réservée au code postal 67100",
    );
    // Corsica's codes are letters too, whatever their case.
    assert.equal(
      one({ type: "communes", values: ["2A004"] }, { places: { ...ANNECY, communes: ["2a004"] } })
        .outcome,
      "met",
    );
  });

  it("excludes the EPCIs a scheme leaves out, and only those", () => {
    const excluded = { type: "excluded_epcis", values: ["200066793", "248300543"] };
    assert.deepEqual(one(excluded, { places: ANNECY }), {
      outcome: "unmet",
      reason: "exclue pour l'intercommunalité (EPCI) 200066793",
      label: "hors intercommunalités (EPCI) 200066793, 248300543",
    });
    assert.equal(one(excluded, { places: LILLE }).outcome, "met");
  });

  it("says a territory is unknown when the situation has no place, or not at that level", () => {
    assert.deepEqual(one({ type: "regions", values: ["84"] }, { age: 20 }), {
      outcome: "unknown",
      reason: "lieu de résidence non renseigné",
      label: "région 84",
    });
    const departementOnly: SituationPlaces = {
      communes: [],
      epcis: [],
      departements: ["74"],
      regions: ["84"],
      postcodes: [],
    };
    assert.deepEqual(one({ type: "communes", values: ["74010"] }, { places: departementOnly }), {
      outcome: "unknown",
      reason: "commune non renseignée",
      label: "commune 74010",
    });
    assert.equal(
      one({ type: "excluded_epcis", values: ["200066793"] }, { places: departementOnly }).reason,
      "intercommunalité non renseignée",
    );
    assert.equal(
      one({ type: "codes_postaux", values: ["74000"] }, { places: departementOnly }).reason,
      "code postal non renseigné",
    );
  });

  it("shows the first ten codes of a long list, then how many more", () => {
    const values = Array.from({ length: 13 }, (_, index) => String(62001 + index));
    assert.equal(
      describeCondition({ type: "communes", values }),
      "communes 62001, 62002, 62003, 62004, 62005, 62006, 62007, 62008, 62009, 62010 et 3 autre(s)",
    );
  });

  it("compares the monthly family quotient; the yearly (tax) one is left to check", () => {
    const monthly = { type: "quotient_familial", operator: "<=", value: 900, period: "month" };
    assert.equal(one(monthly, { quotientFamilial: 900 }).outcome, "met");
    assert.deepEqual(one(monthly, { quotientFamilial: 901 }), {
      outcome: "unmet",
      reason: "réservée à un quotient familial mensuel de 900 € au plus",
      label: "quotient familial mensuel de 900 € au plus",
    });
    assert.equal(one(monthly, {}).reason, "quotient familial non renseigné");
    const strict = { type: "quotient_familial", operator: "<", value: 700, period: "month" };
    assert.equal(
      one(strict, { quotientFamilial: 700 }).reason,
      "réservée à un quotient familial mensuel inférieur à 700 €",
    );
    // The format's older spelling: a `floor` alone is a ceiling.
    const floor = { type: "quotient_familial", floor: 1200, period: "month" };
    assert.equal(one(floor, { quotientFamilial: 1200 }).outcome, "met");
    assert.equal(one(floor, { quotientFamilial: 1201 }).outcome, "unmet");
    const yearly = { type: "quotient_familial", operator: "<", value: 18500, period: "year" };
    assert.deepEqual(one(yearly, { quotientFamilial: 100 }), {
      outcome: "unknown",
      reason:
        "quotient familial annuel (fiscal) à vérifier : la situation donne le quotient familial mensuel de la CAF",
      label: "quotient familial annuel inférieur à 18\u202f500 €",
    });
  });

  it("reads status conditions from the situation's statuses, never as unmet for a status not listed", () => {
    const flags: [AidCondition, string][] = [
      [{ type: "beneficiaire_rsa" }, "beneficiaire_rsa"],
      [{ type: "formation_sanitaire_social" }, "formation_sanitaire_social"],
      [{ type: "agence_travail_temporaire" }, "interimaire"],
      [{ type: "difficultes_acces_ou_frais_logement", value: true }, "difficultes_logement"],
      [{ type: "difficultes_acces_ou_frais_logement" }, "difficultes_logement"],
    ];
    for (const [condition, status] of flags) {
      assert.equal(one(condition, { statuses: [status] }).outcome, "met", condition.type);
      const other = one(condition, { statuses: ["etudiant"] });
      assert.equal(other.outcome, "unknown", condition.type);
      assert.equal(other.reason, `à vérifier : ${other.label}`);
      assert.equal(one(condition, {}).outcome, "unknown");
    }
    assert.equal(one({ type: "beneficiaire_rsa" }, {}).label, "bénéficiaire du RSA");
    // Reversed: a status listed excludes.
    assert.deepEqual(
      one({ type: "beneficiaire_rsa", value: false }, { statuses: ["beneficiaire_rsa"] }),
      {
        outcome: "unmet",
        reason: "non ouverte aux personnes dans cette situation (sauf : bénéficiaire du RSA)",
        label: "sauf : bénéficiaire du RSA",
      },
    );
    // The institution's territory or establishment is never in a situation.
    const attached = one(
      { type: "attached_to_institution" },
      { statuses: ["etudiant"], places: ANNECY },
    );
    assert.equal(attached.outcome, "unknown");
    assert.match(attached.reason ?? "", /^à vérifier : rattaché\(e\)/);
  });

  it("reads a social security regime and a housing status as one of exclusive values", () => {
    const general = { type: "regime_securite_sociale", includes: ["regime_general"] };
    assert.equal(one(general, { statuses: ["etudiant", "regime_general"] }).outcome, "met");
    assert.deepEqual(one(general, { statuses: ["regime_agricole"] }), {
      outcome: "unmet",
      reason: "réservée au régime de sécurité sociale : régime général",
      label: "régime de sécurité sociale : régime général",
    });
    assert.deepEqual(one(general, { statuses: ["etudiant"] }), {
      outcome: "unknown",
      reason: "régime de sécurité sociale non renseigné",
      label: "régime de sécurité sociale : régime général",
    });
    const notAgricultural = { type: "regime_securite_sociale", excludes: ["regime_agricole"] };
    assert.equal(
      one(notAgricultural, { statuses: ["regime_agricole"] }).reason,
      "non ouverte au régime de sécurité sociale : régime agricole (MSA)",
    );
    assert.equal(one(notAgricultural, { statuses: ["regime_general"] }).outcome, "met");
    const homeless = { type: "statut_occupation_logement", includes: ["sans_domicile"] };
    assert.equal(one(homeless, { statuses: ["sans_domicile"] }).outcome, "met");
    assert.equal(
      one(homeless, { statuses: ["locataire"] }).reason,
      "réservée aux situations de logement : sans domicile",
    );
    assert.equal(
      one(homeless, { statuses: ["apprenti"] }).reason,
      "situation de logement non renseignée",
    );
  });

  it("keeps a condition it does not know as to check", () => {
    assert.deepEqual(one({ type: "boursier", echelon: { min: 1 } }, { statuses: ["boursier"] }), {
      outcome: "unknown",
      reason: "condition non reconnue par Beffroi : à vérifier",
      label: "condition « boursier »",
    });
  });

  it("gives a verdict: excluded on any unmet, eligible only when everything is met and nothing is written", () => {
    const conditions = {
      general: [
        { type: "age", operator: ">=", value: 16 },
        { type: "regions", values: ["84"] },
      ] as AidCondition[],
      text: [],
    };
    assert.equal(evaluateConditions(conditions, { age: 17, places: ANNECY }).verdict, "eligible");
    assert.equal(evaluateConditions(conditions, { age: 17, places: LILLE }).verdict, "excluded");
    assert.equal(evaluateConditions(conditions, { age: 17 }).verdict, "possible");
    assert.equal(evaluateConditions(conditions, { age: 15 }).verdict, "excluded");
    const written = { ...conditions, text: ["Avoir commencé une formation au BAFA."] };
    const evaluation = evaluateConditions(written, { age: 17, places: ANNECY });
    assert.equal(evaluation.verdict, "possible");
    assert.deepEqual(evaluation.toCheck, ["Avoir commencé une formation au BAFA."]);
    assert.equal(evaluateConditions({ general: [], text: [] }, {}).verdict, "eligible");
  });
});
