import { PassThrough } from "node:stream";
import { after, before } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { type App, createApp } from "../../src/app.js";
import type { Role } from "../../src/identity/index.js";
import type { Model, ProviderInput } from "../../src/providers/index.js";
import { ManualClock } from "../../src/shared/clock.js";
import type { Dialect } from "../../src/store/index.js";
import { describeEachDialect, freshLocation, testConfig } from "./stores.js";

export const PASSWORD = "mot de passe de test";

export interface TestApp {
  app: App;
  clock: ManualClock;
  dialect: Dialect;
  /** What the app logged so far (nothing unless BEFFROI_LOG_LEVEL is set in the suite's env). */
  logs(): string;
}

/** Runs `suite` once per dialect against a whole Beffroi app (real store, HTTP through inject()). */
export function describeApps(
  name: string,
  suite: (get: () => TestApp) => void,
  env: Record<string, string> = {},
): void {
  describeEachDialect(name, (dialect) => {
    const location = freshLocation(dialect);
    let current: TestApp | undefined;
    before(async () => {
      const clock = new ManualClock();
      const logStream = new PassThrough();
      let logs = "";
      logStream.on("data", (chunk) => {
        logs += chunk;
      });
      const app = await createApp(testConfig(location, env), {
        clock,
        store: { schema: location.schema, poolSize: 4 },
        logStream,
      });
      current = { app, clock, dialect, logs: () => logs };
    });
    after(async () => {
      await current?.app.close();
      await location.cleanup();
    });
    suite(() => {
      if (!current) throw new Error("app not ready");
      return current;
    });
  });
}

/** Creates a user directly through the service, as an administrator would, who has accepted the current charter (unless told not to). */
export async function seedUser(
  app: App,
  email: string,
  roles: Role[],
  directionPath?: string,
  options: { acceptCharter?: boolean } = {},
) {
  const direction = directionPath
    ? ((await app.services.directions.find(directionPath)) ??
      (await app.services.directions.add(directionPath)))
    : undefined;
  const user = await app.services.users.create({
    email,
    displayName: email.split("@")[0] ?? email,
    roles,
    password: PASSWORD,
    directionId: direction?.id ?? null,
  });
  if (options.acceptCharter !== false) await app.services.charter.accept(user.id);
  return user;
}

export interface Session {
  cookie: string;
  csrf: string;
}

/**
 * The usual administrator (DSI), seeded as {@link seedUser} does (the charter
 * accepted) and signed in.
 */
export async function seedAdmin(app: App, email = "dsi@ville.example"): Promise<Session> {
  await seedUser(app, email, ["admin"], "DSI");
  return login(app, email);
}

/**
 * The usual cast of a chat test: an administrator (DSI) and an agent of the
 * CCAS, both signed in and having accepted the charter, the agent with an
 * API key for `/v1`.
 */
export async function seedAdminAndAgent(
  app: App,
): Promise<{ admin: Session; agent: Session; key: string; agentId: string }> {
  const admin = await seedAdmin(app);
  const user = await seedUser(app, "agent@ville.example", ["agent"], "CCAS");
  const key = (await app.services.apiKeys.create(user.id, { name: "script", scopes: ["chat"] }))
    .token;
  return { admin, agent: await login(app, "agent@ville.example"), key, agentId: user.id };
}

/**
 * A provider as `POST /api/providers` takes it: its whole list of `models`,
 * or, without one, the single model `test-model` (with these `capabilities`).
 */
export type NewProvider = Omit<ProviderInput, "models"> & { apiKey?: string } & (
    | { models: ProviderInput["models"]; capabilities?: never }
    | { models?: never; capabilities?: Model["capabilities"] }
  );

/** Registers a provider through the administration API (asserting it was created). */
export async function addProvider(app: App, admin: Session, provider: NewProvider): Promise<void> {
  const { capabilities, models, ...rest } = provider;
  const created = await call(app, "POST", "/api/providers", admin, {
    ...rest,
    models: models ?? [{ id: "test-model", ...(capabilities && { capabilities }) }],
  });
  if (created.statusCode !== 201) {
    throw new Error(`provider not created: ${created.statusCode} ${created.body}`);
  }
}

