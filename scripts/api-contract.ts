// The page's API contract, generated from the server's OpenAPI document: one
// type per route's answer, body, path and query parameters, and `ApiRoutes`,
// which maps "METHOD /url/:param" to them. The page calls the API only through
// `call()` (web/src/api/client.ts), typed by this map, so that a route or a
// field the server changes breaks the page's typecheck, not the page.
//
//   npm run api:contract          writes web/src/api/contract.gen.ts
//   test/api-contract.test.ts     fails when the committed file is not what this writes
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compile, type JSONSchema } from "json-schema-to-typescript";
import { createApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";

type Json = Record<string, unknown>;
type Parameter = { name: string; in: "path" | "query"; required: boolean; schema: Json };
type Operation = {
  operationId: string;
  parameters: Parameter[];
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { content?: Record<string, { schema: Json }> }>;
};

export const CONTRACT_FILE = fileURLToPath(
  new URL("../web/src/api/contract.gen.ts", import.meta.url),
);

/** The OpenAPI document of a server with every optional route on (OIDC sign-in). */
async function openApiDocument(): Promise<{ paths: Record<string, Record<string, Operation>> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "beffroi-contract-"));
  try {
    const config = loadConfig({
      env: {
        BEFFROI_DATA_DIR: dataDir,
        BEFFROI_LOG_LEVEL: "silent",
        BEFFROI_GUARD__VAULT_KEY: randomBytes(32).toString("base64"),
        BEFFROI_SERVER__PUBLIC_URL: "https://beffroi.invalid",
        BEFFROI_OIDC__ISSUER: "https://sso.invalid",
        BEFFROI_OIDC__CLIENT_ID: "contract",
        BEFFROI_OIDC__CLIENT_SECRET: "contract",
      },
      file: null,
    });
    const app = await createApp(config, { webRoot: null });
    try {
      return (await app.server.inject({ url: "/api/openapi.json" })).json();
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

/** One exported type, or undefined when there is nothing to type. */
async function typeOf(schema: Json | undefined, name: string): Promise<string | undefined> {
  if (!schema) return undefined;
  const source = await compile(schema as JSONSchema, name, {
    bannerComment: "",
    format: false,
    additionalProperties: false,
    declareExternallyReferenced: false,
  });
  // json-schema-to-typescript names the type after the schema's title when it has one.
  return source.replace(/^export (interface|type) \w+/m, (_, kind: string) =>
    kind === "interface" ? `export interface ${name}` : `export type ${name}`,
  );
}

function parametersSchema(parameters: Parameter[], where: "path" | "query"): Json | undefined {
  const chosen = parameters.filter((parameter) => parameter.in === where);
  if (chosen.length === 0) return undefined;
  return {
    type: "object",
    properties: Object.fromEntries(chosen.map((parameter) => [parameter.name, parameter.schema])),
    required: chosen.filter((parameter) => parameter.required).map((parameter) => parameter.name),
    additionalProperties: false,
  };
}

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Formats TypeScript with the project's Biome settings. */
function format(source: string): string {
  const biome = spawnSync(
    path.join(ROOT, "node_modules", ".bin", "biome"),
    ["format", "--stdin-file-path=web/src/api/contract.gen.ts"],
    { cwd: ROOT, input: source, encoding: "utf8" },
  );
  if (biome.status !== 0) throw new Error(`biome format: ${biome.stderr}`);
  return biome.stdout;
}

/** The contract's source, formatted as the project formats its code. */
export async function apiContract(): Promise<string> {
  const document = await openApiDocument();
  const declarations: string[] = [];
  const entries: string[] = [];
  for (const [openApiPath, operations] of Object.entries(document.paths)) {
    const url = openApiPath.replace(/\{(\w+)\}/g, ":$1");
    for (const [method, operation] of Object.entries(operations)) {
      const base = pascal(operation.operationId);
      const success = Object.entries(operation.responses).find(([status]) => /^2/.test(status));
      const content = success?.[1].content;
      const parts = {
        response: await typeOf(
          content?.["application/json"]?.schema ?? content?.["text/markdown"]?.schema,
          `${base}Response`,
        ),
        body: await typeOf(
          operation.requestBody?.content["application/json"]?.schema,
          `${base}Body`,
        ),
        params: await typeOf(parametersSchema(operation.parameters, "path"), `${base}Params`),
        query: await typeOf(parametersSchema(operation.parameters, "query"), `${base}Query`),
      };
      const fields = Object.entries(parts).map(([part, source]) => {
        if (source) declarations.push(source);
        const named = `${base}${pascal(part)}`;
        return `${part}: ${source ? named : "undefined"};`;
      });
      entries.push(`"${method.toUpperCase()} ${url}": { ${fields.join(" ")} };`);
    }
  }
  const source = [
    "// Generated by `npm run api:contract` from the server's OpenAPI document: do not edit.",
    "",
    "/** Every route of the API: its answer, body, path and query parameters. */",
    `export interface ApiRoutes { ${entries.join("\n")} }`,
    "",
    ...declarations,
  ].join("\n");
  return format(source);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(CONTRACT_FILE, await apiContract());
  console.log(`Contrat de l'API écrit dans ${path.relative(process.cwd(), CONTRACT_FILE)}`);
}
