import assert from "node:assert/strict";
import { before, it } from "node:test";
import { call, describeApps, healthWhile, login, type Session, seedUser } from "../support/apps.js";
import { multipart } from "../support/multipart.js";

/** How long, at most, `/healthz` may take to answer while a large aid file is imported. */
const HEALTHZ_WITHIN_MS = 200;
const SCHEMES = 1_000;

/**
 * A large file of costly schemes: each description nests markup four hundred
 * deep, each scheme lists three hundred communes (a metropolis's), and the
 * file is several megabytes — every scheme to read, clean, write as a sheet
 * and submit.
 */
function heavyFile(): string {
  const communes = Array.from({ length: 300 }, (_, index) => String(74001 + index));
  const lines = Array.from({ length: SCHEMES }, (_, index) =>
    JSON.stringify({
      id: `aide-${index}`,
      title: `Aide numéro ${index}`,
      institution: "Métropole des Trois Rivières",
      institution_type: "epci",
      description: `${"<div><span>".repeat(200)}Aide aux jeunes de la métropole.${"</span></div>".repeat(200)}`,
      conditions: ["Résider dans la métropole <a href='https://x.example'>depuis un an</a>."],
      conditions_generales: [
        { type: "communes", values: communes },
        { type: "age", operator: "<", value: 26 },
      ],
      amount: index,
      unit: "€",
      periodicity: "ponctuelle",
      link: `https://trois-rivieres.example/aides/${index}`,
    }),
  );
  return `${lines.join("\n")}\n`;
}

describeApps("aid import under load", (get) => {
  let base = "";
  let referent: Session;
  let baseId = "";

  before(async () => {
    const { app } = get();
    await seedUser(app, "referent-metropole@ville.example", ["agent", "referent"], "Jeunesse");
    referent = await login(app, "referent-metropole@ville.example");
    const created = await call(app, "POST", "/api/knowledge-bases", referent, {
      name: "Aides de la métropole",
    });
    assert.equal(created.statusCode, 201, created.body);
    baseId = created.json().id;
    base = await app.server.listen({ host: "127.0.0.1", port: 0 });
  });

  it("keeps /healthz answering while a file of a thousand heavy schemes is imported", async () => {
    const content = heavyFile();
    const { payload, headers } = multipart([{ name: "aides.jsonl", content }]);
    let report: { added: number } | undefined;
    const waits = await healthWhile(base, async () => {
      const response = await fetch(`${base}/api/knowledge-bases/${baseId}/aids`, {
        method: "POST",
        headers: { ...headers, cookie: referent.cookie, "x-csrf-token": referent.csrf },
        body: payload,
      });
      assert.equal(response.status, 202, await response.clone().text());
      report = (await response.json()) as { added: number };
    });
    assert.equal(report?.added, SCHEMES);
    const slowest = Math.max(...waits);
    console.log(
      `${(content.length / 1024 / 1024).toFixed(1)} MB of aids [${get().dialect}]: ${waits.length} health checks answered meanwhile, the slowest in ${slowest.toFixed(0)} ms`,
    );
    assert.ok(waits.length >= 3, `only ${waits.length} health checks answered`);
    assert.ok(slowest < HEALTHZ_WITHIN_MS, `/healthz took ${slowest.toFixed(0)} ms to answer`);
  });
});
