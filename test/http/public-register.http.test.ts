import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { exportUseCase, shippedUseCases } from "../../src/assistants/index.js";
import {
  addProvider,
  call,
  describeApps,
  login,
  type Session,
  seedAdmin,
  seedUser,
} from "../support/apps.js";
import { twoContenders } from "../support/arena.js";
import type { OpenAiUpstream } from "../support/openai-upstream.js";

const ANSWER = "# Proposition de réécriture\n\nEnvoyez-nous vos papiers sous quinze jours.";

/** Agents with names, addresses and directions found nowhere else, so that a leak shows. */
const AGENTS = [1, 2, 3, 4, 5].map((n) => ({
  email: `ombeline.quarterolle${n}@ville.example`,
  direction: `Direction des Zéphyrs Obliques ${n}`,
}));
/** Personal data typed in the agents' requests. */
const PERSONAL = ["Bérénice Ondulazzi", "ondulazzi.b@courriel.example", "06 12 34 56 78"];
const TEXT = `Madame ${PERSONAL[0]}, joignable à ${PERSONAL[1]} ou au ${PERSONAL[2]}, est invitée à produire les pièces afférentes à sa demande dans un délai de quinze jours.`;

/** A use case whose texts hold markup, and which admits sovereign hosting at most. */
const TRAP = {
  ...(shippedUseCases().get("langage-clair") as NonNullable<
    ReturnType<ReturnType<typeof shippedUseCases>["get"]>
  >),
  id: "cas-piege",
  name: 'Cas <b>piégé</b> & "guillemets"',
  description: "<script>alert('registre')</script> Réécrire un courrier.",
  sovereignty: "sovereign" as const,
  requiresValidation: false,
};

/**
 * The public register over HTTP, on both stores, with no account: every
 * use case of the catalogue with its models and their hosting (the
 * recommended one first), the data it may handle, the human oversight, a
 * closed battle's verdict, its impact withheld under the charter's
 * threshold; as JSON and as a French page; and not one agent's name,
 * address or direction, nor a word of what they typed.
 */
