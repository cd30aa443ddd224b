/**
 * What the HTTP gate costs per request: resolving a session cookie or an API
 * key, the per-principal rate-limit counter and validation, against the
 * baseline of /healthz (same server, same run, no gate). Prints requests per
 * second and the ratio to the baseline, on SQLite and, when reachable, PostgreSQL.
 */
import { createApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import type { Dialect } from "../src/store/index.js";
import { freshLocation, postgresSkip } from "../test/support/stores.js";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);

async function measure(
  label: string,
  send: () => Promise<{ statusCode: number }>,
): Promise<number> {
  for (let i = 0; i < 200; i += 1) await send(); // warm-up
  const started = process.hrtime.bigint();
  for (let i = 0; i < REQUESTS; i += 1) {
    const response = await send();
    if (response.statusCode !== 200) throw new Error(`${label}: status ${response.statusCode}`);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return REQUESTS / seconds;
}

async function benchDialect(dialect: Dialect): Promise<void> {
  const location = freshLocation(dialect);
  const config = loadConfig({
    env: {
      BEFFROI_DATA_DIR: location.dataDir,
      BEFFROI_DATABASE_URL: location.url,
      BEFFROI_LOG_LEVEL: "silent",
      BEFFROI_GUARD__VAULT_KEY: Buffer.alloc(32, 7).toString("base64"),
      BEFFROI_RATE_LIMIT__REQUESTS_PER_MINUTE: String(REQUESTS * 10),
    },
    file: null,
  });
  const app = await createApp(config, { store: { schema: location.schema } });
  try {
    const user = await app.services.users.create({
      email: "bench@ville.example",
      displayName: "Bench",
      roles: ["agent"],
      password: "mot de passe de mesure",
    });
    const session = await app.services.auth.startSession(user.id, "password");
    const { token } = await app.services.apiKeys.create(user.id, {
      name: "bench",
      scopes: ["chat"],
    });
    const inject = (url: string, headers: Record<string, string>) => () =>
      app.server.inject({ method: "GET", url, headers });

    const baseline = await measure("healthz", inject("/healthz", {}));
    const bySession = await measure(
      "session",
      inject("/api/directions", { cookie: `beffroi_session=${session.token}` }),
    );
    const byKey = await measure(
      "api key",
      inject("/api/directions", { authorization: `Bearer ${token}` }),
    );
    const line = (label: string, rate: number) =>
      console.log(
        `${dialect.padEnd(8)} ${label.padEnd(34)} ${rate.toFixed(0).padStart(7)} req/s  ratio ${(rate / baseline).toFixed(3)}`,
      );
    line("baseline GET /healthz (no gate)", baseline);
    line("GET /api/directions, session", bySession);
    line("GET /api/directions, API key", byKey);
  } finally {
    await app.close();
    await location.cleanup();
  }
}

export async function run(): Promise<void> {
  console.log(
    `${REQUESTS} sequential requests through fastify.inject(), after 200 warm-up requests`,
  );
  for (const dialect of ["sqlite", "postgres"] as const) {
    const skip = await postgresSkip(dialect);
    if (skip) console.log(`${dialect}: skipped (${skip})`);
    else await benchDialect(dialect);
  }
}
