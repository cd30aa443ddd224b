/**
 * A small Table Schema validator (https://specs.frictionlessdata.io/table-schema/)
 * for what Beffroi's open data uses: field names and order, `required`,
 * types `yearmonth`, `string`, `integer` and `number`, `enum` and `minimum`;
 * and an RFC 4180 CSV reader, strict about quotes and line ends.
 */

export interface TableField {
  name: string;
  title?: string;
  description?: string;
  type: string;
  constraints?: { required?: boolean; enum?: string[]; minimum?: number };
}

export interface TableSchema {
  fields: TableField[];
  missingValues?: string[];
}

/** Reads RFC 4180 CSV: CRLF line ends, quoted cells with doubled quotes; throws on anything else. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  let wasQuoted = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      cell += c;
      i += 1;
      continue;
    }
    if (c === '"') {
      if (cell !== "" || wasQuoted) throw new Error(`quote inside an unquoted cell at ${i}`);
      quoted = true;
      wasQuoted = true;
      i += 1;
    } else if (c === ",") {
      row.push(cell);
      cell = "";
      wasQuoted = false;
      i += 1;
    } else if (c === "\r") {
      if (text[i + 1] !== "\n") throw new Error(`bare CR at ${i}`);
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      wasQuoted = false;
      i += 2;
    } else if (c === "\n") {
      throw new Error(`bare LF at ${i}: RFC 4180 ends lines with CRLF`);
    } else {
      if (wasQuoted) throw new Error(`text after a closing quote at ${i}`);
      cell += c;
      i += 1;
    }
  }
  if (quoted) throw new Error("unterminated quoted cell");
  if (cell !== "" || row.length > 0) throw new Error("the last line has no CRLF");
  return rows;
}

const YEARMONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$|^(NaN|INF|-INF)$/;

/**
 * The problems of a table (a header line, then rows) against a schema: one
 * sentence each, with its row (1 is the first after the header) and field.
 */
export function validateTable(schema: TableSchema, table: string[][]): string[] {
  const problems: string[] = [];
  const [header, ...rows] = table;
  const names = schema.fields.map((field) => field.name);
  if (!header || header.join(",") !== names.join(","))
    problems.push(`header ${header?.join(",")} is not ${names.join(",")}`);
  const missing = new Set(schema.missingValues ?? [""]);
  rows.forEach((row, index) => {
    const at = `row ${index + 1}`;
    if (row.length !== names.length) {
      problems.push(`${at}: ${row.length} cells for ${names.length} fields`);
      return;
    }
    schema.fields.forEach((field, column) => {
      const value = row[column] as string;
      const where = `${at}, ${field.name}`;
      if (missing.has(value)) {
        if (field.constraints?.required) problems.push(`${where}: required, missing`);
        return;
      }
      let number: number | null = null;
      switch (field.type) {
        case "yearmonth":
          if (!YEARMONTH.test(value)) problems.push(`${where}: ${value} is not a yearmonth`);
          break;
        case "integer":
          if (!INTEGER.test(value)) problems.push(`${where}: ${value} is not an integer`);
          else number = Number(value);
          break;
        case "number":
          if (!NUMBER.test(value)) problems.push(`${where}: ${value} is not a number`);
          else number = Number(value);
          break;
        case "string":
          break;
        default:
          problems.push(`${where}: type ${field.type} is not supported by this validator`);
      }
      const { enum: allowed, minimum } = field.constraints ?? {};
      if (allowed && !allowed.includes(value))
        problems.push(`${where}: ${value} is not one of ${allowed.join(", ")}`);
      if (minimum !== undefined && number !== null && number < minimum)
        problems.push(`${where}: ${value} is under ${minimum}`);
    });
  });
  return problems;
}
