import assert from "node:assert/strict";
import { after, before, describe, it, type TestContext } from "node:test";
import { reciprocalRankFusion } from "../../src/knowledge/index.js";
import { type EmbeddingError, OpenAiCompatibleEmbedder } from "../../src/providers/embeddings.js";
import { ManualClock, MINUTE } from "../../src/shared/clock.js";
import { type EmbeddingsServer, startEmbeddingsServer } from "../support/embeddings-server.js";
import { baseWith, principal, sheet } from "../support/knowledge.js";
import { describeStores, servicesFor } from "../support/stores.js";

/** The test model's "meaning": words mapped to one concept share an axis. */
const CONCEPTS = {
  automobile: "car",
  voiture: "car",
  voitures: "car",
  vehicule: "car",
  garer: "parking",
  stationner: "parking",
  stationnement: "parking",
};

const parking = sheet("Vignette résident", {
  "Qui peut l'obtenir":
    "Les habitants du centre ancien peuvent garer leur voiture sur les places payantes de leur quartier avec une vignette annuelle.",
});
const library = sheet("Médiathèque", {
  Horaires: "La médiathèque Louise-Michel ouvre du mardi au samedi, de 10 h à 18 h.",
});
const fleet = sheet("Parc automobile municipal", {
  Réservation:
    "Les agents réservent une voiture de service auprès du garage municipal, au moins deux jours avant.",
});

describe("reciprocal rank fusion", () => {
  it("puts first what both rankings rank well, whatever their scores", () => {
    const fused = reciprocalRankFusion(
      [
        ["a", "b", "c"],
        ["b", "d", "a"],
      ],
      3,
    );
    assert.deepEqual(
      fused.map(([id]) => id),
      ["b", "a", "d"],
    );
    assert.ok(Math.abs((fused[0]?.[1] ?? 0) - (1 / 62 + 1 / 61)) < 1e-12);
  });
});

describe("OpenAI-compatible embedder", () => {
  let server: EmbeddingsServer;
  before(async () => {
    server = await startEmbeddingsServer(CONCEPTS);
  });
  after(() => server.close());

  const embedder = (env: NodeJS.ProcessEnv = {}) =>
    new OpenAiCompatibleEmbedder(
      {
        baseUrl: server.url,
        model: "test-embed",
        apiKeyEnv: "TEST_EMBEDDINGS_KEY",
        timeoutSeconds: 5,
        maxInputCharacters: 20,
        retries: 1,
        retryDelayMs: 10,
      },
      env,
    );

  it("keeps the order of the inputs, cuts long ones and sends the key from its variable", async () => {
    server.key = "s3cret";
    server.inputs = [];
    const [first, second] = await embedder({ TEST_EMBEDDINGS_KEY: "s3cret" }).embed([
      "voiture",
      "médiathèque municipale et ses horaires d'ouverture",
    ]);
    assert.equal(first?.length, 64);
    assert.deepEqual(server.inputs, ["voiture", "médiathèque municipa"]);
    // Same concept, same vector: the answer was put back in input order.
    const [automobile] = await embedder({ TEST_EMBEDDINGS_KEY: "s3cret" }).embed(["automobile"]);
    assert.deepEqual(first, automobile);
    assert.notDeepEqual(second, automobile);
    await assert.rejects(
      embedder({ TEST_EMBEDDINGS_KEY: "wrong" }).embed(["voiture"]),
      (error: EmbeddingError) => error.code === "http" && error.status === 401,
    );
    server.key = undefined;
  });

  it("retries a 503 once, then gives up with a retryable error", async () => {
    server.down = true;
    const before = server.requests;
    await assert.rejects(
      embedder().embed(["voiture"]),
      (error: EmbeddingError) => error.code === "http" && error.status === 503,
    );
    assert.equal(server.requests - before, 2);
    server.down = false;
  });
});

