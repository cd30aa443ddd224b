import assert from "node:assert/strict";
import { before, it } from "node:test";
import { call, describeApps, healthWhile, login, type Session, seedUser } from "../support/apps.js";

const repeat = (sentence: string, characters: number) =>
  sentence.repeat(Math.floor(characters / sentence.length));

/** Each form at the largest size its fields take, as an agent could paste it. */
const LARGEST: [string, Record<string, unknown>][] = [
  [
    "langage-clair",
    {
      texte: repeat(
        "Nonobstant les dispositions susvisées, le dossier afférent à votre demande doit être transmis par vos soins aux services compétents dans les meilleurs délais. ",
        49_000,
      ),
      public: "Grand public",
    },
  ],
  [
    "compte-rendu",
    {
      date_reunion: "2025-03-10",
      instance: "Comité de pilotage",
      participants: ["Mme Durand", "M. Petit"],
      transcription: repeat(
        "Le comité décide de retenir le projet. M. Petit doit envoyer les plans avant le 31 mars. ",
        199_000,
      ),
    },
  ],
  [
    "note-de-synthese",
    {
      objet: "Le projet de médiathèque",
      destinataire: "Le directeur général des services",
      document_1: repeat("Le projet prévoit 1 200 mètres carrés pour 4 millions d'euros. ", 95_000),
      document_2: repeat("La région finance un quart du coût des travaux en 2026. ", 95_000),
    },
  ],
];

/**
 * A use case's result without AI works through the form's text (a lint, the
 * minutes of a transcript, a summary): at the largest sizes the fields take,
 * over HTTP with no model, the server keeps answering `/healthz` meanwhile,
 * on both stores.
 */
describeApps("use-case baselines at their largest, while the server answers", (get) => {
  let agent: Session;
  before(async () => {
    const { app } = get();
    await seedUser(app, "agent@ville.example", ["agent"], "Assemblées");
    agent = await login(app, "agent@ville.example");
  });

  it("keeps /healthz answering while each baseline runs on its largest form", async () => {
    const { app } = get();
    const base = await app.server.listen({ host: "127.0.0.1", port: 0 });
    for (const [id, values] of LARGEST) {
      const run = () => call(app, "POST", `/api/usecases/${id}/run`, agent, { values });
      // Once before measuring: the first run of a process compiles the code it goes through.
      assert.equal((await run()).statusCode, 200, id);
      let result: { baseline: { kind: string; text: string | null } } | undefined;
      const waits = await healthWhile(base, async () => {
        const response = await run();
        assert.equal(response.statusCode, 200, `${id}: ${response.body.slice(0, 300)}`);
        result = response.json();
      });
      assert.ok((result?.baseline.text ?? "").length > 100, `${id}: a baseline`);
      assert.ok(
        Math.max(...waits) < 200,
        `${id}: slowest /healthz answer ${Math.max(...waits)} ms`,
      );
    }
  });
});
