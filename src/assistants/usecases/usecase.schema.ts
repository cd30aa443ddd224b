import { z } from "zod";
import { GROUNDING_MODES } from "../../pipeline/index.js";
import { SOVEREIGNTY } from "../../providers/index.js";
import { CATEGORIES } from "../assistant.schema.js";
import { isSafePattern, PATTERN_FLAGS } from "./checks.js";
import { parseTemplate, TemplateError, templateNames } from "./template.js";

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "identifiant attendu : minuscules, chiffres et tirets")
  .max(60);
/** A field's id is also its name in templates. */
const fieldId = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, "identifiant attendu : minuscules, chiffres et _, sans accent")
  .max(40);
const label = z.string().trim().min(1).max(200);

const fieldBase = {
  id: fieldId,
  label,
  help: z.string().trim().max(1000).default(""),
  required: z.boolean().default(false),
  /** A hint for the guard and the agent: this field may hold personal data. */
  personalData: z.boolean().default(false),
};

export const FIELD_TYPES = ["text", "long-text", "date", "choice", "list", "document"] as const;

export const UseCaseFieldSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("text"), ...fieldBase }),
  z.strictObject({ type: z.literal("long-text"), ...fieldBase }),
  z.strictObject({ type: z.literal("date"), ...fieldBase }),
  z.strictObject({
    type: z.literal("choice"),
    ...fieldBase,
    options: z.array(z.string().trim().min(1).max(200)).min(2).max(50),
  }),
  z.strictObject({ type: z.literal("list"), ...fieldBase }),
  /** The text of an attached document, as its parser gave it. */
  z.strictObject({ type: z.literal("document"), ...fieldBase }),
]);
export type UseCaseField = z.infer<typeof UseCaseFieldSchema>;

const checkBase = { id: fieldId, label };

/** The closed set of checks an answer can be put through; each is linear in the answer. */
export const UseCaseCheckSchema = z.discriminatedUnion("kind", [
  /** A line that opens with this heading (`#`, `**`, numbering and case aside). */
  z.strictObject({
    kind: z.literal("section-present"),
    ...checkBase,
    section: z.string().trim().min(1).max(200),
  }),
  /** A regular expression found at least `min` times (at most `max`), per line. */
  z.strictObject({
    kind: z.literal("pattern"),
    ...checkBase,
    pattern: z
      .string()
      .min(1)
      .max(300)
      .refine(isSafePattern, "expression refusée : invalide, ou à répétitions imbriquées"),
    flags: z
      .string()
      .regex(new RegExp(`^[${PATTERN_FLAGS}]*$`), `options permises : ${PATTERN_FLAGS}`)
      .default(""),
    min: z.int().min(0).max(1000).default(1),
    max: z.int().min(0).max(100_000).optional(),
  }),
  /** `Article 1`, `Article 2`… numbered in order, after the line that opens with `after`. */
  z.strictObject({
    kind: z.literal("numbered-articles"),
    ...checkBase,
    after: z.string().trim().max(100).optional(),
    min: z.int().min(1).max(200).default(1),
  }),
  /** References to legal texts in a valid form: `article L. 2121-29 du CGCT`. */
  z.strictObject({
    kind: z.literal("legal-reference"),
    ...checkBase,
    min: z.int().min(0).max(100).default(1),
  }),
  /** A date written out (`12 mars 2025`, `1er janvier 2025`, `12/03/2025`). */
  z.strictObject({ kind: z.literal("date-present"), ...checkBase }),
  z.strictObject({ kind: z.literal("max-words"), ...checkBase, max: z.int().min(1).max(100_000) }),
  /** The percentages under a heading add up to `total` (award criteria weights). */
  z.strictObject({
    kind: z.literal("weights-sum"),
    ...checkBase,
    section: z.string().trim().min(1).max(200),
    total: z.number().positive().max(1000).default(100),
  }),
]);
export type UseCaseCheck = z.infer<typeof UseCaseCheckSchema>;

/** A template that parses (a refinement's message says where it does not). */
const template = z
  .string()
  .min(1)
  .superRefine((text, context) => {
    try {
      parseTemplate(text);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      context.addIssue({ code: "custom", message: `modèle invalide : ${error.message}` });
    }
  });

/** One point of a checklist baseline, under its section, filled with a field's value. */
const ChecklistRuleSchema = z.strictObject({
  section: label,
  label,
  /** The field whose value the point is checked against. */
  field: fieldId.optional(),
  /** Words the field's value should hold (case and accents aside): « déclaré » or not. */
  expect: z.string().trim().min(1).max(200).optional(),
});

/**
 * The sober result a use case gives without any model, each kind naming the
 * fields it reads: `template` assembles the fields; `plain-language` lints a
 * text; `minutes` extracts decisions and actions from notes or a transcript;
 * `extractive-summary` keeps a document's leading sentences; `search` lists
 * the passages of the bases that answer a question; `checklist` is the rule
 * checklist filled with the request's fields; `watch` lists the document
 * watch's new items that hold the topics' words.
 */
