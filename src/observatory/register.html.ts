import { type MessageKey, type MessageParams, t } from "../i18n/index.js";
import type { RegisterService } from "./register.service.js";

export type RegisterData = Awaited<ReturnType<RegisterService["register"]>>;
type RegisterUseCase = RegisterData["useCases"][number];

/** Escapes a text for HTML content and attribute values: every value goes through it. */
export function escapeHtml(value: string | number): string {
  return String(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** A catalogue message, escaped, its parameters escaped as well (they are values). */
const text = (key: MessageKey, params: MessageParams = {}) => escapeHtml(t(key, params));

const decimal = (value: number, digits = 3) =>
  new Intl.NumberFormat("fr-FR", { maximumSignificantDigits: digits }).format(value);
const integer = (value: number) => new Intl.NumberFormat("fr-FR").format(value);
/** A date as French writes it: « 1er décembre 2026 », « 6 décembre 2026 ». */
const day = (iso: string) =>
  new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "UTC" })
    .format(new Date(iso))
    .replace(/^1 /, "1er ");
const month = (yearMonth: string) =>
  new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${yearMonth}-01T00:00:00.000Z`),
  );

const hosting = (value: string) => t(`register.hosting.${value}` as MessageKey);

/** The addresses the page links to: the same register as data, and the open data. */
export const REGISTER_LINKS = {
  stylesheet: "/registre.css",
  json: "/api/public/register",
  csv: "/api/public/opendata/usage.csv",
  schema: "/api/public/opendata/usage.schema.json",
};

/**
 * The register as a French HTML page a collectivité links from its website:
 * server-rendered, no script, one stylesheet from the same origin (the CSP
 * allows nothing inline), a heading and a table with its caption per use
 * case, printable. Every value is escaped.
 */
export function registerHtml(data: RegisterData, options: { openData: boolean }): string {
  const title = data.collectivite
    ? text("register.title_of", { name: data.collectivite })
    : text("register.title");
  const links = [
    `<li><a href="${REGISTER_LINKS.json}">${text("register.link.json")}</a></li>`,
    ...(options.openData
      ? [
          `<li><a href="${REGISTER_LINKS.csv}">${text("register.link.csv")}</a></li>`,
          `<li><a href="${REGISTER_LINKS.schema}">${text("register.link.schema")}</a></li>`,
        ]
      : []),
  ];
  const contents =
    data.useCases.length === 0
      ? `<p>${text("register.empty")}</p>`
      : `<nav aria-labelledby="sommaire"><h2 id="sommaire">${text("register.contents")}</h2><ol>${data.useCases
          .map((u) => `<li><a href="#${anchor(u.id)}">${escapeHtml(u.name)}</a></li>`)
          .join("")}</ol></nav>`;
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="${REGISTER_LINKS.stylesheet}">
</head>
<body>
<header>
<h1>${title}</h1>
<p>${text("register.intro")}</p>
<p>${text("register.generated", {
    date: day(data.generatedAt),
    from: month(data.period.from),
    to: month(data.period.to),
  })} ${text("register.threshold", { min: data.minAgents })}</p>
<p>${text("register.formats")}</p>
<ul>${links.join("")}</ul>
</header>
<main>
${contents}
${data.useCases.map((useCase) => useCaseSection(useCase, data.minAgents)).join("\n")}
</main>
<footer><p>${text("register.footer")}</p></footer>
</body>
</html>
`;
}

const anchor = (id: string) => `cas-${escapeHtml(id)}`;

