import { type RouteDefinition, route } from "../http/index.js";
import { verificationMessage } from "./audit.messages.js";
import {
  AuditHeadSchema,
  AuditListQuery,
  AuditPageSchema,
  AuditVerificationSchema,
  AuditVerifyQuery,
} from "./audit.schema.js";
import type { AuditLog } from "./audit.service.js";

/** The audit log, for administrators and auditors (the DPO): read and verify, never write. */
export function auditRoutes(deps: { audit: AuditLog }): RouteDefinition[] {
  const { audit } = deps;
  return [
    route({
      method: "GET",
      url: "/api/audit",
      summary: "Journal d'audit des actions d'administration (les plus récentes d'abord)",
      tags: ["audit"],
      access: "audit:read",
      query: AuditListQuery,
      response: AuditPageSchema,
      handler: async ({ query }) =>
        audit.list({
          limit: query.limit,
          ...(query.before !== undefined && { before: query.before }),
        }),
    }),
    route({
      method: "GET",
      url: "/api/audit/verify",
      summary:
        "Vérifier l'intégrité du journal d'audit (premier maillon rompu ; ?anchor=N:EMPREINTE pour une tête conservée ailleurs)",
      tags: ["audit"],
      access: "audit:read",
      query: AuditVerifyQuery,
      response: AuditVerificationSchema,
      handler: async ({ query }) => {
        const result = await audit.verify(query.anchor ? { anchor: query.anchor } : {});
        return { ...result, message: verificationMessage(result) };
      },
    }),
    route({
      method: "GET",
      url: "/api/audit/head",
      summary:
        "Dernière entrée du journal d'audit (numéro et empreinte, à conserver hors de Beffroi)",
      tags: ["audit"],
      access: "audit:read",
      response: AuditHeadSchema,
      handler: async () => audit.head(),
    }),
  ];
}