describeStores("dense retrieval", (getStore, dialect) => {
  const clock = new ManualClock();
  let server: EmbeddingsServer;
  before(async () => {
    server = await startEmbeddingsServer(CONCEPTS);
  });
  after(() => server.close());

  const dense = (model = "test-embed") =>
    servicesFor(getStore(), clock, {
      BEFFROI_KNOWLEDGE__EMBEDDINGS__BASE_URL: server.url,
      BEFFROI_KNOWLEDGE__EMBEDDINGS__MODEL: model,
      BEFFROI_KNOWLEDGE__EMBEDDINGS__BATCH_SIZE: "2",
    });
  const lexicalOnly = () => servicesFor(getStore(), clock);
  const agent = principal(["agent"], "Accueil");
  /**
   * pgvector is not packaged by Debian 12: CI builds it (scripts/install-pgvector.sh) and
   * requires it; elsewhere the PostgreSQL half is skipped without it, saying why.
   */
  const noVectors = async (context: TestContext) => {
    const status = await dense().dense.status();
    if (status.state === "on" || process.env.CI) return false;
    context.skip("pgvector absent : lancez scripts/install-pgvector.sh (root)");
    return true;
  };

  it("finds a passage that shares no word with the question, in readable bases only", async (context) => {
    if (await noVectors(context)) return;
    const services = dense();
    const status = await services.dense.status();
    assert.equal(status.state, "on");
    assert.match(
      status.state === "on" ? status.engine : "",
      dialect === "sqlite" ? /^sqlite-vec / : /^pgvector /,
    );
    const accueil = await baseWith(services, "Accueil", "Accueil", {
      "vignette.md": parking,
      "mediatheque.md": library,
    });
    // Readable by the HR direction only: never searched for a reception agent.
    await baseWith(services, "Flotte", "Ressources humaines", { "flotte.md": fleet });
    assert.deepEqual(await services.dense.coverage(), { embedded: 3, passages: 3 });

    const lexical = await lexicalOnly().retrieval.search(agent, "automobile");
    assert.deepEqual(lexical.hits, []);
    assert.deepEqual(lexical.rankings, ["lexical"]);

    const fused = await services.retrieval.search(agent, "automobile");
    assert.deepEqual(fused.rankings, ["lexical", "dense"]);
    assert.equal(fused.hits[0]?.fileName, "vignette.md");
    assert.ok(fused.hits.every((hit) => hit.knowledgeBaseId === accueil.base.id));
    // No word in common: the answer still abstains rather than quote a guess.
    const grounding = await services.retrieval.ground(agent, "automobile");
    assert.equal(grounding.abstained, true);

    // A question with words in common gets both rankings, and the lexical best stays first.
    const both = await services.retrieval.search(agent, "horaires de la médiathèque");
    assert.equal(both.hits[0]?.fileName, "mediatheque.md");
  });

  it("stays lexical while the model is down, and embeds what it missed once it is back", async (context) => {
    if (await noVectors(context)) return;
    const services = dense();
    const base = await services.knowledge.findByName("cli", "Accueil");
    server.down = true;
    await services.knowledge.submit("cli", base.id, [
      {
        fileName: "stationnement.md",
        bytes: sheet("Stationnement minute", {
          Règles: "Devant les commerces, le stationnement est limité à vingt minutes.",
        }),
      },
    ]);
    await services.worker.drain();
    assert.deepEqual(await services.dense.coverage(), { embedded: 3, passages: 4 });
    const search = await services.retrieval.search(agent, "stationnement commerces");
    assert.deepEqual(search.rankings, ["lexical"]);
    assert.equal(search.hits[0]?.fileName, "stationnement.md");

    server.down = false;
    // Left alone for a minute after a failure, then caught up by the worker.
    await services.worker.drain();
    assert.deepEqual(await services.dense.coverage(), { embedded: 3, passages: 4 });
    clock.advance(2 * MINUTE);
    await services.worker.drain();
    assert.deepEqual(await services.dense.coverage(), { embedded: 4, passages: 4 });
  });

  it("re-embeds for a new model, and drops embeddings with their passages", async (context) => {
    if (await noVectors(context)) return;
    const services = dense("test-embed-2");
    assert.deepEqual(await services.dense.coverage(), { embedded: 0, passages: 4 });
    await services.worker.drain();
    assert.deepEqual(await services.dense.coverage(), { embedded: 4, passages: 4 });
    const rows = async () =>
      Number(
        (
          await getStore()
            .db.selectFrom("passage_embeddings")
            .select((eb) => eb.fn.countAll().as("count"))
            .executeTakeFirstOrThrow()
        ).count,
      );
    assert.equal(await rows(), 4);
    const base = await services.knowledge.findByName("cli", "Flotte");
    const [document] = await services.knowledge.documents("cli", base.id);
    await services.knowledge.removeDocument("cli", base.id, document?.id ?? "");
    assert.equal(await rows(), 3);
    assert.match(await services.dense.describe(), /test-embed-2 .* 3 passages sur 3 vectorisés/);
  });

  it("says plainly that it is off without an embedding model", async () => {
    const services = lexicalOnly();
    assert.deepEqual(await services.dense.status(), { state: "off" });
    assert.match(await services.dense.describe(), /désactivée .* la recherche est lexicale/);
  });
});