function useCaseSection(useCase: RegisterUseCase, minAgents: number): string {
  const rows: [string, string][] = [
    [
      text("register.row.purpose"),
      `<p>${useCase.purpose ? escapeHtml(useCase.purpose) : text("register.no_purpose")}</p><p>${text(
        "register.category",
        { category: t(`charter.rules.category.${useCase.category}` as MessageKey) },
      )}</p>`,
    ],
    [text("register.row.models"), modelsCell(useCase)],
    [text("register.row.data"), dataCell(useCase)],
    [
      text("register.row.oversight"),
      `<p>${text(
        useCase.oversight.validationRequired
          ? "register.oversight.required"
          : "register.oversight.optional",
      )}</p>`,
    ],
    [text("register.row.verdicts"), verdictsCell(useCase)],
    [text("register.row.impact"), impactCell(useCase, minAgents)],
  ];
  const id = anchor(useCase.id);
  return `<section aria-labelledby="${id}">
<h2 id="${id}">${escapeHtml(useCase.name)}</h2>
<table>
<caption>${text("register.caption", { name: useCase.name, version: useCase.version })}</caption>
<tbody>
${rows.map(([head, cell]) => `<tr><th scope="row">${head}</th><td>${cell}</td></tr>`).join("\n")}
</tbody>
</table>
</section>`;
}

function modelsCell(useCase: RegisterUseCase): string {
  if (useCase.models.length === 0) return `<p>${text("register.models.none")}</p>`;
  const items = useCase.models.map(
    (model) =>
      `<li>${text("register.model", {
        model: model.label,
        ref: model.ref,
        provider: model.provider,
        hosting: hosting(model.hosting),
        country: model.country,
      })}${model.recommended ? ` <strong>${text("register.models.recommended")}</strong>` : ""}</li>`,
  );
  return `<ul>${items.join("")}</ul>`;
}

function dataCell(useCase: RegisterUseCase): string {
  const { personalDataFields, leastSovereignHosting } = useCase.data;
  const fields =
    personalDataFields.length === 0
      ? `<p>${text("register.data.no_fields")}</p>`
      : `<p>${text("register.data.fields")}</p><ul>${personalDataFields
          .map((label) => `<li>${escapeHtml(label)}</li>`)
          .join("")}</ul>`;
  const least = leastSovereignHosting
    ? text("register.data.hosting", { hosting: hosting(leastSovereignHosting) })
    : text("register.data.charter");
  return `${fields}<p>${least}</p><p>${text("register.data.guard")}</p>`;
}

function verdictsCell(useCase: RegisterUseCase): string {
  if (useCase.verdicts.length === 0) return `<p>${text("register.verdicts.none")}</p>`;
  return `<ul>${useCase.verdicts
    .map(
      (verdict) =>
        `<li><time datetime="${escapeHtml(verdict.date)}">${escapeHtml(day(verdict.date))}</time> : ${escapeHtml(verdict.text)}</li>`,
    )
    .join("")}</ul>`;
}

function impactCell(useCase: RegisterUseCase, minAgents: number): string {
  const { impact } = useCase;
  if (impact.hidden) return `<p>${text("register.impact.hidden", { min: minAgents })}</p>`;
  const range = (r: { min: number; max: number }) => ({ min: decimal(r.min), max: decimal(r.max) });
  return `<ul>
<li>${text("register.impact.turns", { turns: integer(impact.turns) })}</li>
<li>${text("register.impact.energy", range(impact.energyKwh))}</li>
<li>${text("register.impact.gwp", range(impact.gwpKgCo2e))}</li>
<li>${text("register.impact.water", range(impact.waterL))}</li>
</ul>`;
}

/** The page's stylesheet: readable on screen, tables ruled, links shown in print. */
export const REGISTER_CSS = `body{font-family:system-ui,-apple-system,"Segoe UI",Marianne,Arial,sans-serif;line-height:1.5;max-width:60rem;margin:0 auto;padding:1rem;color:#161616;background:#fff}
a{color:#000091}
a:focus{outline:3px solid #0a76f6;outline-offset:2px}
table{border-collapse:collapse;width:100%;margin:0 0 2rem}
caption{text-align:left;font-weight:bold;padding:.5rem 0}
th,td{border:1px solid #929292;padding:.5rem;vertical-align:top;text-align:left}
th{width:14rem;background:#f6f6f6}
td p{margin:0 0 .5rem}
td ul{margin:0;padding-left:1.25rem}
section{break-inside:auto}
@media print{body{max-width:none;padding:0;font-size:11pt}nav{display:none}a[href^="/"]::after{content:" (" attr(href) ")"}tr{break-inside:avoid}h2{break-after:avoid}}
`;
