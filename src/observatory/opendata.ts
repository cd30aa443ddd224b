import { DATA_CLASSES } from "../guard/index.js";
import { type MessageKey, t } from "../i18n/index.js";
import { SOVEREIGNTY } from "../providers/index.js";
import { csvText } from "../shared/csv.js";

/** What a subject of the open data is: a use case, an assistant, or a conversation with neither. */
export const SUBJECT_KINDS = ["cas_usage", "assistant", "conversation"] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** One published row: a month's figures for a subject, a model, its hosting and a data class. */
export interface OpenDataRow {
  month: string;
  subjectKind: SubjectKind;
  subject: string;
  model: string;
  hosting: string;
  dataClass: string;
  turns: number;
  refused: number;
  energyKwh: { min: number; max: number };
  gwpKgCo2e: { min: number; max: number };
  waterL: { min: number; max: number };
  minutesSaved: number;
}

type FieldType = "yearmonth" | "string" | "integer" | "number";

interface Column {
  name: string;
  type: FieldType;
  required?: boolean;
  enum?: readonly string[];
  minimum?: number;
  value: (row: OpenDataRow) => string | number;
}

/** The columns, in order: names as data.gouv.fr prefers them (lower case, no accent). */
const COLUMNS: Column[] = [
  { name: "mois", type: "yearmonth", required: true, value: (r) => r.month },
  {
    name: "type_sujet",
    type: "string",
    required: true,
    enum: SUBJECT_KINDS,
    value: (r) => r.subjectKind,
  },
  { name: "sujet", type: "string", value: (r) => r.subject },
  { name: "modele", type: "string", value: (r) => r.model },
  { name: "hebergement", type: "string", enum: SOVEREIGNTY, value: (r) => r.hosting },
  {
    name: "classe_donnees",
    type: "string",
    required: true,
    enum: DATA_CLASSES,
    value: (r) => r.dataClass,
  },
  { name: "demandes", type: "integer", required: true, minimum: 0, value: (r) => r.turns },
  { name: "refusees", type: "integer", required: true, minimum: 0, value: (r) => r.refused },
  ...(
    [
      ["energie_kwh", (r: OpenDataRow) => r.energyKwh],
      ["co2e_kg", (r: OpenDataRow) => r.gwpKgCo2e],
      ["eau_l", (r: OpenDataRow) => r.waterL],
    ] as const
  ).flatMap(([stem, range]): Column[] => [
    {
      name: `${stem}_min`,
      type: "number",
      required: true,
      minimum: 0,
      value: (r) => rounded(range(r).min),
    },
    {
      name: `${stem}_max`,
      type: "number",
      required: true,
      minimum: 0,
      value: (r) => rounded(range(r).max),
    },
  ]),
  {
    name: "minutes_gagnees",
    type: "number",
    required: true,
    minimum: 0,
    value: (r) => rounded(r.minutesSaved),
  },
];

/** Figures to nine significant digits: what the estimate means, without float noise. */
const rounded = (value: number) => Number(value.toPrecision(9));

/**
 * The open data's Table Schema (https://specs.frictionlessdata.io/table-schema/),
 * each column titled and described in French, ready for data.gouv.fr.
 */
export function usageTableSchema(minAgents: number) {
  return {
    $schema: "https://specs.frictionlessdata.io/schemas/table-schema.json",
    name: "beffroi-usages-mensuels",
    title: t("opendata.schema.title"),
    description: t("opendata.schema.description", { min: minAgents }),
    fields: COLUMNS.map((column) => ({
      name: column.name,
      title: t(`opendata.${column.name}` as MessageKey),
      description: t(`opendata.${column.name}.description` as MessageKey),
      type: column.type,
      ...(column.type === "number" && { decimalChar: "." }),
      constraints: {
        required: column.required ?? false,
        ...(column.enum && { enum: [...column.enum] }),
        ...(column.minimum !== undefined && { minimum: column.minimum }),
      },
    })),
    missingValues: [""],
    primaryKey: ["mois", "type_sujet", "sujet", "modele", "hebergement", "classe_donnees"],
  };
}

/** The rows as RFC 4180 CSV: a header line, CRLF line ends, UTF-8 (the caller sends it so). */
export function usageCsv(rows: readonly OpenDataRow[]): string {
  return csvText([
    COLUMNS.map((column) => column.name),
    ...rows.map((row) => COLUMNS.map((column) => column.value(row))),
  ]);
}
