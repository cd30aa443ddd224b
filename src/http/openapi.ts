import { z } from "zod";
import type { RouteDefinition } from "./route.js";

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
  }) as JsonSchema;
  return rest;
};

function parameters(schema: z.ZodType | undefined, where: "path" | "query"): JsonSchema[] {
  if (!schema) return [];
  const json = toSchema(schema, "input");
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name: name === "*" ? WILDCARD : name,
    in: where,
    required: where === "path" || required.has(name),
    schema: property,
    ...(typeof property.description === "string" && { description: property.description }),
  }));
}

/** The name OpenAPI gives a route's trailing wildcard. */
const WILDCARD = "path";

const ERROR_RESPONSE = { $ref: "#/components/responses/Error" };

/** The OpenAPI 3.1 document, derived from the same route declarations the server runs. */
export function openApiDocument(routes: RouteDefinition[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    // A trailing wildcard (`/v1/models/*`) is a parameter that may hold slashes: `{path}`.
    const path = route.url.replace(/:(\w+)/g, "{$1}").replace(/\*$/, `{${WILDCARD}}`);
    const status = String(route.status ?? 200);
    const operation: JsonSchema = {
      summary: route.summary,
      tags: route.tags,
      operationId: `${route.method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase())}`,
      parameters: [...parameters(route.params, "path"), ...parameters(route.query, "query")],
      responses: {
        [status]: {
          description: "Succès",
          ...(route.response &&
            status !== "204" && {
              content: {
                [route.contentType ?? "application/json"]: {
                  schema: toSchema(route.response, "output"),
                },
                ...(route.eventStream && {
                  "text/event-stream": { schema: { type: "string" } },
                }),
              },
            }),
        },
        "4XX": ERROR_RESPONSE,
        "5XX": ERROR_RESPONSE,
      },
      security: route.access === "public" ? [] : [{ session: [] }, { apiKey: [] }],
      ...(route.access !== "public" &&
        route.access !== "authenticated" && { "x-beffroi-permission": route.access }),
    };
    if (route.body) {
      operation.requestBody = {
        required: true,
        content: { "application/json": { schema: toSchema(route.body, "input") } },
      };
    }
    paths[path] ??= {};
    (paths[path] as Record<string, JsonSchema>)[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Beffroi API",
      version,
      description:
        "API de Beffroi. Authentification par session (cookie beffroi_session et en-tête X-CSRF-Token pour les écritures) ou par clé d'API (Authorization: Bearer bfr_…).",
    },
    paths,
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "beffroi_session" },
        apiKey: { type: "http", scheme: "bearer", description: "Clé d'API Beffroi (bfr_…)" },
      },
      responses: {
        Error: {
          description: "Erreur, avec un code stable et un message en français",
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["error"],
                properties: {
                  error: {
                    type: "object",
                    required: ["code", "message"],
                    properties: {
                      code: { type: "string" },
                      message: { type: "string" },
                      details: {},
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}
