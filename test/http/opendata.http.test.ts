import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { RECOUNT_MS } from "../../src/observatory/register.service.js";
import { monthBit } from "../../src/store/index.js";
import { call, describeApps, login, type Session, seedAdmin, seedUser } from "../support/apps.js";
import { twoContenders } from "../support/arena.js";
import type { OpenAiUpstream } from "../support/openai-upstream.js";
import { parseCsv, type TableSchema, validateTable } from "../support/table-schema.js";

/** An assistant's name a spreadsheet would run as a formula. */
const FORMULA = "=SOMME(A1:A9)";
const ANSWER = "Voici une réponse de test, sans donnée personnelle.";

type Row = Record<string, string>;

/**
 * The open data of Beffroi's use over HTTP, on both stores, with no
 * account: RFC 4180 CSV in UTF-8 that validates against its own Table
 * Schema, figures equal to the journal's, rows behind fewer agents than
 * the charter's threshold withheld, spreadsheet formulas neutralised.
 */
describeApps("open data", (get) => {
  let alpha: OpenAiUpstream;
  let beta: OpenAiUpstream;
  let admin: Session;
  let agents: Session[];
  let lonely: Session;
  let assistantId: string;

  before(async () => {
    const { app } = get();
    admin = await seedAdmin(app);
    ({ alpha, beta } = await twoContenders(app, admin, { alpha: ANSWER, beta: ANSWER }));
    agents = [];
    for (const n of [1, 2, 3, 4, 5]) {
      await seedUser(app, `agent${n}@ville.example`, ["agent"], `Direction ${n}`);
      agents.push(await login(app, `agent${n}@ville.example`));
    }
    await seedUser(app, "seul@ville.example", ["agent"], "Direction isolée");
    lonely = await login(app, "seul@ville.example");
    const assistant = await call(app, "POST", "/api/assistants", admin, {
      name: FORMULA,
      description: "Un assistant au nom piégé",
      instructions: "Réponds brièvement.",
      category: "general",
      preferredModels: ["alpha/test-model"],
    });
    assert.equal(assistant.statusCode, 201, assistant.body);
    assistantId = assistant.json().id;
    // Five agents ask the assistant; the first two say the answer saved them minutes.
    for (const [index, agent] of agents.entries()) {
      const created = await call(app, "POST", "/api/conversations", agent, {
        assistantId: assistant.json().id,
      });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id;
      const sent = await call(app, "POST", `/api/conversations/${id}/messages`, agent, {
        content: "Quels sont les horaires d'ouverture de la médiathèque ?",
      });
      assert.equal(sent.statusCode, 200, sent.body);
      if (index < 2) {
        const rated = await call(
          app,
          "POST",
          `/api/conversations/${id}/messages/${sent.json().id}/feedback`,
          agent,
          { rating: "up", minutesSaved: 10 + index },
        );
        assert.equal(rated.statusCode, 200, rated.body);
      }
    }
    // One agent alone runs a use case: a row behind one agent.
    const ran = await call(app, "POST", "/api/usecases/langage-clair/run", lonely, {
      values: { texte: "Le demandeur produira les pièces afférentes.", public: "Grand public" },
    });
    assert.equal(ran.statusCode, 200, ran.body);
  });
  after(async () => {
    await alpha.close();
    await beta.close();
  });

  const download = async (query = "") => {
    const response = await call(get().app, "GET", `/api/public/opendata/usage.csv${query}`);
    assert.equal(response.statusCode, 200, response.body);
    return response;
  };
  const schema = async (): Promise<TableSchema> => {
    const response = await call(get().app, "GET", "/api/public/opendata/usage.schema.json");
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  };
  const rowsOf = (table: string[][]): Row[] => {
    const [header = [], ...rows] = table;
    return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ""])));
  };

  it("describes its columns in a Table Schema, in French, with types and constraints", async () => {
    const described = await schema();
    assert.deepEqual(
      described.fields.map((field) => [field.name, field.type]),
      [
        ["mois", "yearmonth"],
        ["type_sujet", "string"],
        ["sujet", "string"],
        ["modele", "string"],
        ["hebergement", "string"],
        ["classe_donnees", "string"],
        ["demandes", "integer"],
        ["refusees", "integer"],
        ["energie_kwh_min", "number"],
        ["energie_kwh_max", "number"],
        ["co2e_kg_min", "number"],
        ["co2e_kg_max", "number"],
        ["eau_l_min", "number"],
        ["eau_l_max", "number"],
        ["minutes_gagnees", "number"],
      ],
    );
    for (const field of described.fields) {
      assert.match(field.title ?? "", /\S/, field.name);
      assert.match(field.description ?? "", /\S/, field.name);
    }
    const byName = new Map(described.fields.map((field) => [field.name, field]));
    assert.deepEqual(byName.get("hebergement")?.constraints?.enum, [
      "local",
      "sovereign",
      "extraterritorial",
    ]);
    assert.deepEqual(byName.get("classe_donnees")?.constraints?.enum, [
      "public",
      "personal",
      "sensitive",
    ]);
    assert.equal(byName.get("demandes")?.constraints?.minimum, 0);
    assert.equal(byName.get("mois")?.constraints?.required, true);
    assert.match(
      (described as unknown as { description: string }).description,
      /moins de 5 agents/,
    );
  });

  it("answers RFC 4180 CSV in UTF-8, without an account, that validates against its schema", async () => {
    const response = await download();
    assert.match(String(response.headers["content-type"]), /^text\/csv; charset=utf-8/);
    assert.match(String(response.headers["content-disposition"]), /attachment; filename=/);
    assert.match(response.body, /\r\n$/);
    const table = parseCsv(response.body);
    assert.deepEqual(validateTable(await schema(), table), []);
    assert.ok(table.length >= 2, "a header and rows");
    // The validator refuses what the schema forbids: it is no rubber stamp.
    const [header = [], first = []] = table;
    const broken = [...first];
    broken[header.indexOf("demandes")] = "-1";
    broken[header.indexOf("hebergement")] = "lune";
    broken[header.indexOf("mois")] = "2026-13";
    assert.equal(validateTable(await schema(), [header, broken]).length, 3);
  });

  it("gives the journal's figures for every row it publishes", async () => {
    const { app, clock } = get();
    const rows = rowsOf(parseCsv((await download()).body));
    const month = clock.now().toISOString().slice(0, 7);
    const journal = await call(
      app,
      "GET",
      `/api/observatory/usage?from=${month}-01T00:00:00.000Z&to=${clock.now().toISOString()}`,
      admin,
    );
    assert.equal(journal.statusCode, 200, journal.body);
    const published = rows.filter((row) => row.type_sujet === "assistant");
    assert.equal(published.length, 1, JSON.stringify(rows));
    const row = published[0] as Row;
    assert.equal(row.mois, month);
    assert.equal(row.modele, "alpha/test-model");
    assert.equal(row.hebergement, "local");
    assert.equal(row.classe_donnees, "public");
    const entry = (
      journal.json().rows as {
        modelRef: string | null;
        assistantId: string | null;
        turns: number;
        denied: number;
        energyKwh: { min: number; max: number };
        gwpKgCo2e: { min: number; max: number };
        minutesSaved: number;
      }[]
    ).find(
      (r) => r.modelRef === "alpha/test-model" && r.assistantId?.startsWith("usecase:") === false,
    );
    assert.ok(entry, "the journal's row");
    assert.equal(Number(row.demandes), entry.turns);
    assert.equal(Number(row.demandes), 5);
    assert.equal(Number(row.refusees), entry.denied);
    assert.equal(Number(row.minutes_gagnees), entry.minutesSaved);
    assert.equal(Number(row.minutes_gagnees), 21);
    const close = (csv: string | undefined, value: number) =>
      assert.ok(Math.abs(Number(csv) - value) <= Math.abs(value) * 1e-8, `${csv} ≠ ${value}`);
    close(row.energie_kwh_min, entry.energyKwh.min);
    close(row.energie_kwh_max, entry.energyKwh.max);
    close(row.co2e_kg_min, entry.gwpKgCo2e.min);
    close(row.co2e_kg_max, entry.gwpKgCo2e.max);
    assert.ok(entry.energyKwh.max > 0, "the answers' energy is estimated");
    assert.ok(Number(row.eau_l_max) >= Number(row.eau_l_min));
  });

  it("withholds a row behind fewer agents than the charter's threshold", async () => {
    const { app, clock } = get();
    const rows = rowsOf(parseCsv((await download()).body));
    assert.equal(
      rows.filter((row) => row.type_sujet === "cas_usage").length,
      0,
      "the use case one agent ran",
    );
    // The journal has it: it is withheld, not lost.
    const journal = await call(
      app,
      "GET",
      `/api/observatory/usage?to=${clock.now().toISOString()}`,
      admin,
    );
    assert.ok(
      journal
        .json()
        .rows.some(
          (r: { assistantId: string | null }) => r.assistantId === "usecase:langage-clair",
        ),
    );
    const body = (await download()).body;
    assert.ok(!body.includes("Langage clair"));
  });

  it("neutralises a cell a spreadsheet would run as a formula", async () => {
    const body = (await download()).body;
    const rows = rowsOf(parseCsv(body));
    const row = rows.find((r) => r.type_sujet === "assistant");
    assert.equal(row?.sujet, `'${FORMULA}`);
    assert.ok(!body.includes(`,${FORMULA}`), "no cell opens with the formula");
  });

  it("counts a row's agents month by month: a month behind fewer agents is withheld, whatever the period's", async () => {
    const { app, clock } = get();
    const month = clock.now().toISOString().slice(0, 7);
    const now = clock.now();
    clock.advance(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 2) - now.getTime());
    const next = clock.now().toISOString().slice(0, 7);
    const ask = async (email: string) => {
      const session = await login(app, email);
      const created = await call(app, "POST", "/api/conversations", session, { assistantId });
      assert.equal(created.statusCode, 201, created.body);
      const sent = await call(
        app,
        "POST",
        `/api/conversations/${created.json().id}/messages`,
        session,
        {
          content: "Quels sont les horaires d'ouverture de la médiathèque ?",
        },
      );
      assert.equal(sent.statusCode, 200, sent.body);
    };
    const assistantRows = async () =>
      rowsOf(parseCsv((await download(`?from=${month}&to=${next}`)).body))
        .filter((row) => row.type_sujet === "assistant")
        .map((row) => `${row.mois} ${row.demandes}`);
    // Three of last month's five ask again: five distinct agents over the two months, three in this one.
    for (const n of [1, 2, 3]) await ask(`agent${n}@ville.example`);
    await ask("agent1@ville.example");
    assert.deepEqual(await assistantRows(), [`${month} 5`]);
    // Two more this month: five, the threshold. The month's counts are kept a while, then counted again.
    await ask("agent4@ville.example");
    await ask("seul@ville.example");
    assert.deepEqual(await assistantRows(), [`${month} 5`]);
    clock.advance(RECOUNT_MS);
    assert.deepEqual(await assistantRows(), [`${month} 5`, `${next} 6`]);
    // Retention clears last month from the masks: counted once it was over, it stays published.
    await get()
      .app.store.db.updateTable("usage_agent_years")
      .set((eb) => ({ months: eb("months", "&", ~monthBit(month) & 4095) }))
      .where("kind", "=", "row")
      .execute();
    for (const _ of [1, 2]) {
      clock.advance(RECOUNT_MS);
      assert.deepEqual(await assistantRows(), [`${month} 5`, `${next} 6`]);
    }
  });

  it("reads the months asked for, and refuses a period that is not one", async () => {
    const { app, clock } = get();
    const month = clock.now().toISOString().slice(0, 7);
    const next = new Date(clock.now().getTime() + 40 * 24 * 3600 * 1000).toISOString().slice(0, 7);
    const later = parseCsv((await download(`?from=${next}&to=${next}`)).body);
    assert.equal(later.length, 1, "the header alone: nothing that month");
    const current = parseCsv((await download(`?from=${month}&to=${month}`)).body);
    assert.ok(current.length > 1);
    for (const query of ["?from=2026-05&to=2026-01", "?from=2020-01&to=2026-01", "?to=2026-13"]) {
      const refused = await call(app, "GET", `/api/public/opendata/usage.csv${query}`);
      assert.equal(refused.statusCode, 400, query);
      assert.equal(refused.json().error.code, "observatory_period_invalid");
    }
  });
});