/** Logs in through the API and keeps the cookie and CSRF token a browser would. */
export async function login(app: App, email: string, password = PASSWORD): Promise<Session> {
  const response = await app.server.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const cookie = sessionCookie(response);
  return { cookie, csrf: response.json().csrfToken };
}

export function sessionCookie(response: LightMyRequestResponse): string {
  const header = response.headers["set-cookie"];
  const value = (Array.isArray(header) ? header : [header]).find((c) =>
    c?.startsWith("beffroi_session="),
  );
  if (!value) throw new Error("no session cookie");
  return value.split(";")[0] as string;
}

type Auth = Session | { apiKey: string } | undefined;

/** A request as a signed-in browser (cookie + CSRF header) or a script (bearer key) sends it. */
export function call(app: App, method: string, url: string, auth?: Auth, payload?: unknown) {
  const headers: Record<string, string> = {};
  if (auth && "cookie" in auth) {
    headers.cookie = auth.cookie;
    headers["x-csrf-token"] = auth.csrf;
  }
  if (auth && "apiKey" in auth) headers.authorization = `Bearer ${auth.apiKey}`;
  return app.server.inject({
    method: method as "GET",
    url,
    headers,
    ...(payload !== undefined && { payload: payload as Record<string, unknown> }),
  });
}

/**
 * The same request as {@link call}, over real HTTP to a listening app (`base`
 * from `app.server.listen`): for streamed answers, cancellation and load.
 */
export function post(
  base: string,
  url: string,
  auth: Auth,
  payload: unknown,
  options: { stream?: boolean; signal?: AbortSignal } = {},
): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (auth && "cookie" in auth) {
    headers.cookie = auth.cookie;
    headers["x-csrf-token"] = auth.csrf;
  }
  if (auth && "apiKey" in auth) headers.authorization = `Bearer ${auth.apiKey}`;
  if (options.stream) headers.accept = "text/event-stream";
  return fetch(`${base}${url}`, {
    method: "POST",
    headers,
    body: JSON.stringify(payload),
    ...(options.signal && { signal: options.signal }),
  });
}

/** Reads a server-sent event stream to its end: the events, by name, in order. */
export async function sseEvents(response: Response): Promise<{ event: string; data: unknown }[]> {
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((block) => block.trim())
    .map((block) => {
      const event = /^event: (.+)$/m.exec(block)?.[1] ?? "";
      const data = JSON.parse(/^data: (.+)$/m.exec(block)?.[1] ?? "null");
      return { event, data };
    });
}

/**
 * Asks `/healthz` on a listening server every 10 ms while `work` runs; each
 * wait runs from when the question was due to when its answer came, so that
 * a stall that starts between two questions counts as much as one that holds
 * a question up. Returns the waits, in milliseconds.
 */
export async function healthWhile(base: string, work: () => Promise<void>): Promise<number[]> {
  let working = true;
  const waits: number[] = [];
  const polling = (async () => {
    while (working) {
      const due = performance.now() + 10;
      await new Promise((resolve) => setTimeout(resolve, 10));
      const response = await fetch(`${base}/healthz`);
      if (response.status !== 200) throw new Error(`/healthz answered ${response.status}`);
      await response.body?.cancel();
      waits.push(performance.now() - due);
    }
  })();
  try {
    await work();
  } finally {
    working = false;
    await polling;
  }
  return waits;
}

/**
 * What an outside tool is given to call `/v1`: an agent of the reception desk
 * with an API key (scope `chat`), and the app listening on loopback.
 */
export async function apiAgent(app: App): Promise<{ key: string; base: string }> {
  const agent = await seedUser(app, "agent@ville.example", ["agent"], "Accueil");
  const { token } = await app.services.apiKeys.create(agent.id, {
    name: "outil",
    scopes: ["chat"],
  });
  return { key: token, base: await app.server.listen({ host: "127.0.0.1", port: 0 }) };
}
