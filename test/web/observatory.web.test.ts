import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { Locator, Page } from "playwright-core";
import type { App } from "../../src/app.js";
import { templateYaml } from "../../src/charter/index.js";
import { type Principal, permissionsOf } from "../../src/identity/index.js";
import { ProviderSchema } from "../../src/providers/index.js";
import { FIXTURES } from "../http/usecase-values.js";
import { call, login, seedUser } from "../support/apps.js";
import {
  describeBrowser,
  expectAccessible,
  expectFocus,
  expectTexts,
  signIn,
  upstreamProvider,
} from "../support/browser.js";

const MIN_AGENTS = 3;
const HIDDEN = `Moins de ${MIN_AGENTS} agents : non affiché`;
const ADMIN = "dsi@ville.example";
const REFERENT = "referente@ville.example";
/** The agent whose « Mon usage » is read: active last month and this one, with minutes saved. */
const AGENT = "sol1@ville.example";
/** An agent of another direction, who may not open the observatory. */
const OTHER = "urb2@ville.example";

const SOLIDARITY = "Solidarités";
const CCAS = "Solidarités > CCAS";

/** The use case three agents run. */
const USE_CASE = "langage-clair";

/** The balanced charter, with quotas and the observatory's threshold at three agents. */
const CHARTER = `${templateYaml("balanced").replace(
  /^quotas:.*$/m,
  "quotas: { agent: { requests: 40 }, direction: { requests: 400 }, onExceed: warn }",
)}\nobservatory: { minAgents: ${MIN_AGENTS}, nonUserNamesFor: [admin, auditor] }\n`;

// The page's formats, in French, written again here: the figures are compared as an agent reads them.
const whole = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });
const small = new Intl.NumberFormat("fr-FR", { maximumSignificantDigits: 3 });
const tenths = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });
const measure = (value: number) =>
  Math.abs(value) >= 100 ? whole.format(value) : small.format(value);
const range = (min: number, max: number) =>
  measure(min) === measure(max) ? measure(min) : `${measure(min)} à ${measure(max)}`;
const energy = (min: number, max: number) =>
  max < 1 ? `${range(min * 1000, max * 1000)} Wh` : `${range(min, max)} kWh`;
