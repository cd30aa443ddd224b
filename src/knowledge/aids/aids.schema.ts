import { z } from "zod";
import { type MessageKey, t } from "../../i18n/index.js";

/**
 * The open `aides-jeunes` benefit format, one scheme per JSONL line, as
 * Beffroi takes it. Unknown top-level fields are dropped; a condition of a
 * known type is checked field by field and keeps any extra field it carries;
 * a condition of a type Beffroi does not know is kept as written (bounded in
 * size), shown, and treated as "to check" by the evaluator.
 */

export const OPERATORS = ["<", "<=", ">", ">=", "="] as const;
export type Operator = (typeof OPERATORS)[number];

/** Territories, by code: INSEE commune codes, EPCI SIREN numbers, départements, régions, postcodes. */
export const PLACE_TYPES = [
  "communes",
  "epcis",
  "departements",
  "regions",
  "codes_postaux",
  "excluded_epcis",
] as const;
export type PlaceType = (typeof PLACE_TYPES)[number];

/** Conditions on what a person is (a status the situation may list); `value: false` reverses one. */
export const FLAG_TYPES = [
  "beneficiaire_rsa",
  "formation_sanitaire_social",
  "attached_to_institution",
  "agence_travail_temporaire",
  "difficultes_acces_ou_frais_logement",
] as const;
export type FlagType = (typeof FLAG_TYPES)[number];

/** Conditions on one of several exclusive values (a social security regime, a housing status). */
export const CHOICE_TYPES = ["regime_securite_sociale", "statut_occupation_logement"] as const;
export type ChoiceType = (typeof CHOICE_TYPES)[number];

/** Most codes one territorial condition lists (a metropolis lists a few hundred communes). */
const MAX_CODES = 10_000;
/** Most characters a condition of an unknown type may take, written as JSON. */
const MAX_UNKNOWN_CONDITION_CHARACTERS = 4_000;

const reason = (key: MessageKey, params?: Record<string, string | number>) => t(key, params);

const Code = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z]{1,15}$/, { message: reason("aids.problem.code") });
const Token = z
  .string()
  .trim()
  .regex(/^[\w-]{1,100}$/, { message: reason("aids.problem.token") });

const AgeCondition = z.looseObject({
  type: z.literal("age"),
  operator: z.enum(OPERATORS),
  value: z.number().int().min(0).max(130),
});

const PlaceCondition = z.looseObject({
  type: z.enum(PLACE_TYPES),
  values: z.array(Code).min(1).max(MAX_CODES),
});

/**
 * A ceiling (or floor) on the family quotient: `operator` and `value`, as the
 * published file writes it, or `floor` alone, the format's older spelling of
 * a ceiling ("at most"). `period`: month (the CAF's) or year (the tax one).
 */
const QuotientCondition = z
  .looseObject({
    type: z.literal("quotient_familial"),
    operator: z.enum(OPERATORS).optional(),
    value: z.number().min(0).max(1_000_000).optional(),
    floor: z.number().min(0).max(1_000_000).optional(),
    period: z.enum(["month", "year"]).optional(),
  })
  .superRefine((condition, context) => {
    if (condition.floor !== undefined && condition.operator === undefined) return;
    for (const field of ["operator", "value"] as const) {
      if (condition[field] === undefined)
        context.addIssue({
          code: "custom",
          path: [field],
          message: reason("aids.problem.missing"),
        });
    }
  });

const ChoiceCondition = z
  .looseObject({
    type: z.enum(CHOICE_TYPES),
    includes: z.array(Token).min(1).max(50).optional(),
    excludes: z.array(Token).min(1).max(50).optional(),
  })
  .superRefine((condition, context) => {
    if (!condition.includes && !condition.excludes)
      context.addIssue({
        code: "custom",
        path: ["includes"],
        message: reason("aids.problem.includes_or_excludes"),
      });
  });

const FlagCondition = z.looseObject({
  type: z.enum(FLAG_TYPES),
  value: z.boolean().optional(),
});

export type AgeCondition = z.infer<typeof AgeCondition>;
export type PlaceCondition = z.infer<typeof PlaceCondition>;
export type QuotientCondition = z.infer<typeof QuotientCondition>;
export type ChoiceCondition = z.infer<typeof ChoiceCondition>;
export type FlagCondition = z.infer<typeof FlagCondition>;
export type KnownCondition =
  | AgeCondition
  | PlaceCondition
  | QuotientCondition
  | ChoiceCondition
  | FlagCondition;
/** A condition of a type Beffroi does not know, kept as written. */
export type UnknownCondition = { type: string; [field: string]: unknown };
export type AidCondition = KnownCondition | UnknownCondition;

