import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { after, before, describe, it } from "node:test";
import { type App, createApp } from "../../src/app.js";
import { call, login, PASSWORD, seedUser } from "../support/apps.js";
import { freshLocation, testConfig } from "../support/stores.js";

describe("what the logs hold", () => {
  const location = freshLocation("sqlite");
  const stream = new PassThrough();
  let logs = "";
  stream.on("data", (chunk) => {
    logs += chunk;
  });
  let app: App;
  before(async () => {
    app = await createApp(testConfig(location, { BEFFROI_LOG_LEVEL: "info" }), {
      logStream: stream,
    });
  });
  after(async () => {
    await app.close();
    await location.cleanup();
  });

  it("logs one line per request with route, status and duration, and never personal data or secrets", async () => {
    await seedUser(app, "jeanne.dupont@ville.example", ["admin"]);
    await call(app, "POST", "/api/auth/login", undefined, {
      email: "jeanne.dupont@ville.example",
      password: "mauvais mot de passe",
    });
    const session = await login(app, "jeanne.dupont@ville.example");
    await call(app, "GET", "/api/users?email=jeanne.dupont@ville.example", session);
    await call(app, "POST", "/api/users", session, {
      email: "paul.durand@ville.example",
      displayName: "Paul Durand",
      password: PASSWORD,
    });
    const key = (
      await call(app, "POST", "/api/api-keys", session, { name: "k", scopes: ["chat"] })
    ).json().token;
    await call(app, "GET", "/api/auth/session", { apiKey: key });
    await call(app, "GET", "/api/auth/session", { apiKey: "bfr_faux-jeton-secret" });

    const lines = logs
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const completed = lines.filter((line) => line.msg === "request-completed");
    assert.ok(completed.length >= 7);
    assert.ok(
      completed.some(
        (line) =>
          line.route === "/api/users" && line.status === 200 && typeof line.durationMs === "number",
      ),
    );
    for (const needle of [
      "jeanne",
      "dupont",
      "paul",
      "Durand",
      PASSWORD,
      "mauvais",
      key,
      "faux-jeton",
      session.csrf,
      session.cookie.split("=")[1],
    ]) {
      assert.ok(!logs.includes(needle as string), `logs must not contain ${needle}`);
    }
  });

  it("answers an internal failure with the request id only, and logs no request data", async () => {
    const session = await login(app, "jeanne.dupont@ville.example");
    await app.store.db.schema.dropTable("user_roles").execute();
    const response = await call(app, "GET", "/api/users?q=jeanne", session);
    assert.equal(response.statusCode, 500);
    const body = response.json();
    assert.equal(body.error.code, "internal");
    assert.ok(body.error.message.includes(String(response.headers["x-request-id"])));
    assert.doesNotMatch(response.body, /user_roles|sqlite|\.ts:\d+/i);
    assert.match(logs, /request-failed/);
    assert.ok(!logs.includes("q=jeanne"));
  });
});