export const UseCaseBaselineSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("template"), template }),
  z.strictObject({
    kind: z.literal("plain-language"),
    field: fieldId,
    audience: fieldId.optional(),
  }),
  z.strictObject({
    kind: z.literal("minutes"),
    notes: fieldId.optional(),
    transcript: fieldId.optional(),
    date: fieldId.optional(),
    title: fieldId.optional(),
    participants: fieldId.optional(),
  }),
  z.strictObject({
    kind: z.literal("search"),
    question: fieldId,
    limit: z.int().min(1).max(20).default(5),
  }),
  z.strictObject({
    kind: z.literal("extractive-summary"),
    fields: z.array(fieldId).min(1).max(10),
    title: fieldId.optional(),
    sentences: z.int().min(1).max(50).default(8),
  }),
  /** The document watch's items that hold the topics' words, since a date or for `days`. */
  z.strictObject({
    kind: z.literal("watch"),
    topics: fieldId,
    since: fieldId.optional(),
    days: z.int().min(1).max(365).default(7),
    limit: z.int().min(1).max(50).default(20),
  }),
  z.strictObject({
    kind: z.literal("checklist"),
    /** The request's recap, above the checklist. */
    template,
    rules: z.array(ChecklistRuleSchema).min(1).max(100),
  }),
]);
export type UseCaseBaseline = z.infer<typeof UseCaseBaselineSchema>;

/** A use case as data: its form, how its prompt is built, what its answer must hold. */
export const UseCaseSchema = z
  .strictObject({
    id: slug,
    version: z.int().min(1),
    name: label,
    description: z.string().trim().max(2000).default(""),
    category: z.enum(CATEGORIES),
    fields: z.array(UseCaseFieldSchema).min(1).max(40),
    /** The system instructions; fixed text, never built from the fields. */
    instructions: z.string().trim().min(1).max(20_000),
    /** The user prompt, built from the fields. */
    template,
    output: z.strictObject({
      /** The answer's sections, in order. */
      sections: z.array(z.string().trim().min(1).max(200)).max(40).default([]),
    }),
    checks: z.array(UseCaseCheckSchema).max(40).default([]),
    grounding: z.enum(GROUNDING_MODES),
    baseline: UseCaseBaselineSchema,
    /** The least sovereign hosting class its requests may go to; absent: as the charter says. */
    sovereignty: z.enum(SOVEREIGNTY).optional(),
    requiresValidation: z.boolean().default(true),
  })
  .superRefine((definition, context) => {
    const ids = new Set<string>();
    definition.fields.forEach((field, index) => {
      if (ids.has(field.id))
        context.addIssue({
          code: "custom",
          path: ["fields", index, "id"],
          message: `champ en double : « ${field.id} »`,
        });
      ids.add(field.id);
    });
    const checkIds = new Set<string>();
    definition.checks.forEach((check, index) => {
      if (checkIds.has(check.id))
        context.addIssue({
          code: "custom",
          path: ["checks", index, "id"],
          message: `contrôle en double : « ${check.id} »`,
        });
      checkIds.add(check.id);
    });
    const unknownIn = (text: string, path: PropertyKey[]) => {
      let names: Set<string>;
      try {
        names = templateNames(parseTemplate(text));
      } catch {
        return; // already reported by the template's own refinement
      }
      for (const name of names)
        if (!ids.has(name))
          context.addIssue({
            code: "custom",
            path,
            message: `le modèle nomme un champ inconnu : « ${name} »`,
          });
    };
    unknownIn(definition.template, ["template"]);
    const { baseline } = definition;
    if (baseline.kind === "template" || baseline.kind === "checklist")
      unknownIn(baseline.template, ["baseline", "template"]);
    const named = (id: string | undefined, path: PropertyKey[]) => {
      if (id !== undefined && !ids.has(id))
        context.addIssue({
          code: "custom",
          path: ["baseline", ...path],
          message: `champ inconnu : « ${id} »`,
        });
    };
    switch (baseline.kind) {
      case "plain-language":
        named(baseline.field, ["field"]);
        named(baseline.audience, ["audience"]);
        break;
      case "minutes":
        if (baseline.notes === undefined && baseline.transcript === undefined)
          context.addIssue({
            code: "custom",
            path: ["baseline"],
            message: "indiquez le champ des notes (notes) ou de la transcription (transcript)",
          });
        for (const key of ["notes", "transcript", "date", "title", "participants"] as const)
          named(baseline[key], [key]);
        break;
      case "search":
        named(baseline.question, ["question"]);
        break;
      case "extractive-summary":
        baseline.fields.forEach((id, index) => {
          named(id, ["fields", index]);
        });
        named(baseline.title, ["title"]);
        break;
      case "watch":
        named(baseline.topics, ["topics"]);
        named(baseline.since, ["since"]);
        break;
      case "checklist":
        baseline.rules.forEach((rule, index) => {
          named(rule.field, ["rules", index, "field"]);
        });
        break;
    }
  });
export type UseCase = z.infer<typeof UseCaseSchema>;