const monthName = (month: string) =>
  new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${month}-01T00:00:00Z`),
  );

const THIS_MONTH = new Date().toISOString().slice(0, 7);
const LAST_MONTH = (() => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15, 9))
    .toISOString()
    .slice(0, 7);
})();

type Records = Awaited<ReturnType<typeof readRecords>>;

/** The journal as it is: what every figure below is computed from, independently of the server. */
async function readRecords(app: App) {
  return app.store.db
    .selectFrom("usage_records")
    .select([
      "user_id",
      "direction_id",
      "at",
      "status",
      "model_ref",
      "energy_kwh_min",
      "energy_kwh_max",
      "gwp_kg_min",
      "gwp_kg_max",
      "minutes_saved",
      "personal_data",
      "assistant_id",
    ])
    .execute();
}

const monthOf = (record: { at: string }) => record.at.slice(0, 7);
const distinct = (values: (string | null)[]) => new Set(values.filter((v) => v !== null)).size;

/** Agents active per month, agents whose first month it was, and agents back from an earlier month. */
function adoption(records: Records, month: string) {
  const inMonth = records.filter((r) => monthOf(r) === month);
  const users = new Set(inMonth.map((r) => r.user_id).filter((id) => id !== null));
  const first = new Map<string, string>();
  for (const r of records)
    if (r.user_id && (!first.has(r.user_id) || monthOf(r) < (first.get(r.user_id) ?? "")))
      first.set(r.user_id, monthOf(r));
  const fresh = [...users].filter((id) => first.get(id) === month).length;
  return { active: users.size, fresh, returning: users.size - fresh };
}

/** The cells of the row of `table` whose header reads `header`. */
function cells(table: Locator, header: string | RegExp): Locator {
  return table
    .getByRole("row")
    .filter({
      has: table.page().getByRole("rowheader", {
        name: header,
        ...(typeof header === "string" && { exact: true }),
      }),
    })
    .getByRole("cell");
}

const tableNamed = (page: Page, caption: string) =>
  page.getByRole("table", { name: new RegExp(`^${caption}`) });

/**
 * The observatory's pages, over a journal filled with real turns through the
 * pipeline (the chat service and the conversations API): agents of three
 * directions (one of a single agent, under the threshold of three), two
 * models (one used by a single agent), two months (last month's turns start
 * then, as a turn that began before midnight on the last day would). Every
 * figure the page shows is compared with what the test computes from
 * `usage_records`.
 */
describeBrowser("web page: the observatory and « Mon usage »", (get) => {
  // Parameter counts known within bounds, and the datacenter's water: every estimate is a range.
  const upstream = upstreamProvider(get, {
    pue: 1.3,
    wue: 0.5,
    models: [{ id: "test-model", activeParameters: { min: 7, max: 14 }, totalParameters: 14 }],
  });
  const users = new Map<string, Principal>();

  before(async () => {
    const { app } = get();
    await app.services.providers.create(
      ProviderSchema.parse({
        id: "etranger",
        sovereignty: "extraterritorial",
        country: "USA",
        models: [{ id: "test-model", activeParameters: 70, totalParameters: 70 }],
        baseUrl: upstream().url,
      }),
    );
    await app.services.charter.update(null, CHARTER);
    const cast: [string, ("agent" | "referent" | "admin" | "auditor")[], string][] = [
      [ADMIN, ["admin"], "DSI"],
      ["dpo@ville.example", ["auditor"], "DSI"],
      [REFERENT, ["agent", "referent"], SOLIDARITY],
      [AGENT, ["agent"], SOLIDARITY],
      ["sol2@ville.example", ["agent"], SOLIDARITY],
      ["sol3@ville.example", ["agent"], CCAS],
      ["urb1@ville.example", ["agent"], "Urbanisme"],
      [OTHER, ["agent"], "Urbanisme"],
      ["urb3@ville.example", ["agent"], "Urbanisme"],
      ["jamais@ville.example", ["agent"], "Urbanisme"],
      ["cult1@ville.example", ["agent"], "Culture"],
    ];
    for (const [email, roles, direction] of cast) {
      const user = await seedUser(app, email, roles, direction);
      users.set(email, {
        userId: user.id,
        displayName: user.displayName,
        email: user.email,
        directionId: user.direction?.id ?? null,
        directionPath: user.direction?.path ?? null,
        roles: user.roles,
        permissions: permissionsOf(user.roles),
        via: "session",
      });
    }
    const ask = async (
      email: string,
      content: string,
      options: { model?: string; last?: boolean },
    ) => {
      const principal = users.get(email);
      if (!principal) throw new Error(email);
      const turn = await app.services.chat.run({
        principal,
        target: options.model ?? "local/test-model",
        messages: [{ role: "user", content }],
        // A turn of last month: it started then, and the journal keeps when a turn starts.
        ...(options.last && {
          onStart: (started) => {
            started.startedAt = `${LAST_MONTH}-15T09:00:00.000Z`;
          },
        }),
      });
      assert.equal(turn.status, "completed", `${email}: ${JSON.stringify(turn.decisions)}`);
    };
    for (const email of [AGENT, "sol2@ville.example", "urb1@ville.example"])
      await ask(email, "Rédige une invitation au conseil de quartier.", { last: true });
    await ask(REFERENT, "Propose un plan de formation à l'IA.", {});
    await ask(AGENT, "Résume les aides au logement.", {});
    await ask("sol2@ville.example", "Rédige un courriel de relance.", {});
    await ask(
      "sol3@ville.example",
      "Écris à jeanne.martin@ville.example pour son rendez-vous.",
      {},
    );
    for (const email of ["urb1@ville.example", OTHER, "urb3@ville.example"])
      await ask(email, "Quelles pièces pour un permis de construire ?", {});
    await ask("cult1@ville.example", "Propose un titre d'exposition.", {
      model: "etranger/test-model",
    });

    // The agent's own answer, rated with the minutes it saved, through the conversations API.
    const session = await login(app, AGENT);
    const id = (await call(app, "POST", "/api/conversations", session, {})).json().id;
    const answer = await call(app, "POST", `/api/conversations/${id}/messages`, session, {
      content: "Rédige une note d'accueil pour un nouvel agent.",
      generate: true,
    });
    assert.equal(answer.statusCode, 200, answer.body);
    const rated = await call(
      app,
      "POST",
      `/api/conversations/${id}/messages/${answer.json().id}/feedback`,
      session,
      { rating: "up", minutesSaved: 25 },
    );
    assert.equal(rated.statusCode, 200, rated.body);
    // Two more agents with the default assistant: three agents, enough to be shown.
    for (const email of [REFERENT, "sol2@ville.example"]) {
      const them = await login(app, email);
      const conversation = (await call(app, "POST", "/api/conversations", them, {})).json().id;
      const sent = await call(app, "POST", `/api/conversations/${conversation}/messages`, them, {
        content: "Rédige un mot de bienvenue pour l'équipe.",
        generate: true,
      });
      assert.equal(sent.statusCode, 200, sent.body);
    }
    // A use case run by three agents of Urbanisme, through the whole pipeline.
    for (const email of ["urb1@ville.example", OTHER, "urb3@ville.example"]) {
      const run = await call(
        app,
        "POST",
        `/api/usecases/${USE_CASE}/run`,
        await login(app, email),
        {
          values: FIXTURES[USE_CASE]?.values,
        },
      );
      assert.equal(run.statusCode, 200, run.body);
    }
    // A health fact bound for the model abroad: refused by the charter, journaled as such.
    const refused = await app.services.chat.run({
      principal: users.get("cult1@ville.example") as Principal,
      target: "etranger/test-model",
      messages: [
        {
          role: "user",
          content: "Mme Jeanne Durand est diabétique et sous dialyse : quelles aides demander ?",
        },
      ],
    });
    assert.equal(refused.status, "denied", JSON.stringify(refused.decisions));
  });

  test("an administrator reads adoption, uses, protection, impact and comparisons, as the journal says", async () => {
    const { app } = get();
    const records = await readRecords(app);
    const page = await get().page();
    await signIn(page, ADMIN);
    await page.getByRole("link", { name: "Observatoire" }).click();
    const period = `de ${monthName(shift(THIS_MONTH, -11))} à ${monthName(THIS_MONTH)}`;
    await page
      .getByRole("heading", { level: 1, name: `Observatoire : ${period}, toute la collectivité` })
      .waitFor();

    // Adoption: agents active per month, first uses, returning agents.
    const months = tableNamed(page, "Agents actifs par mois");
    for (const month of [LAST_MONTH, THIS_MONTH]) {
      const { active, fresh, returning } = adoption(records, month);
      await expectTexts(cells(months, monthName(month)), [
        String(active),
        String(fresh),
        String(returning),
      ]);
    }
    assert.equal(adoption(records, THIS_MONTH).active, 8, "eight agents this month");
    assert.equal(adoption(records, LAST_MONTH).active, 3, "three agents last month");
    // A month without any agent tells nothing of anyone: its zeros are shown.
    await expectTexts(cells(months, monthName(shift(THIS_MONTH, -5))), ["0", "0", "0"]);
    const directions = tableNamed(page, "Comptes et agents actifs par direction");
    await expectTexts(cells(directions, "Culture"), [HIDDEN]);
    const urbanism = records.filter(
      (r) =>
        r.direction_id === users.get(OTHER)?.directionId && r.at >= `${shift(THIS_MONTH, -11)}`,
    );
    await expectTexts(cells(directions, "Urbanisme"), [
      "4",
      String(distinct(urbanism.map((r) => r.user_id))),
      "1",
    ]);
    await expectTexts(
      cells(tableNamed(page, "Agents qui n'ont jamais utilisé Beffroi"), "jamais"),
      ["jamais@ville.example", "Urbanisme"],
    );
    await expectAccessible(page, "observatory, adoption");

    // Usages: requests and answers, per model; the model a single agent used is withheld, and
    // the only other model with it (the totals less one model would tell the other's figures).
    await page.getByRole("tab", { name: "Usages" }).click();
    await page.getByRole("heading", { level: 2, name: "Usages" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/observatoire/usages");
    const totals = tableNamed(page, "Demandes et réponses sur la période");
    await expectTexts(cells(totals, /^Demandes /), [String(records.length)]);
    await expectTexts(cells(totals, /^Répondues /), [
      String(records.filter((r) => r.status === "completed").length),
    ]);
    await expectTexts(cells(totals, /^Minutes gagnées /), ["25 min (1 réponse notée)"]);
    await expectTexts(cells(totals, /^Refusées /), [
      String(records.filter((r) => r.status !== "completed").length),
    ]);
    assert.ok(
      records.some((r) => r.status !== "completed"),
      "a refusal is in the journal",
    );
    // The use case, by its name, with the requests its three agents ran.
    const subjects = tableNamed(page, "Demandes par assistant et cas d'usage");
    const ran = records.filter((r) => r.assistant_id === `usecase:${USE_CASE}`);
    assert.equal(distinct(ran.map((r) => r.user_id)), 3);
    const useCaseName = (await app.services.useCases.get(USE_CASE)).name;
    await expectTexts(cells(subjects, useCaseName).nth(1), [String(ran.length)]);
    const models = tableNamed(page, "Demandes par modèle");
    const local = records.filter((r) => r.model_ref === "local/test-model");
    assert.ok(distinct(local.map((r) => r.user_id)) >= MIN_AGENTS);
    assert.ok(sum(local, "energy_kwh_min") > 0, "the answers' energy is estimated");
    assert.ok(
      sum(local, "energy_kwh_min") < sum(local, "energy_kwh_max"),
      "within bounds: a range",
    );
    const foreign = records.filter((r) => r.model_ref === "etranger/test-model");
    assert.ok(distinct(foreign.map((r) => r.user_id)) < MIN_AGENTS);
    await expectTexts(
      models.getByRole("cell", {
        name: `Un groupe de moins de ${MIN_AGENTS} agents : non affiché`,
      }),
      [
        `Un groupe de moins de ${MIN_AGENTS} agents : non affiché`,
        `Un groupe de moins de ${MIN_AGENTS} agents : non affiché`,
      ],
    );
    assert.equal(await models.getByText("etranger/test-model").count(), 0);
    assert.equal(await models.getByText("local/test-model").count(), 0);
    await expectAccessible(page, "observatory, uses");

    // Protection: personal data found, counted per type, never shown.
    await page.getByRole("tab", { name: "Protection" }).click();
    await page.getByRole("heading", { level: 2, name: "Protection" }).waitFor();
    const found = new Map<string, number>();
    for (const r of records)
      for (const [type, n] of Object.entries(JSON.parse(r.personal_data ?? "{}") as object))
        found.set(type, (found.get(type) ?? 0) + Number(n));
    assert.ok(found.size > 0, "the e-mail address was found");
    const findings = tableNamed(page, "Données personnelles trouvées, par type");
    // The type found by fewer agents than the threshold is withheld; the period's total says all.
    await expectTexts(cells(findings, /^Total sur la période/), [
      String([...found.values()].reduce((total, n) => total + n, 0)),
      "",
    ]);
    assert.equal(await page.getByText("jeanne.martin").count(), 0, "no value is ever shown");
    await expectAccessible(page, "observatory, protection");

    // Impact: energy per month, as the journal sums it.
    await page.getByRole("tab", { name: "Impact" }).click();
    await page.getByRole("heading", { level: 2, name: "Impact" }).waitFor();
    const impact = tableNamed(page, "Énergie par mois");
    for (const month of [LAST_MONTH, THIS_MONTH]) {
      const inMonth = records.filter((r) => monthOf(r) === month);
      const row = cells(impact, monthName(month));
      await expectTexts(row.first(), [String(inMonth.length)]);
      await expectTexts(row.nth(1), [
        energy(sum(inMonth, "energy_kwh_min"), sum(inMonth, "energy_kwh_max")),
      ]);
    }
    await expectAccessible(page, "observatory, impact");

    await page.getByRole("tab", { name: "Comparaisons" }).click();
    await page.getByText("Aucune campagne de comparaison pour l'instant.").waitFor();
    await expectAccessible(page, "observatory, comparisons");

    // The filter applies to every section: this month alone.
    for (const label of ["Du mois", "Au mois"]) await page.getByLabel(label).fill(THIS_MONTH);
    await page.getByRole("button", { name: "Afficher" }).click();
    await page
      .getByRole("heading", {
        level: 1,
        name: `Observatoire : ${monthName(THIS_MONTH)}, toute la collectivité`,
      })
      .waitFor();
    await page.getByRole("tab", { name: "Adoption" }).click();
    const one = tableNamed(page, "Agents actifs par mois");
    await expectTexts(one.getByRole("rowheader"), [monthName(THIS_MONTH)]);

    // Every figure links to its definition.
    await one.getByRole("link", { name: "Méthode : Agents actifs par mois" }).click();
    await page.getByRole("heading", { level: 1, name: "Méthode de calcul des chiffres" }).waitFor();
    assert.equal(new URL(page.url()).hash, "#agents-actifs");
    await expectFocus(page, "id", "agents-actifs");
    await page.getByRole("region", { name: "Agents actifs" }).getByText("user_id").waitFor();
    await expectAccessible(page, "observatory, method");
  });

  test("the sections are tabs: arrow keys, Home and End move between them", async () => {
    const page = await get().page();
    await signIn(page, "dpo@ville.example");
    await page.getByRole("link", { name: "Observatoire" }).click();
    const adoption = page.getByRole("tab", { name: "Adoption" });
    await adoption.waitFor();
    assert.equal(await adoption.getAttribute("aria-selected"), "true");
    await adoption.focus();
    await page.keyboard.press("ArrowRight");
    await expectFocus(page, "textContent", "Usages");
    await page.getByRole("heading", { level: 2, name: "Usages" }).waitFor();
    assert.equal(
      await page.getByRole("tab", { name: "Usages" }).getAttribute("aria-selected"),
      "true",
    );
    assert.equal(await adoption.getAttribute("tabindex"), "-1", "one tab stop for the tabs");
    await page.keyboard.press("End");
    await expectFocus(page, "textContent", "Comparaisons");
    await page.keyboard.press("ArrowRight");
    await expectFocus(page, "textContent", "Adoption");
    await page.keyboard.press("ArrowLeft");
    await expectFocus(page, "textContent", "Comparaisons");
    await page.keyboard.press("Home");
    await expectFocus(page, "textContent", "Adoption");
    await page.getByRole("heading", { level: 2, name: "Adoption" }).waitFor();
    await tableNamed(page, "Vue d'ensemble de l'adoption").waitFor();
    // Tab leaves the tabs for the panel's first link.
    await page.keyboard.press("Tab");
    await expectFocus(page, "textContent", "Méthode : Vue d'ensemble de l'adoption");
  });

  test("a referent sees their direction and those below it only; a small group is withheld", async () => {
    const { app } = get();
    const records = await readRecords(app);
    const solidarity = new Set(
      [REFERENT, AGENT, "sol2@ville.example", "sol3@ville.example"].map(
        (email) => users.get(email)?.directionId,
      ),
    );
    const theirs = records.filter((r) => solidarity.has(r.direction_id));
    const page = await get().page();
    await signIn(page, REFERENT);
    await page.getByRole("link", { name: "Observatoire" }).click();
    await page.getByRole("heading", { level: 1, name: new RegExp(`, ${SOLIDARITY}$`) }).waitFor();
    await expectTexts(page.getByLabel("Direction", { exact: true }).getByRole("option"), [
      SOLIDARITY,
      CCAS,
    ]);
    const months = tableNamed(page, "Agents actifs par mois");
    // Two of their agents last month: fewer than three, withheld; and this month with it, or
    // the period's figures less this month's would tell last month's.
    assert.equal(adoption(theirs, LAST_MONTH).active, 2);
    assert.ok(adoption(theirs, THIS_MONTH).active >= 3);
    await expectTexts(cells(months, monthName(LAST_MONTH)), [HIDDEN]);
    await expectTexts(cells(months, monthName(THIS_MONTH)), [HIDDEN]);
    assert.equal(await page.getByRole("rowheader", { name: "Urbanisme" }).count(), 0);
    await expectAccessible(page, "observatory, a referent's adoption");

    // The CCAS alone: a single agent, nothing shown.
    await page.getByLabel("Direction", { exact: true }).selectOption({ label: CCAS });
    await page.getByRole("button", { name: "Afficher" }).click();
    await page.getByRole("heading", { level: 1, name: new RegExp(`, ${CCAS}$`) }).waitFor();
    await page
      .getByText(`Moins de ${MIN_AGENTS} agents ont utilisé Beffroi sur cette période`)
      .waitFor();
    await expectAccessible(page, "observatory, a direction under the threshold");
  });

  test("an agent has no observatory: no link, and a refusal in French at its address", async () => {
    const page = await get().page();
    await signIn(page, OTHER);
    await page.getByRole("link", { name: "Mon usage" }).waitFor();
    assert.equal(await page.getByRole("link", { name: "Observatoire" }).count(), 0);
    await page.goto("/observatoire/impact");
    await page.getByRole("heading", { level: 1, name: "Accès refusé" }).waitFor();
    const refused = await page.evaluate(
      `fetch("/api/observatory/impact").then((r) => r.json().then((b) => [r.status, b.error.code]))`,
    );
    assert.deepEqual(refused, [403, "observatory_forbidden"]);
  });

  test("« Mon usage » shows the agent's own figures this month, quotas and the median", async () => {
    const { app } = get();
    const records = await readRecords(app);
    const me = users.get(AGENT)?.userId;
    const mine = records.filter(
      (r) => r.user_id === me && r.status === "completed" && monthOf(r) === THIS_MONTH,
    );
    const quota = await app.store.db
      .selectFrom("quota_usage")
      .select("requests")
      .where("scope", "=", `user:${me}`)
      .where("month", "=", THIS_MONTH)
      .executeTakeFirst();
    const perAgent = new Map<string, number>();
    for (const r of records)
      if (r.user_id && monthOf(r) === THIS_MONTH)
        perAgent.set(r.user_id, (perAgent.get(r.user_id) ?? 0) + 1);
    const median = middle([...perAgent.values()]);

    const page = await get().page();
    await signIn(page, AGENT);
    await page.getByRole("link", { name: "Mon usage" }).click();
    await page
      .getByRole("heading", { level: 1, name: `Mon usage : ${monthName(THIS_MONTH)}` })
      .waitFor();
    const figures = tableNamed(page, "Mes chiffres du mois");
    await expectTexts(cells(figures, "Demandes"), [String(mine.length)]);
    assert.equal(mine.length, 2, "this month's two answers");
    await expectTexts(cells(figures, "Minutes gagnées"), ["25 min, sur 1 réponse notée"]);
    const spent = energy(sum(mine, "energy_kwh_min"), sum(mine, "energy_kwh_max"));
    const energyCell = await cells(figures, "Énergie").textContent();
    assert.ok(energyCell?.startsWith(spent), `${energyCell} starts with ${spent}`);
    assert.match(energyCell ?? "", /min d'une ampoule LED$/);
    await page.getByText(/verres d'eau$/).waitFor();

    const progress = page.getByRole("progressbar", { name: "Demandes (vous)" });
    assert.equal(await progress.getAttribute("max"), "40");
    assert.equal(await progress.getAttribute("value"), String(quota?.requests));
    await page.getByText(`${quota?.requests} sur 40`).waitFor();
    await page.getByRole("progressbar", { name: "Demandes (votre direction)" }).waitFor();
    await page
      .getByText(
        `Médiane des demandes par agent actif ce mois : ${tenths.format(median)} (${perAgent.size} agents actifs).`,
      )
      .waitFor();
    await expectAccessible(page, "my usage");
  });
});

const sum = <R extends Record<string, unknown>>(rows: R[], key: keyof R) =>
  rows.reduce((total, row) => total + Number(row[key] ?? 0), 0);

function middle(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[half] ?? 0)
    : ((sorted[half - 1] ?? 0) + (sorted[half] ?? 0)) / 2;
}

function shift(month: string, by: number): string {
  const [year, index] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, index - 1 + by, 1)).toISOString().slice(0, 7);
}
