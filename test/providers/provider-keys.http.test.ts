import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, it } from "node:test";
import { loadConfig } from "../../src/config.js";
import { VaultCipher } from "../../src/guard/index.js";
import { call, describeApps, type Session, seedAdmin, type TestApp } from "../support/apps.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";
import { TEST_VAULT_KEY } from "../support/stores.js";

const definition = (id: string, baseUrl: string, extra: object = {}) => ({
  id,
  baseUrl,
  sovereignty: "local",
  country: "FRA",
  models: [{ id: "test-model" }],
  ...extra,
});

/** A server file an administrator must never reach, and its first line. */
const SERVER_FILE = "/etc/hostname";
const serverLine = () => readFileSync(SERVER_FILE, "utf8").split("\n")[0]?.trim() ?? "";

/** Key files for the suite with a key directory, made before its configuration is read. */
const root = mkdtempSync(path.join(tmpdir(), "beffroi-keys-"));
const keyDirectory = path.join(root, "cles");
mkdirSync(path.join(keyDirectory, "sous-dossier"), { recursive: true });
writeFileSync(path.join(keyDirectory, "albert.key"), "cle-du-fichier\nligne ignoree\n");
writeFileSync(path.join(root, "dehors.key"), "cle-hors-du-dossier\n");
symlinkSync(path.join(root, "dehors.key"), path.join(keyDirectory, "lien.key"));
symlinkSync(SERVER_FILE, path.join(keyDirectory, "hote.key"));

function setUp(get: () => TestApp) {
  const context = {} as { upstream: OpenAiUpstream; admin: Session };
  before(async () => {
    context.upstream = await startOpenAiUpstream();
    context.admin = await seedAdmin(get().app);
  });
  after(() => context.upstream.close());
  return context;
}

/** Every request the upstream received sent none of these values, in any header. */
function assertNeverSent(upstream: OpenAiUpstream, ...values: string[]) {
  const headers = JSON.stringify(upstream.requests.map((request) => request.headers));
  for (const value of values) assert.ok(!headers.includes(value), "a server secret left");
}

