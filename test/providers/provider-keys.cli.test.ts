import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { openStore } from "../../src/store/index.js";
import { type Run, runIn } from "../support/cli.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";
import {
  describeEachDialect,
  ensureSchemaFor,
  freshLocation,
  TEST_VAULT_KEY,
} from "../support/stores.js";

const KEY = "sk-tapee-en-ligne-de-commande";

describeEachDialect("beffroi provider add: keys", (dialect) => {
  const location = freshLocation(dialect);
  const env: NodeJS.ProcessEnv = {
    BEFFROI_DATA_DIR: location.dataDir,
    BEFFROI_LOG_LEVEL: "silent",
    BEFFROI_GUARD__VAULT_KEY: TEST_VAULT_KEY,
    BEFFROI_DATABASE_URL: location.schema
      ? `${location.url}?options=${encodeURIComponent(`-c search_path=${location.schema}`)}`
      : location.url,
  };
  let upstream: OpenAiUpstream;
  before(async () => {
    await ensureSchemaFor(location);
    upstream = await startOpenAiUpstream();
  });
  after(async () => {
    await upstream.close();
    await location.cleanup();
  });
  const cli = (args: string[], input = ""): Promise<Run> =>
    runIn(location.dataDir, args, env, input);
  const add = (id: string, ...options: string[]) => [
    "provider",
    "add",
    "--id",
    id,
    "--base-url",
    upstream.url,
    "--sovereignty",
    "local",
    "--country",
    "FRA",
    "--model",
    "test-model",
    ...options,
  ];

  it("keeps a key read from standard input sealed, never shows it, and sends it", async () => {
    const added = await cli(add("saisie", "--api-key-stdin"), `${KEY}\n`);
    assert.equal(added.code, 0, added.stderr);
    const listed = await cli(["provider", "list", "--json"]);
    assert.ok(!listed.stdout.includes(KEY));
    assert.equal(JSON.parse(listed.stdout)[0].apiKeyStored, true);
    const store = openStore(location.url, { schema: location.schema });
    try {
      const rows = await store.db.selectFrom("providers").select("definition").execute();
      assert.ok(!JSON.stringify(rows).includes(KEY), "no key in clear in the database");
    } finally {
      await store.close();
    }
    upstream.key = KEY;
    const tested = await cli(["provider", "test", "saisie"]);
    assert.equal(tested.code, 0, tested.stdout + tested.stderr);
    assert.equal(upstream.requests.at(-1)?.headers.authorization, `Bearer ${KEY}`);
  });

  it("refuses a key file outside the key directory, in French", async () => {
    const refused = await cli(add("fichier", "--api-key-file", "/etc/hostname"));
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /Fichier de clé refusé : aucun dossier de clés/);
  });
});