describeApps(
  "public register",
  (get) => {
    let alpha: OpenAiUpstream;
    let beta: OpenAiUpstream;
    let admin: Session;
    let agents: Session[];

    before(async () => {
      const { app } = get();
      admin = await seedAdmin(app);
      ({ alpha, beta } = await twoContenders(app, admin, { alpha: ANSWER, beta: ANSWER }));
      await addProvider(app, admin, {
        id: "ailleurs",
        baseUrl: beta.url,
        sovereignty: "extraterritorial",
        country: "USA",
      });
      agents = [];
      for (const agent of AGENTS) {
        await seedUser(app, agent.email, ["agent"], agent.direction);
        agents.push(await login(app, agent.email));
      }
      const imported = await call(app, "POST", "/api/usecases/import", admin, {
        yaml: exportUseCase(TRAP),
      });
      assert.equal(imported.statusCode, 200);
      await app.services.useCases.recommend("cli", "langage-clair", "beta/test-model");
    });
    after(async () => {
      await alpha.close();
      await beta.close();
    });

    const register = () => call(get().app, "GET", "/api/public/register");

    it("answers without an account, every use case of the catalogue with its models and hosting", async () => {
      const response = await register();
      assert.equal(response.statusCode, 200, response.body);
      const data = response.json();
      assert.equal(data.collectivite, "Ville de Bourg-sur-Test");
      assert.equal(data.minAgents, 5);
      const ids = data.useCases.map((u: { id: string }) => u.id).sort();
      const catalogue = [...shippedUseCases().keys(), "cas-piege"].sort();
      assert.deepEqual(ids, catalogue);
      const clear = data.useCases.find((u: { id: string }) => u.id === "langage-clair");
      assert.match(clear.purpose, /\w/);
      assert.deepEqual(
        clear.models.map((m: { ref: string; hosting: string; country: string }) => [
          m.ref,
          m.hosting,
          m.country,
        ]),
        [
          ["beta/test-model", "sovereign", "FRA"],
          ["alpha/test-model", "local", "FRA"],
          ["ailleurs/test-model", "extraterritorial", "USA"],
        ],
        "the recommended model first, then from the most sovereign hosting",
      );
      assert.equal(clear.models[0].recommended, true);
      assert.deepEqual(clear.data.personalDataFields, ["Texte à réécrire"]);
      assert.equal(clear.data.leastSovereignHosting, null);
      assert.equal(clear.oversight.validationRequired, true);
      const trap = data.useCases.find((u: { id: string }) => u.id === "cas-piege");
      assert.deepEqual(
        trap.models.map((m: { ref: string }) => m.ref),
        ["alpha/test-model", "beta/test-model"],
        "no extraterritorial model for a use case that admits sovereign hosting at most",
      );
      assert.equal(trap.data.leastSovereignHosting, "sovereign");
      assert.equal(trap.oversight.validationRequired, false);
      // A public route reads no credential: a stale cookie changes nothing.
      const stale = await get().app.server.inject({
        url: "/api/public/register",
        headers: { cookie: "beffroi_session=perime" },
      });
      assert.equal(stale.statusCode, 200);
    });

    it("publishes a use case's impact once as many agents as the threshold used it, withheld before", async () => {
      const { app } = get();
      const run = (agent: Session) =>
        call(app, "POST", "/api/usecases/langage-clair/run", agent, {
          values: { texte: TEXT, public: "Grand public" },
        });
      for (const agent of agents.slice(0, 4)) {
        const ran = await run(agent);
        assert.equal(ran.statusCode, 200, ran.body);
      }
      const impactOf = async () =>
        (await register()).json().useCases.find((u: { id: string }) => u.id === "langage-clair")
          .impact;
      assert.deepEqual(await impactOf(), { hidden: true }, "four agents: under the threshold");
      const fifth = await run(agents[4] as Session);
      assert.equal(fifth.statusCode, 200, fifth.body);
      const impact = await impactOf();
      assert.equal(impact.hidden, false);
      assert.equal(impact.agents, 5);
      assert.equal(impact.turns, 5);
      assert.ok(impact.energyKwh.max > 0, "the models' answers are estimated");
      assert.ok(impact.energyKwh.min <= impact.energyKwh.max);
      const html = (await call(app, "GET", "/registre")).body;
      assert.match(html, /<li>Demandes : 5<\/li>/);
      assert.match(html, /Non publié : moins de 5 agents/, "the other use cases' impact withheld");
    });

    it("shows a closed battle's verdict, in French, with its date", async () => {
      const { app } = get();
      const before = (await register())
        .json()
        .useCases.find((u: { id: string }) => u.id === "langage-clair");
      assert.deepEqual(before.verdicts, []);
      const created = await call(app, "POST", "/api/arena/campaigns", admin, {
        name: "Langage clair : quel modèle ?",
        useCaseId: "langage-clair",
        models: ["alpha/test-model"],
        seed: 7,
      });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id;
      const added = await call(app, "POST", `/api/arena/campaigns/${id}/cases`, admin, {
        title: "Pièces à produire",
        values: {
          texte: "Le demandeur est invité à produire les pièces afférentes.",
          public: "Grand public",
        },
      });
      assert.equal(added.statusCode, 201, added.body);
      const match = await call(app, "POST", `/api/arena/campaigns/${id}/next`, admin);
      assert.equal(match.statusCode, 200, match.body);
      const voted = await call(app, "POST", `/api/arena/matches/${match.json().id}/vote`, admin, {
        choice: "a",
      });
      assert.equal(voted.statusCode, 200, voted.body);
      const closed = await call(app, "POST", `/api/arena/campaigns/${id}/close`, admin);
      assert.equal(closed.statusCode, 200, closed.body);
      const verdict = closed.json().verdict;
      const after = (await register())
        .json()
        .useCases.find((u: { id: string }) => u.id === "langage-clair");
      assert.equal(after.verdicts.length, 1);
      assert.equal(after.verdicts[0].text, verdict.text);
      assert.match(after.verdicts[0].text, /IA|gain|modèle/);
      assert.equal(after.verdicts[0].date, get().clock.now().toISOString().slice(0, 10));
      assert.equal(after.verdicts[0].votes, 1);
      const html = (await call(app, "GET", "/registre")).body;
      assert.ok(html.includes(escaped(verdict.text)), "the verdict is on the page");
    });

    it("serves a French, accessible, script-free page under the server's CSP, not the single-page app", async () => {
      const { app } = get();
      const response = await call(app, "GET", "/registre");
      assert.equal(response.statusCode, 200, response.body);
      assert.match(String(response.headers["content-type"]), /^text\/html; charset=utf-8/);
      assert.match(String(response.headers["content-security-policy"]), /script-src 'self'/);
      const html = response.body;
      assert.match(html, /^<!doctype html>\n<html lang="fr">/);
      assert.match(
        html,
        /<title>Registre des traitements algorithmiques — Ville de Bourg-sur-Test<\/title>/,
      );
      assert.equal(count(html, /<h1>/g), 1);
      const useCases = register();
      const total = (await useCases).json().useCases.length;
      assert.equal(count(html, /<table>/g), total, "a table per use case");
      assert.equal(count(html, /<caption>/g), total, "each with its caption");
      assert.equal(count(html, /<h2 id="cas-/g), total, "each under its heading");
      assert.equal(count(html, /<th scope="row">/g), total * 6);
      assert.doesNotMatch(html, /<script|<style|\sstyle=|\son\w+=/i, "nothing the CSP refuses");
      assert.doesNotMatch(html, /id="root"/, "not the single-page app's shell");
      // Every value escaped: the imported use case's markup is shown as text.
      assert.ok(html.includes("Cas &lt;b&gt;piégé&lt;/b&gt; &amp; &quot;guillemets&quot;"));
      assert.ok(html.includes("&lt;script&gt;alert(&#39;registre&#39;)&lt;/script&gt;"));
      assert.ok(!html.includes("<b>piégé</b>"));
      // The models and their hosting, in words.
      assert.match(html, /hébergement souverain[^<]*, pays FRA/);
      assert.match(html, /Champs du formulaire pouvant contenir des données personnelles/);
      assert.match(html, /un agent doit la relire et la valider/);
      // Its stylesheet, from the same origin, and the links to the data.
      assert.match(html, /<link rel="stylesheet" href="\/registre.css">/);
      const css = await call(app, "GET", "/registre.css");
      assert.equal(css.statusCode, 200);
      assert.match(String(css.headers["content-type"]), /^text\/css/);
      assert.match(css.body, /@media print/);
      for (const link of [...html.matchAll(/href="(\/api\/[^"]+)"/g)].map((m) => m[1] as string)) {
        const linked = await call(app, "GET", link);
        assert.equal(linked.statusCode, 200, `${link}: ${linked.body}`);
      }
    });

    it("holds no agent's name, address or direction, and nothing they typed", async () => {
      const { app } = get();
      const json = (await register()).body;
      const html = (await call(app, "GET", "/registre")).body;
      const csv = (await call(app, "GET", "/api/public/opendata/usage.csv")).body;
      const secrets = [
        ...AGENTS.flatMap((agent) => [agent.email, agent.email.split("@")[0] as string]),
        "ombeline",
        "quarterolle",
        "Zéphyrs",
        "dsi@ville.example",
        ...PERSONAL,
        "Ondulazzi",
        "pièces afférentes",
      ];
      for (const secret of secrets) {
        for (const [name, body] of [
          ["JSON", json],
          ["HTML", html],
          ["CSV", csv],
        ] as const)
          assert.ok(!body.toLowerCase().includes(secret.toLowerCase()), `${secret} in the ${name}`);
      }
    });
  },
  { BEFFROI_PUBLICATION__NAME: "Ville de Bourg-sur-Test" },
);

describeApps(
  "public register switched off",
  (get) => {
    it("answers 404 with a sentence when the collectivité publishes neither", async () => {
      const { app } = get();
      for (const [url, code] of [
        ["/api/public/register", "register_unpublished"],
        ["/registre", "register_unpublished"],
        ["/api/public/opendata/usage.csv", "opendata_unpublished"],
        ["/api/public/opendata/usage.schema.json", "opendata_unpublished"],
      ]) {
        const response = await call(app, "GET", url as string);
        assert.equal(response.statusCode, 404, url);
        assert.equal(response.json().error.code, code);
        assert.match(response.json().error.message, /ne publie pas/);
      }
    });
  },
  { BEFFROI_PUBLICATION__REGISTER: "false", BEFFROI_PUBLICATION__OPEN_DATA: "false" },
);

const count = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].length;

const escaped = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