describeApps(
  "provider keys: nothing on the server is reachable by default",
  (get) => {
    const context = setUp(get);

    it("refuses a key file when the configuration names no key directory", async () => {
      const { app } = get();
      const { upstream, admin } = context;
      for (const apiKeyFile of [SERVER_FILE, path.join(root, "dehors.key")]) {
        const created = await call(app, "POST", "/api/providers", admin, {
          ...definition("fichier", upstream.url),
          apiKeyFile,
        });
        if (created.statusCode === 201) {
          // Before the fix: the file's first line went to whatever address the administrator gave.
          await call(app, "POST", "/api/providers/fichier/test", admin);
          await call(app, "DELETE", "/api/providers/fichier", admin);
        }
        assertNeverSent(upstream, serverLine(), "cle-hors-du-dossier");
        assert.equal(created.statusCode, 400, created.body);
        assert.equal(created.json().error.code, "provider_key_file_refused");
        assert.match(created.json().error.message, /aucun dossier de clés/);
      }
    });

    it("refuses a variable the configuration does not list, the vault key's first", async () => {
      const { app } = get();
      const { upstream, admin } = context;
      process.env.BEFFROI_GUARD__VAULT_KEY = TEST_VAULT_KEY;
      try {
        for (const apiKeyEnv of ["BEFFROI_GUARD__VAULT_KEY", "HOME", "PATH"]) {
          const created = await call(app, "POST", "/api/providers", admin, {
            ...definition("variable", upstream.url),
            apiKeyEnv,
          });
          if (created.statusCode === 201) {
            await call(app, "POST", "/api/providers/variable/test", admin);
            await call(app, "DELETE", "/api/providers/variable", admin);
          }
          assertNeverSent(upstream, TEST_VAULT_KEY, process.env.HOME ?? "/root");
          assert.equal(created.statusCode, 400, created.body);
          assert.equal(created.json().error.code, "provider_key_variable_refused");
          assert.match(created.json().error.message, /^Variable de clé refusée : /);
        }
      } finally {
        delete process.env.BEFFROI_GUARD__VAULT_KEY;
      }
      // The presets' variables are listed by default.
      const albert = await call(app, "POST", "/api/providers", admin, {
        ...definition("albert", upstream.url),
        apiKeyEnv: "ALBERT_API_KEY",
      });
      assert.equal(albert.statusCode, 201, albert.body);
    });

    it("does not read a key source stored before the rule, and says why", async () => {
      const { app, clock } = get();
      const { upstream, admin } = context;
      const at = new Date().toISOString();
      await app.store.db
        .insertInto("providers")
        .values({
          id: "ancien",
          definition: JSON.stringify({
            ...definition("ancien", upstream.url),
            apiKeyFile: SERVER_FILE,
          }),
          created_at: at,
          updated_at: at,
        })
        .execute();
      clock.advance(2_001);
      const listed = (await call(app, "GET", "/api/providers", admin)).json();
      assert.equal(listed.find((p: { id: string }) => p.id === "ancien").apiKeyConfigured, false);
      const tested = await call(app, "POST", "/api/providers/ancien/test", admin);
      assert.equal(tested.statusCode, 502);
      assert.match(tested.json().error.message, /clé d'API non autorisée/);
      assertNeverSent(upstream, serverLine());
    });
  },
  // The default list of variables (the suites' own list is wider).
  { BEFFROI_MODEL_PROVIDERS__KEY_VARIABLES: "" },
);

describeApps(
  "provider keys: a configured key directory and variables",
  (get) => {
    const context = setUp(get);
    before(() => {
      process.env.VILLE_LLM_KEY = "cle-de-la-variable";
      process.env.VILLE_AUTRE = "secret-voisin";
    });
    after(() => {
      delete process.env.VILLE_LLM_KEY;
      delete process.env.VILLE_AUTRE;
    });

    it("reads a key file inside the directory, by its name or its full path", async () => {
      const { app } = get();
      const { upstream, admin } = context;
      upstream.key = "cle-du-fichier";
      for (const [id, apiKeyFile] of [
        ["nom", "albert.key"],
        ["chemin", path.join(keyDirectory, "albert.key")],
      ] as const) {
        const created = await call(app, "POST", "/api/providers", admin, {
          ...definition(id, upstream.url),
          apiKeyFile,
        });
        assert.equal(created.statusCode, 201, created.body);
        assert.equal(created.json().apiKeyConfigured, true);
        const tested = await call(app, "POST", `/api/providers/${id}/test`, admin);
        assert.equal(tested.statusCode, 200, tested.body);
        assert.equal(upstream.requests.at(-1)?.headers.authorization, "Bearer cle-du-fichier");
      }
    });

    it("refuses `..`, a link out of the directory, a folder, and a file that is not there", async () => {
      const { app } = get();
      const { upstream, admin } = context;
      for (const apiKeyFile of [
        "../dehors.key",
        path.join(keyDirectory, "..", "dehors.key"),
        "sous-dossier/../../dehors.key",
        "lien.key",
        "hote.key",
        "sous-dossier",
        "absent.key",
        SERVER_FILE,
      ]) {
        const created = await call(app, "POST", "/api/providers", admin, {
          ...definition("evasion", upstream.url),
          apiKeyFile,
        });
        assert.equal(created.statusCode, 400, `${apiKeyFile}: ${created.body}`);
        assert.equal(created.json().error.code, "provider_key_file_refused");
        assert.ok(created.json().error.message.includes(keyDirectory), created.body);
      }
      assertNeverSent(upstream, "cle-hors-du-dossier", serverLine());
    });

    it("reads a listed variable and refuses its neighbours", async () => {
      const { app } = get();
      const { upstream, admin } = context;
      upstream.key = "cle-de-la-variable";
      const created = await call(app, "POST", "/api/providers", admin, {
        ...definition("variable", upstream.url),
        apiKeyEnv: "VILLE_LLM_KEY",
      });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(
        (await call(app, "POST", "/api/providers/variable/test", admin)).statusCode,
        200,
      );
      for (const apiKeyEnv of ["VILLE_AUTRE", "ALBERT_API_KEY"]) {
        const refused = await call(app, "PUT", "/api/providers/variable", admin, {
          ...definition("variable", upstream.url),
          apiKeyEnv,
        });
        assert.equal(refused.statusCode, 400, refused.body);
        assert.equal(refused.json().error.code, "provider_key_variable_refused");
      }
      assertNeverSent(upstream, "secret-voisin");
    });
  },
  {
    BEFFROI_MODEL_PROVIDERS__KEY_DIRECTORY: keyDirectory,
    BEFFROI_MODEL_PROVIDERS__KEY_VARIABLES: "VILLE_LLM_*",
  },
);

it("refuses at start a key directory that is missing and a listed variable of Beffroi's own", () => {
  const load = (env: Record<string, string>) => () =>
    loadConfig({ env: { BEFFROI_DATA_DIR: root, ...env }, file: null });
  assert.throws(
    load({ BEFFROI_MODEL_PROVIDERS__KEY_DIRECTORY: path.join(root, "absent") }),
    /modelProviders\.keyDirectory/,
  );
  assert.throws(load({ BEFFROI_MODEL_PROVIDERS__KEY_VARIABLES: "LLM_KEY,BEFFROI_*" }), /BEFFROI_/);
  assert.deepEqual(
    load({ BEFFROI_MODEL_PROVIDERS__KEY_VARIABLES: "LLM_KEY, VILLE_*" })().modelProviders
      .keyVariables,
    ["LLM_KEY", "VILLE_*"],
  );
});

describeApps("provider keys entered by an administrator", (get) => {
  const context = setUp(get);
  const KEY = "sk-saisie-par-la-dsi-0123456789";

  const rawRow = async (id: string) =>
    (
      await get()
        .app.store.db.selectFrom("providers")
        .select("definition")
        .where("id", "=", id)
        .executeTakeFirstOrThrow()
    ).definition;

  it("keeps the key encrypted under the vault key, never returns it, and sends it", async () => {
    const { app } = get();
    const { upstream, admin } = context;
    const created = await call(app, "POST", "/api/providers", admin, {
      ...definition("saisie", upstream.url),
      apiKey: KEY,
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().apiKeyConfigured, true);
    assert.equal(created.json().apiKeyStored, true);
    const row = await rawRow("saisie");
    assert.ok(!row.includes(KEY), "no key in clear in the database");
    const { apiKeySealed } = JSON.parse(row);
    assert.equal(
      new VaultCipher(Buffer.from(TEST_VAULT_KEY, "base64")).open(
        apiKeySealed,
        "provider-key/saisie",
      ),
      KEY,
    );
    for (const response of [
      created,
      await call(app, "GET", "/api/providers", admin),
      await call(app, "GET", "/api/audit", admin),
    ]) {
      assert.ok(!response.body.includes(KEY), "no key in an answer");
      assert.ok(!response.body.includes(apiKeySealed), "not even sealed");
    }
    const audit = await app.store.db.selectFrom("audit_log").selectAll().execute();
    assert.ok(!JSON.stringify(audit).includes(KEY));
    upstream.key = KEY;
    const tested = await call(app, "POST", "/api/providers/saisie/test", admin);
    assert.equal(tested.statusCode, 200, tested.body);
    assert.equal(upstream.requests.at(-1)?.headers.authorization, `Bearer ${KEY}`);
  });

  it("keeps the key through an edit, asks for it again when the address changes, forgets it on null", async () => {
    const { app } = get();
    const { upstream, admin } = context;
    const edited = await call(app, "PUT", "/api/providers/saisie", admin, {
      ...definition("saisie", upstream.url),
      label: "Renommé",
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().apiKeyStored, true);
    assert.equal((await call(app, "POST", "/api/providers/saisie/test", admin)).statusCode, 200);
    // Another host: the key entered for this one does not follow without being entered again.
    const moved = await call(app, "PUT", "/api/providers/saisie", admin, {
      ...definition("saisie", "http://127.0.0.2:9/v1"),
    });
    assert.equal(moved.statusCode, 400, moved.body);
    assert.equal(moved.json().error.code, "provider_key_reentry");
    const both = await call(app, "PUT", "/api/providers/saisie", admin, {
      ...definition("saisie", upstream.url),
      apiKey: KEY,
      apiKeyEnv: "ALBERT_API_KEY",
    });
    assert.equal(both.statusCode, 400, both.body);
    const forgotten = await call(app, "PUT", "/api/providers/saisie", admin, {
      ...definition("saisie", upstream.url),
      apiKey: null,
    });
    assert.equal(forgotten.statusCode, 200, forgotten.body);
    assert.equal(forgotten.json().apiKeyStored, false);
    assert.equal(forgotten.json().apiKeyConfigured, false);
    assert.equal(JSON.parse(await rawRow("saisie")).apiKeySealed, undefined);
  });

  it("encrypts a key stored in clear by an earlier version, and keeps using it", async () => {
    const { app, clock } = get();
    const { upstream, admin } = context;
    const at = new Date().toISOString();
    await app.store.db
      .insertInto("providers")
      .values({
        id: "en-clair",
        definition: JSON.stringify({
          ...definition("en-clair", upstream.url),
          apiKey: "sk-en-clair",
        }),
        created_at: at,
        updated_at: at,
      })
      .execute();
    clock.advance(2_001);
    const listed = await call(app, "GET", "/api/providers", admin);
    assert.ok(!listed.body.includes("sk-en-clair"));
    assert.equal(listed.json().find((p: { id: string }) => p.id === "en-clair").apiKeyStored, true);
    const row = await rawRow("en-clair");
    assert.ok(!row.includes("sk-en-clair"), row);
    upstream.key = "sk-en-clair";
    const tested = await call(app, "POST", "/api/providers/en-clair/test", admin);
    assert.equal(tested.statusCode, 200, tested.body);
  });
});
