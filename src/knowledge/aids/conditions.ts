import { hasMessage, type MessageKey, t } from "../../i18n/index.js";
import {
  type AgeCondition,
  type AidCondition,
  type AidConditions,
  type ChoiceCondition,
  type FlagCondition,
  isKnownCondition,
  type Operator,
  type PlaceCondition,
  type PlaceType,
  type QuotientCondition,
} from "./aids.schema.js";

/**
 * Where a person lives, at every level: the caller gives the whole hierarchy
 * (the commune, its EPCIs, its département, its région, its postcodes), so a
 * scheme limited to a région applies to a commune of one of its départements.
 */
export interface SituationPlaces {
  communes: string[];
  epcis: string[];
  departements: string[];
  regions: string[];
  postcodes: string[];
}

/** What is known of a person. Anything left out is "not said", never "no". */
export interface Situation {
  age?: number;
  places?: SituationPlaces;
  /** The CAF's monthly family quotient, in euros. */
  quotientFamilial?: number;
  /** What the person is: etudiant, apprenti, demandeur_emploi, beneficiaire_rsa, regime_general… */
  statuses?: string[];
}

export type Outcome = "met" | "unmet" | "unknown";
export type Verdict = "eligible" | "excluded" | "possible";

export interface ConditionCheck {
  condition: AidCondition;
  /** The condition in French (« 16 ans et plus », « département 74 »). */
  label: string;
  outcome: Outcome;
  /** Why it is unmet (« réservée aux 16 ans et plus ») or what is missing to tell; null when met. */
  reason: string | null;
}

export interface Evaluation {
  /** excluded: a condition is unmet; eligible: every condition is met; possible: otherwise. */
  verdict: Verdict;
  checks: ConditionCheck[];
  /** The conditions written as sentences: shown to the agent, never evaluated. */
  toCheck: string[];
}

/** The status each flag condition looks for in the situation; none: always to check. */
export const FLAG_STATUSES: Record<string, string | null> = {
  beneficiaire_rsa: "beneficiaire_rsa",
  formation_sanitaire_social: "formation_sanitaire_social",
  agence_travail_temporaire: "interimaire",
  difficultes_acces_ou_frais_logement: "difficultes_logement",
  // The institution's territory or establishment is not part of a situation.
  attached_to_institution: null,
};

/** Housing statuses are exclusive: one listed that the scheme does not name excludes it. */
const HOUSING_STATUSES = [
  "locataire",
  "proprietaire",
  "primo_accedant",
  "heberge",
  "loge_gratuitement",
  "sans_domicile",
];

const OPERATOR_KEYS: Record<Operator, string> = {
  "<": "lt",
  "<=": "lte",
  ">": "gt",
  ">=": "gte",
  "=": "eq",
};

const PLACE_LEVEL: Record<PlaceType, keyof SituationPlaces> = {
  communes: "communes",
  epcis: "epcis",
  excluded_epcis: "epcis",
  departements: "departements",
  regions: "regions",
  codes_postaux: "postcodes",
};

/** Codes as a scheme lists them: the first ten, then how many more. */
const MAX_CODES_SHOWN = 10;

const message = (key: string, params?: Record<string, string | number>): string =>
  t(key as MessageKey, params);

const compare = (left: number, operator: Operator, right: number): boolean =>
  operator === "<"
    ? left < right
    : operator === "<="
      ? left <= right
      : operator === ">"
        ? left > right
        : operator === ">="
          ? left >= right
          : left === right;

const normalise = (code: string) => code.trim().toUpperCase();

function codeList(codes: readonly string[]): string {
  const shown = codes.slice(0, MAX_CODES_SHOWN).join(", ");
  return codes.length > MAX_CODES_SHOWN
    ? t("aids.codes.more", { codes: shown, count: codes.length - MAX_CODES_SHOWN })
    : shown;
}

const number = (value: number) => new Intl.NumberFormat("fr-FR").format(value);

/** A value of a choice condition in French (« régime général »), or as written when unknown. */
const valueName = (value: string) =>
  hasMessage(`aids.value.${value}`) ? message(`aids.value.${value}`) : value;

/** The quotient condition as an operator and a value (`floor` alone is a ceiling). */
function quotientRule(condition: QuotientCondition): { operator: Operator; value: number } {
  return condition.operator !== undefined && condition.value !== undefined
    ? { operator: condition.operator, value: condition.value }
    : { operator: "<=", value: condition.floor ?? 0 };
}

function quotientWords(condition: QuotientCondition) {
  const { operator, value } = quotientRule(condition);
  return {
    quotient: t(`aids.quotient.${condition.period ?? "any"}`),
    comparison: message(`aids.compare.${OPERATOR_KEYS[operator]}`, { value: number(value) }),
  };
}

const plural = (codes: readonly string[]) => (codes.length > 1 ? "many" : "one");

/** A condition in French, for a list of conditions (the scheme's document, the API). */
export function describeCondition(condition: AidCondition): string {
  if (!isKnownCondition(condition)) return t("aids.condition.unknown", { type: condition.type });
  switch (condition.type) {
    case "age":
      return message(`aids.age.${OPERATOR_KEYS[condition.operator]}`, { value: condition.value });
    case "quotient_familial":
      return t("aids.quotient.label", quotientWords(condition));
    case "regime_securite_sociale":
    case "statut_occupation_logement": {
      const parts = (["includes", "excludes"] as const).flatMap((side) => {
        const values = condition[side];
        return values
          ? [message(`aids.choice.${condition.type}.${side}`, { values: valueNames(values) })]
          : [];
      });
      return parts.join(", ");
    }
    case "beneficiaire_rsa":
    case "formation_sanitaire_social":
    case "attached_to_institution":
    case "agence_travail_temporaire":
    case "difficultes_acces_ou_frais_logement": {
      const label = message(`aids.flag.${condition.type}`);
      return condition.value === false ? t("aids.flag.not", { label }) : label;
    }
    default:
      return message(`aids.place.${condition.type}.${plural(condition.values)}`, {
        codes: codeList(condition.values),
      });
  }
}

