import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { ConfigError, databaseUrl, loadConfig, maskConfig } from "./config.js";

const dir = () => mkdtempSync(path.join(tmpdir(), "beffroi-config-"));

describe("configuration", () => {
  it("has embedded defaults: SQLite in ./data, 127.0.0.1:8080", () => {
    const cwd = dir();
    const config = loadConfig({ env: {}, cwd });
    assert.equal(config.server.host, "127.0.0.1");
    assert.equal(config.server.port, 8080);
    assert.equal(config.dataDir, path.join(cwd, "data"));
    assert.equal(databaseUrl(config), `sqlite:${path.join(cwd, "data", "beffroi.db")}`);
    assert.equal(config.oidc, undefined);
  });

  it("reads beffroi.yaml, then lets BEFFROI_* variables override it", () => {
    const cwd = dir();
    writeFileSync(
      path.join(cwd, "beffroi.yaml"),
      "server:\n  port: 9000\n  host: 0.0.0.0\nsession:\n  idleTimeoutMinutes: 30\n",
    );
    const config = loadConfig({
      cwd,
      env: {
        BEFFROI_PORT: "9100",
        BEFFROI_DATABASE_URL: "postgres://beffroi:s3cret@db.internal:5432/beffroi",
        BEFFROI_SESSION__ABSOLUTE_TIMEOUT_HOURS: "8",
        BEFFROI_DATA_DIR: "/var/lib/beffroi",
      },
    });
    assert.equal(config.server.port, 9100);
    assert.equal(config.server.host, "0.0.0.0");
    assert.equal(config.session.idleTimeoutMinutes, 30);
    assert.equal(config.session.absoluteTimeoutHours, 8);
    assert.equal(config.dataDir, "/var/lib/beffroi");
    assert.equal(databaseUrl(config), "postgres://beffroi:s3cret@db.internal:5432/beffroi");
  });

  it("lists every problem at once, in French", () => {
    const cwd = dir();
    writeFileSync(
      path.join(cwd, "beffroi.yaml"),
      "server:\n  port: 99999\nlog:\n  level: bavard\n",
    );
    try {
      loadConfig({
        cwd,
        env: { BEFFROI_DATABASE_URL: "mysql://x", BEFFROI_SESSION__IDLE_TIMEOUT_MINUTES: "zéro" },
      });
      assert.fail("should have thrown");
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      const fields = error.problems.map((p) => p.split(" : ")[0]).sort();
      assert.deepEqual(fields, [
        "database.url",
        "log.level",
        "server.port",
        "session.idleTimeoutMinutes",
      ]);
      assert.match(error.message, /^Configuration invalide \(4 problème\(s\)\)/);
    }
  });

  it("says which file is not valid YAML", () => {
    const cwd = dir();
    const file = path.join(cwd, "autre.yaml");
    writeFileSync(file, "server: [\n");
    assert.throws(
      () => loadConfig({ cwd, env: {}, file }),
      (error: unknown) =>
        error instanceof ConfigError && /autre\.yaml n'est pas un YAML valide/.test(error.message),
    );
    assert.throws(
      () => loadConfig({ cwd, env: { BEFFROI_CONFIG: path.join(cwd, "absent.yaml") } }),
      ConfigError,
    );
  });

  it("reads the OIDC client secret from a file and masks secrets when shown", () => {
    const cwd = dir();
    writeFileSync(path.join(cwd, "secret.txt"), "le-secret-du-client\n");
    const config = loadConfig({
      cwd,
      env: {
        BEFFROI_OIDC__PROVIDER: "proconnect",
        BEFFROI_OIDC__ISSUER: "https://auth.agentconnect.gouv.fr/api/v2",
        BEFFROI_OIDC__CLIENT_ID: "beffroi",
        BEFFROI_OIDC__CLIENT_SECRET_FILE: "secret.txt",
        BEFFROI_PUBLIC_URL: "https://ia.ville.example",
        BEFFROI_DATABASE_URL: "postgres://beffroi:motdepasse@db:5432/beffroi",
      },
    });
    assert.equal(config.oidc?.clientSecret, "le-secret-du-client");
    assert.equal(config.oidc?.label, "ProConnect");
    assert.equal(config.oidc?.userinfoSigned, true);
    assert.match(config.oidc?.scopes ?? "", /usual_name/);
    const shown = JSON.stringify(maskConfig(config));
    assert.ok(!shown.includes("le-secret-du-client"));
    assert.ok(!shown.includes("motdepasse"));
    assert.match(shown, /postgres:\/\/beffroi:\*\*\*\*\*\*\*\*@db:5432/);
  });

  it("requires a redirect address for OIDC and a readable secret file", () => {
    const cwd = dir();
    assert.throws(
      () =>
        loadConfig({
          cwd,
          env: {
            BEFFROI_OIDC__ISSUER: "https://sso.ville.example/realms/agents",
            BEFFROI_OIDC__CLIENT_ID: "beffroi",
            BEFFROI_OIDC__CLIENT_SECRET_FILE: "absent.txt",
          },
        }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems.length === 2 &&
        error.problems.some((p) => p.startsWith("oidc.redirectUri")),
    );
  });
});
