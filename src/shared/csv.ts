/**
 * A CSV cell (RFC 4180): quoted when it holds a comma, a semicolon (the
 * separator French spreadsheets read), a quote or a line break; a text that
 * a spreadsheet would read as a formula (=, +, -, @, a tab or a carriage
 * return first) starts with an apostrophe instead. Numbers are written as
 * they are (a negative number is no formula).
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  const safe = typeof value === "string" && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Lines of cells as RFC 4180 CSV: a header line first, CRLF line ends (UTF-8 when sent). */
export function csvText(lines: readonly (readonly (string | number | null)[])[]): string {
  return `${lines.map((cells) => cells.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