const valueNames = (values: readonly string[]) => values.map(valueName).join(", ");

/**
 * Checks a scheme's conditions against a situation. Pure: no database, no
 * clock. A condition is `met`, `unmet` (with the reason, in French) or
 * `unknown` when the situation does not say (or Beffroi cannot tell: a
 * condition type it does not know). A status the situation does not list is
 * unknown, not unmet: a list of statuses says what someone is, not what they
 * are not. The conditions written as sentences are never evaluated, so a
 * scheme that has some is at best `possible`.
 */
export function evaluateConditions(conditions: AidConditions, situation: Situation): Evaluation {
  const checks = conditions.general.map((condition) => check(condition, situation));
  const verdict: Verdict = checks.some((c) => c.outcome === "unmet")
    ? "excluded"
    : checks.every((c) => c.outcome === "met") && conditions.text.length === 0
      ? "eligible"
      : "possible";
  return { verdict, checks, toCheck: conditions.text };
}

function check(condition: AidCondition, situation: Situation): ConditionCheck {
  const label = describeCondition(condition);
  const outcome = (result: Outcome, reason: string | null = null): ConditionCheck => ({
    condition,
    label,
    outcome: result,
    reason,
  });
  if (!isKnownCondition(condition)) return outcome("unknown", t("aids.unknown.type"));
  switch (condition.type) {
    case "age":
      return checkAge(condition, situation, outcome);
    case "quotient_familial":
      return checkQuotient(condition, situation, outcome);
    case "regime_securite_sociale":
    case "statut_occupation_logement":
      return checkChoice(condition, situation, outcome);
    case "beneficiaire_rsa":
    case "formation_sanitaire_social":
    case "attached_to_institution":
    case "agence_travail_temporaire":
    case "difficultes_acces_ou_frais_logement":
      return checkFlag(condition, situation, label, outcome);
    default:
      return checkPlace(condition, situation, outcome);
  }
}

type Result = (outcome: Outcome, reason?: string | null) => ConditionCheck;

function checkAge(condition: AgeCondition, situation: Situation, result: Result) {
  if (situation.age === undefined) return result("unknown", t("aids.unknown.age"));
  return compare(situation.age, condition.operator, condition.value)
    ? result("met")
    : result(
        "unmet",
        message(`aids.unmet.age.${OPERATOR_KEYS[condition.operator]}`, { value: condition.value }),
      );
}

function checkQuotient(condition: QuotientCondition, situation: Situation, result: Result) {
  // The situation carries the CAF's monthly quotient; the tax one (per year) is another figure.
  if (condition.period === "year") return result("unknown", t("aids.unknown.quotient_year"));
  if (situation.quotientFamilial === undefined)
    return result("unknown", t("aids.unknown.quotient"));
  const { operator, value } = quotientRule(condition);
  return compare(situation.quotientFamilial, operator, value)
    ? result("met")
    : result("unmet", t("aids.unmet.quotient", quotientWords(condition)));
}

function checkPlace(condition: PlaceCondition, situation: Situation, result: Result) {
  const level = PLACE_LEVEL[condition.type];
  if (!situation.places) return result("unknown", t("aids.unknown.places"));
  const known = situation.places[level].map(normalise);
  if (known.length === 0) return result("unknown", message(`aids.unknown.${level}`));
  const matched = condition.values.filter((code) => known.includes(normalise(code)));
  if (condition.type === "excluded_epcis") {
    return matched.length === 0
      ? result("met")
      : result(
          "unmet",
          message(`aids.unmet.excluded_epcis.${plural(matched)}`, { codes: codeList(matched) }),
        );
  }
  return matched.length > 0
    ? result("met")
    : result(
        "unmet",
        message(`aids.unmet.${condition.type}.${plural(condition.values)}`, {
          codes: codeList(condition.values),
        }),
      );
}

function checkChoice(condition: ChoiceCondition, situation: Situation, result: Result) {
  const statuses = situation.statuses ?? [];
  const universe =
    condition.type === "regime_securite_sociale"
      ? (status: string) => status.startsWith("regime_")
      : (status: string) => HOUSING_STATUSES.includes(status);
  const named = new Set([...(condition.includes ?? []), ...(condition.excludes ?? [])]);
  const given = statuses.filter((status) => universe(status) || named.has(status));
  if (given.length === 0) return result("unknown", message(`aids.unknown.${condition.type}`));
  if (condition.includes && !given.some((status) => condition.includes?.includes(status)))
    return result(
      "unmet",
      message(`aids.unmet.${condition.type}.includes`, { values: valueNames(condition.includes) }),
    );
  const excluded = given.filter((status) => condition.excludes?.includes(status));
  if (excluded.length > 0)
    return result(
      "unmet",
      message(`aids.unmet.${condition.type}.excludes`, { values: valueNames(excluded) }),
    );
  return result("met");
}

function checkFlag(condition: FlagCondition, situation: Situation, label: string, result: Result) {
  const status = FLAG_STATUSES[condition.type];
  const reversed = condition.value === false;
  if (status && situation.statuses?.includes(status))
    return reversed ? result("unmet", t("aids.unmet.flag", { label })) : result("met");
  return result("unknown", t("aids.unknown.status", { label }));
}