const KNOWN_SCHEMAS = new Map<string, z.ZodType<KnownCondition>>([
  ["age", AgeCondition],
  ["quotient_familial", QuotientCondition],
  ...PLACE_TYPES.map((type) => [type, PlaceCondition] as const),
  ...CHOICE_TYPES.map((type) => [type, ChoiceCondition] as const),
  ...FLAG_TYPES.map((type) => [type, FlagCondition] as const),
]);

/** Whether a condition is of a type the evaluator reads (narrows it for a `switch` on its type). */
export const isKnownCondition = (condition: AidCondition): condition is KnownCondition =>
  KNOWN_SCHEMAS.has(condition.type);

/** One condition: checked by its type's schema when Beffroi knows the type, else kept (bounded). */
export const ConditionSchema = z
  .looseObject({
    type: z
      .string()
      .trim()
      .regex(/^[\w-]{1,100}$/, { message: reason("aids.problem.token") }),
  })
  .transform((condition, context): AidCondition => {
    const schema = KNOWN_SCHEMAS.get(condition.type);
    if (!schema) {
      if (JSON.stringify(condition).length > MAX_UNKNOWN_CONDITION_CHARACTERS) {
        context.issues.push({
          code: "custom",
          input: condition,
          message: reason("aids.problem.unknown_too_large", {
            max: MAX_UNKNOWN_CONDITION_CHARACTERS,
          }),
        });
        return z.NEVER;
      }
      return condition;
    }
    const result = schema.safeParse(condition);
    if (result.success) return result.data;
    // The type's issues, as they are: their paths continue the condition's own.
    for (const issue of result.error.issues)
      context.issues.push({ ...issue, input: condition } as z.core.$ZodRawIssue);
    return z.NEVER;
  });

const Text = (max: number) => z.string().max(max);
/** Only web addresses: a `javascript:` or `data:` link never reaches a page. */
const WebAddress = z.url({ protocol: /^https?$/, message: reason("aids.problem.url") }).max(2_000);

/** One line of the file, as read (texts may still hold HTML: they are cleaned after). */
export const AidLineSchema = z.object({
  id: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^/\\\p{Cc}]+$/u, { message: reason("aids.problem.id") }),
  title: Text(1_000).trim().min(1),
  institution: Text(1_000).trim().min(1),
  institution_type: Text(100).trim().default(""),
  description: Text(50_000).default(""),
  conditions: z.array(Text(10_000)).max(200).default([]),
  conditions_generales: z.array(ConditionSchema).max(100).default([]),
  amount: z.number().min(0).max(1e12).nullable().default(null),
  unit: Text(50).trim().nullable().default(null),
  periodicity: Text(50).trim().nullable().default(null),
  link: WebAddress.nullable().default(null),
});
export type AidLine = z.output<typeof AidLineSchema>;

/** A scheme's conditions as stored: the structured ones, and the ones written as sentences. */
export const StoredConditionsSchema = z.object({
  general: z.array(ConditionSchema),
  text: z.array(z.string()),
});
export type AidConditions = z.output<typeof StoredConditionsSchema>;

const TYPE_NAMES: Record<string, MessageKey> = {
  string: "aids.type.string",
  number: "aids.type.number",
  int: "aids.type.integer",
  boolean: "aids.type.boolean",
  array: "aids.type.array",
  object: "aids.type.object",
};

/**
 * What is wrong with a field, in French: from the zod issue, and the value
 * found there (a missing field and a field of the wrong type say different things).
 */
export function problemOf(issue: z.core.$ZodIssue, found: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      if (found === undefined || found === null) return t("aids.problem.missing");
      return t("aids.problem.type", {
        expected: t(TYPE_NAMES[issue.expected] ?? "aids.type.other"),
      });
    case "too_big":
      return issue.origin === "string"
        ? t("aids.problem.too_long", { max: Number(issue.maximum) })
        : issue.origin === "array"
          ? t("aids.problem.too_many", { max: Number(issue.maximum) })
          : t("aids.problem.too_big", { max: Number(issue.maximum) });
    case "too_small":
      return issue.origin === "string"
        ? t("aids.problem.empty")
        : issue.origin === "array"
          ? t("aids.problem.empty_list")
          : t("aids.problem.too_small", { min: Number(issue.minimum) });
    case "invalid_value":
      return t("aids.problem.value", { values: issue.values.map(String).join(" ") });
    case "invalid_format":
    case "custom":
      return issue.message;
    default:
      return t("aids.problem.other");
  }
}

/** A field's path as the error shows it: `conditions_generales[1].operator`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === "number" ? `[${part}]` : `${index === 0 ? "" : "."}${String(part)}`,
    )
    .join("");
}

/** The value found at a path of a parsed line (undefined when absent). */
export function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const part of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}
