import { z } from "zod";
import { type RouteDefinition, route } from "../http/index.js";
import { reportCsp } from "./report.html.js";
import type { ReportFormat, ReportService } from "./report.service.js";

const Month = z.string().regex(/^\d{4}-\d{2}$/);
const Format = z.enum(["html", "pdf"]);

/** The report as sent: the HTML page's text, or the PDF's bytes. */
const ReportBody = z.union([
  z.string(),
  z.custom<Uint8Array>((value) => value instanceof Uint8Array, { message: "PDF bytes" }),
]);

/** Content type and file name of a report; the HTML with its own policy (its stylesheet by hash). */
function present(
  reply: { header(name: string, value: string): unknown },
  month: string,
  format: ReportFormat,
  content: string | Uint8Array,
) {
  const name = `beffroi-rapport-${month}.${format}`;
  if (format === "html") {
    reply.header("content-type", "text/html; charset=utf-8");
    reply.header("content-security-policy", reportCsp(String(content)));
    reply.header("content-disposition", `inline; filename="${name}"`);
  } else {
    reply.header("content-type", "application/pdf");
    reply.header("content-disposition", `attachment; filename="${name}"`);
  }
  return typeof content === "string" ? content : Buffer.from(content);
}

/**
 * The monthly report: composed on demand (same access as the observatory:
 * administrators and auditors, referents for their direction), and the
 * collectivité's reports kept once each month is over (readers of the audit
 * log: they cover every direction).
 */
export function reportRoutes(deps: { reports: ReportService }): RouteDefinition[] {
  const { reports } = deps;
  return [
    route({
      method: "GET",
      url: "/api/observatory/report",
      summary:
        "Rapport mensuel de l'observatoire (HTML ou PDF, en français) : chiffres clés, séries sur douze mois, cas d'usage, protection, verdicts des comparaisons, changements de la charte et des bases",
      tags: ["observatory"],
      access: "authenticated",
      query: z.object({
        month: Month,
        format: Format.default("html"),
        direction: z.string().min(1).max(100).optional(),
      }),
      response: ReportBody,
      contentType: "text/html",
      handler: async ({ principal, query, reply }) =>
        present(reply, query.month, query.format, await reports.render(principal, query)),
    }),
    route({
      method: "GET",
      url: "/api/observatory/reports",
      summary:
        "Rapports mensuels conservés (toute la collectivité), générés une fois chaque mois terminé",
      tags: ["observatory"],
      access: "audit:read",
      response: z.object({
        reports: z.array(z.object({ month: z.string(), generatedAt: z.string() })),
      }),
      handler: async () => ({ reports: await reports.list() }),
    }),
    route({
      method: "GET",
      url: "/api/observatory/reports/:month",
      summary: "Télécharger un rapport mensuel conservé (HTML ou PDF)",
      tags: ["observatory"],
      access: "audit:read",
      params: z.object({ month: Month }),
      query: z.object({ format: Format.default("pdf") }),
      response: ReportBody,
      contentType: "application/pdf",
      handler: async ({ params, query, reply }) =>
        present(reply, params.month, query.format, await reports.kept(params.month, query.format)),
    }),
  ];
}
