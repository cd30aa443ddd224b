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

  it("keeps the origins whose links an answer may hold, from a list or a variable, and refuses what is not an address", () => {
    const cwd = dir();
    assert.deepEqual(loadConfig({ env: {}, cwd }).answers.allowedOrigins, []);
    const config = loadConfig({
      cwd,
      env: {
        BEFFROI_ANSWERS__ALLOWED_ORIGINS:
          "https://www.service-public.fr/particuliers, https://www.legifrance.gouv.fr",
      },
    });
    assert.deepEqual(config.answers.allowedOrigins, [
      "https://www.service-public.fr",
      "https://www.legifrance.gouv.fr",
    ]);
    assert.throws(
      () => loadConfig({ cwd, env: { BEFFROI_ANSWERS__ALLOWED_ORIGINS: "service-public" } }),
      (error: unknown) =>
        error instanceof ConfigError && /answers\.allowedOrigins/.test(error.message),
    );
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
  });

  it("says that a named configuration file does not exist, rather than a YAML error", () => {
    const cwd = dir();
    const absent = path.join(cwd, "absent.yaml");
    for (const options of [{ file: absent }, { env: { BEFFROI_CONFIG: absent } }]) {
      assert.throws(
        () => loadConfig({ cwd, env: {}, ...options }),
        (error: unknown) =>
          error instanceof ConfigError &&
          error.problems.length === 1 &&
          error.problems[0] === `Fichier de configuration introuvable : ${absent}`,
      );
    }
  });

  it("refuses a file whose top level is not a set of keys", () => {
    const cwd = dir();
    for (const content of ["- server\n- port\n", "juste du texte\n", "8080\n"]) {
      writeFileSync(path.join(cwd, "beffroi.yaml"), content);
      assert.throws(
        () => loadConfig({ cwd, env: {} }),
        (error: unknown) =>
          error instanceof ConfigError &&
          /doit contenir des clés de configuration/.test(error.message),
        content,
      );
    }
    writeFileSync(path.join(cwd, "beffroi.yaml"), "# rien pour l'instant\n");
    assert.equal(
      loadConfig({ cwd, env: {} }).server.port,
      8080,
      "an empty file is no configuration",
    );
  });

  it("reports unknown keys and unknown BEFFROI_* variables by name", () => {
    const cwd = dir();
    writeFileSync(
      path.join(cwd, "beffroi.yaml"),
      "server:\n  prot: 9000\nsesion:\n  idleTimeoutMinutes: 30\n",
    );
    try {
      loadConfig({
        cwd,
        env: {
          BEFFROI_PROT: "9000",
          BEFFROI_SESSION__IDLE_TIMEOUT: "30",
          BEFFROI_OIDC__ISSUER: "https://sso.ville.example",
          BEFFROI_OIDC__CLIENT_ID: "beffroi",
          BEFFROI_OIDC__REDIRECT_URI: "https://ia.ville.example/api/auth/oidc/callback",
          BEFFROI_OIDC__CLIENTID: "beffroi",
          BEFFROI_CONFIG: "",
          BEFFROI_TEST_POSTGRES_URL: "postgres://ailleurs/test",
        },
      });
      assert.fail("should have thrown");
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual([...error.problems].sort(), [
        "BEFFROI_OIDC__CLIENTID : variable inconnue (voir la référence de configuration dans le README)",
        "BEFFROI_PROT : variable inconnue (voir la référence de configuration dans le README)",
        "BEFFROI_SESSION__IDLE_TIMEOUT : variable inconnue (voir la référence de configuration dans le README)",
        "server.prot : clé inconnue (voir la référence de configuration dans le README)",
        "sesion : clé inconnue (voir la référence de configuration dans le README)",
      ]);
    }
  });

  it("treats an empty variable as unset", () => {
    const config = loadConfig({
      cwd: dir(),
      env: { BEFFROI_PORT: "", BEFFROI_DATABASE_URL: "", BEFFROI_CONFIG: "" },
    });
    assert.equal(config.server.port, 8080);
    assert.equal(config.database.url, undefined);
  });

  it("takes trustProxy as a boolean, a hop count or the proxies' addresses", () => {
    const trust = (value: string) =>
      loadConfig({ cwd: dir(), env: { BEFFROI_SERVER__TRUST_PROXY: value } }).server.trustProxy;
    assert.equal(loadConfig({ cwd: dir(), env: {} }).server.trustProxy, false);
    assert.equal(trust("true"), true);
    assert.equal(trust("false"), false);
    assert.equal(trust("2"), 2);
    assert.deepEqual(trust("127.0.0.1"), ["127.0.0.1"]);
    assert.deepEqual(trust("10.0.0.5, 10.1.0.0/16,::1, loopback"), [
      "10.0.0.5",
      "10.1.0.0/16",
      "::1",
      "loopback",
    ]);
    const cwd = dir();
    writeFileSync(
      path.join(cwd, "beffroi.yaml"),
      "server:\n  trustProxy: [192.168.1.10, fd00::/8]\n",
    );
    assert.deepEqual(loadConfig({ cwd, env: {} }).server.trustProxy, ["192.168.1.10", "fd00::/8"]);
    for (const bad of ["proxy.ville.example", "10.0.0.0/33", "oui"]) {
      assert.throws(
        () => trust(bad),
        (error: unknown) =>
          error instanceof ConfigError &&
          error.problems.some((p) => p.startsWith("server.trustProxy")),
        bad,
      );
    }
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
    assert.equal(
      config.oidc?.trustEmail,
      true,
      "ProConnect's addresses come from the agents' providers",
    );
    assert.match(config.oidc?.scopes ?? "", /usual_name/);
    const shown = JSON.stringify(maskConfig(config));
    assert.ok(!shown.includes("le-secret-du-client"));
    assert.ok(!shown.includes("motdepasse"));
    assert.match(shown, /postgres:\/\/beffroi:\*\*\*\*\*\*\*\*@db:5432/);
  });

  it("trusts a generic provider's addresses only when told to", () => {
    const env = {
      BEFFROI_OIDC__ISSUER: "https://sso.ville.example/realms/agents",
      BEFFROI_OIDC__CLIENT_ID: "beffroi",
      BEFFROI_PUBLIC_URL: "https://ia.ville.example",
    };
    assert.equal(loadConfig({ cwd: dir(), env }).oidc?.trustEmail, false);
    const trusted = loadConfig({ cwd: dir(), env: { ...env, BEFFROI_OIDC__TRUST_EMAIL: "true" } });
    assert.equal(trusted.oidc?.trustEmail, true);
  });

  it("takes an embedding model, and refuses a key variable that is not set", () => {
    const env = {
      BEFFROI_KNOWLEDGE__EMBEDDINGS__BASE_URL: "http://127.0.0.1:8000/v1",
      BEFFROI_KNOWLEDGE__EMBEDDINGS__MODEL: "bge-m3",
      BEFFROI_KNOWLEDGE__EMBEDDINGS__API_KEY_ENV: "EMBEDDINGS_KEY",
    };
    const config = loadConfig({ cwd: dir(), env: { ...env, EMBEDDINGS_KEY: "k" } });
    assert.equal(config.knowledge.embeddings?.model, "bge-m3");
    assert.equal(config.knowledge.embeddings?.batchSize, 32);
    assert.throws(
      () => loadConfig({ cwd: dir(), env }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems.length === 1 &&
        /knowledge\.embeddings\.apiKeyEnv .*EMBEDDINGS_KEY/.test(error.problems[0] ?? ""),
    );
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
