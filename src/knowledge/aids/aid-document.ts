import { hasMessage, type MessageKey, t } from "../../i18n/index.js";
import type { AidScheme } from "./aid-file.js";
import { describeCondition } from "./conditions.js";

/** Where a scheme's document lives in its base: one file per scheme, named by its id. */
export const aidFileName = (schemeId: string) => `aides/${schemeId}.md`;

/** Characters that open markup somewhere in a line (emphasis, links, code, HTML, headings, tables, quotes). */
const MARKUP = /[&<>\\`*_[\]#|~!]/g;

const entity = (character: string) => `&#${character.charCodeAt(0)};`;

/**
 * Text from the file, made inert as Markdown: every character that could open
 * markup is written as an HTML entity (a list marker or a numbered item at
 * the start of a line too), which the Markdown parser decodes last, after the
 * markup is read. A description cannot forge a heading or a link in the
 * scheme's document, and reads back exactly as it was.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(MARKUP, entity)
    .replace(/^[-+=]/, entity)
    .replace(/^(\d+)([.)])/, (_, digits: string, mark: string) => `${digits}${entity(mark)}`);
}

const number = (value: number) => new Intl.NumberFormat("fr-FR").format(value);

function amountLine(scheme: AidScheme): string {
  if (scheme.amount === null) return t("aids.document.amount_unknown");
  const periodicity = scheme.periodicity ?? "";
  const key = `aids.periodicity.${periodicity}`;
  const when = hasMessage(key) ? t(key as MessageKey) : periodicity;
  return [number(scheme.amount), scheme.unit, when].filter(Boolean).join(" ");
}

/**
 * A scheme as a Markdown document of its base: the title as its heading,
 * the institution, the description, the conditions (structured ones in
 * French, then the written ones), the amount and the link. It is ingested
 * like any document (personal-data scan, passages, search, citations).
 */
export function aidDocument(scheme: AidScheme): { fileName: string; bytes: Uint8Array } {
  const conditions = [
    ...scheme.conditions.general.map(describeCondition),
    ...scheme.conditions.text,
  ];
  const lines = [
    `# ${escapeMarkdown(scheme.title)}`,
    escapeMarkdown(t("aids.document.institution", { institution: scheme.institution })),
    ...scheme.description.map(escapeMarkdown),
  ];
  if (conditions.length > 0) {
    lines.push(
      `## ${t("aids.document.conditions")}`,
      conditions.map((condition) => `- ${escapeMarkdown(condition)}`).join("\n"),
    );
  }
  lines.push(`## ${t("aids.document.amount")}`, escapeMarkdown(amountLine(scheme)));
  if (scheme.link) lines.push(`## ${t("aids.document.link")}`, escapeMarkdown(scheme.link));
  return {
    fileName: aidFileName(scheme.id),
    bytes: new TextEncoder().encode(`${lines.join("\n\n")}\n`),
  };
}
