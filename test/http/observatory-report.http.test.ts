import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, it } from "node:test";
import type { App } from "../../src/app.js";
import { templateYaml } from "../../src/charter/index.js";
import { DAY } from "../../src/shared/clock.js";
import {
  call,
  describeApps,
  healthWhile,
  login,
  type Session,
  seedAdmin,
  seedUser,
} from "../support/apps.js";
import { castOf, twoHostings } from "../support/cast.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

/** The balanced charter with a threshold of two agents (and a title, to tell versions apart). */
const charterYaml = (title: string) =>
  `${templateYaml("balanced").replace(/^title:.*$/m, `title: "${title}"`)}\nobservatory: { minAgents: 2 }\n`;

const CAST: [string, ("agent" | "referent" | "auditor")[], string][] = [
  ["dpo", ["auditor"], "DSI"],
  ["sol1", ["agent"], "Solidarités"],
  ["sol2", ["agent"], "Solidarités"],
  ["sol3", ["agent"], "Solidarités"],
  ["ref.sol", ["referent"], "Solidarités"],
  ["urba1", ["agent"], "Urbanisme"],
];

/** A PDF opened with pdf.js (as the PDF parser reads documents). */
async function openPdf(bytes: Uint8Array) {
  const worker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  return getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
}

/** The text of a PDF, page after page. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const document = await openPdf(bytes);
  const parts: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    for (const item of content.items) if ("str" in item) parts.push(item.str);
  }
  await document.destroy();
  return spaced(parts.join(" "));
}

/** A PDF's information dictionary (title, creation date…), through pdf.js. */
async function pdfInfo(bytes: Uint8Array): Promise<Record<string, unknown>> {
  const document = await openPdf(bytes);
  const { info } = await document.getMetadata();
  await document.destroy();
  return info as Record<string, unknown>;
}

/** Every run of spaces (no-break ones too) as one space. */
const spaced = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, " ").trim();

/** The text of an HTML page, tags removed and entities read. */
const textOf = (html: string) =>
  spaced(
    html
      .replace(/<[^>]+>/g, " ")
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&"),
  );

const HEADINGS = [
  "Rapport mensuel de l'observatoire",
  "Chiffres clés du mois",
  "Évolution sur douze mois",
  "Principaux cas d'usage du mois",
  "Protection des données personnelles et refus",
  "Comparaisons de modèles : verdicts",
  "Ce qui a changé dans la charte et les bases",
];

describeApps("observatory monthly report", (get) => {
  let upstream: OpenAiUpstream;
  let admin: Session;
  let courriers: string;
  const cast = castOf(() => get().app);
  const { as, converse, validate } = cast;
  const app = (): App => get().app;
  const relogin = async () => {
    admin = await login(app(), "dsi@ville.example");
    await cast.signIn(CAST.map(([who]) => who));
  };
  const rate = (who: string, conversation: string, message: string, minutes: number) =>
    cast.rate(who, conversation, message, { rating: "up", minutesSaved: minutes });
  const report = (who: Session, query: Record<string, string>) =>
    call(app(), "GET", `/api/observatory/report?${new URLSearchParams(query)}`, who);
  /** February's report as a PDF, asked by `who`. */
  const februaryPdf = async (who: Session) => {
    const answer = await app().server.inject({
      method: "GET",
      url: "/api/observatory/report?month=2026-02&format=pdf",
      headers: { cookie: who.cookie },
    });
    assert.equal(answer.statusCode, 200, answer.body);
    assert.equal(answer.headers["content-type"], "application/pdf");
    return answer;
  };
  /** The PDF's text holds February's scope line and each key figure the API gives, with its label. */
  const holdsKeyFigures = async (text: string, who: Session) => {
    assert.ok(text.includes("février 2026 · Toute la collectivité"), text.slice(0, 200));
    const { rows } = await expectedFigures(who, {});
    const { t } = await import("../../src/i18n/index.js");
    for (const [id, value] of Object.entries(rows)) {
      const label = t(`report.key.${id}` as never);
      assert.ok(
        text.includes(spaced(`${label} ${value.replace("−", "-")}`)),
        `${id}: ${label} ${value}`,
      );
    }
  };
  const figures = async (who: Session, section: string, query: Record<string, string>) => {
    const response = await call(
      app(),
      "GET",
      `/api/observatory/${section}?${new URLSearchParams(query)}`,
      who,
    );
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  };

  before(async () => {
    upstream = await startOpenAiUpstream();
    const a = app();
    admin = await seedAdmin(a);
    const saved = await call(a, "PUT", "/api/charter", admin, { yaml: charterYaml("Charte") });
    assert.equal(saved.statusCode, 200, saved.body);
    for (const [who, roles, direction] of CAST)
      await seedUser(a, `${who}@ville.example`, roles, direction);
    await relogin();
    courriers = await twoHostings(a, admin, upstream.url);
  });
  after(() => upstream.close());

  it("fills the journal with real turns over January and February, and changes the charter and a base in February", async () => {
    // January (the clock starts on the 5th): five agents.
    for (const who of ["sol1", "sol2", "sol3", "ref.sol", "urba1"]) {
      const turn = await converse(who, "Rédige une note sur l'accueil du public.");
      assert.equal(turn.status, 200, JSON.stringify(turn.body));
    }
    // February: four agents come back.
    get().clock.advance(31 * DAY);
    await relogin();
    upstream.script({ kind: "reply", text: "Madame [PERSONNE_1], nous vous rappelons." });
    const letter = await converse(
      "sol1",
      "Rédige un courrier à Mme Martine Dupont, joignable au 06 12 34 56 78.",
      courriers,
    );
    assert.equal(letter.status, 200, JSON.stringify(letter.body));
    await validate("sol1", letter.conversation, letter.body.id);
    await rate("sol1", letter.conversation, letter.body.id, 20);
    const health = await converse(
      "sol2",
      "Mme Jeanne Durand est diabétique et sous dialyse : quelles aides peut-elle demander ?",
      courriers,
    );
    assert.equal(health.status, 403, JSON.stringify(health.body));
    const agenda = await converse("sol2", "Prépare l'ordre du jour d'une réunion d'équipe.");
    assert.equal(agenda.status, 200, JSON.stringify(agenda.body));
    await rate("sol2", agenda.conversation, agenda.body.id, 5);
    const summary = await converse("ref.sol", "Résume le rôle d'un référent.");
    assert.equal(summary.status, 200, JSON.stringify(summary.body));
    await validate("ref.sol", summary.conversation, summary.body.id);
    assert.equal((await converse("urba1", "Résume le règlement de voirie.")).status, 200);

    const saved = await call(app(), "PUT", "/api/charter", admin, {
      yaml: charterYaml("Charte de février"),
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const solidarites = await app().services.directions.find("Solidarités");
    const base = await call(app(), "POST", "/api/knowledge-bases", admin, {
      name: "Aides sociales",
      ownerDirectionId: solidarites?.id,
    });
    assert.equal(base.statusCode, 201, base.body);
    // A battle closed in February, before any vote: its verdict says so.
    const campaign = await call(app(), "POST", "/api/arena/campaigns", admin, {
      name: "Langage clair : quel modèle ?",
      useCaseId: "langage-clair",
      models: ["local/test-model"],
    });
    assert.equal(campaign.statusCode, 201, campaign.body);
    const closed = await call(
      app(),
      "POST",
      `/api/arena/campaigns/${campaign.json().id}/close`,
      admin,
    );
    assert.equal(closed.statusCode, 200, closed.body);
  });

  /** The month's key figures as the figures API answers them, formatted as the report writes them. */
  const expectedFigures = async (who: Session, query: Record<string, string>) => {
    const { energyText, gwpText, waterText, integer, percent, signed } = await import(
      "../../src/observatory/report.format.js"
    );
    const month = { from: "2026-02", to: "2026-02", ...query };
    const uses = await figures(who, "uses", month);
    const impact = await figures(who, "impact", month);
    const protection = await figures(who, "protection", month);
    const adoption = await figures(who, "adoption", { from: "2026-01", to: "2026-02", ...query });
    const [january, february] = adoption.months;
    // Over the whole scope: the types withheld are counted in it, not told apart.
    const findings: number = protection.totalFindings;
    const action = (name: string) =>
      protection.actions.find((row: { action: string }) => row.action === name)?.turns ?? 0;
    return {
      raw: { uses, february, january, findings },
      rows: {
        active_agents: integer(february.activeAgents),
        change: `${signed(february.activeAgents - january.activeAgents)} (mois précédent : ${integer(january.activeAgents)})`,
        turns: integer(uses.totals.turns),
        validated: integer(uses.totals.validated),
        validation_rate: percent(uses.totals.validated / uses.totals.completed),
        minutes_saved: `${integer(uses.totals.minutesSaved)} min, sur ${integer(uses.totals.minutesAnswers)} réponses notées`,
        energy: energyText(impact.totals.energyKwh),
        gwp: gwpText(impact.totals.gwpKgCo2e),
        water: waterText(impact.totals.waterL),
        personal_data: integer(findings),
        pseudonymised: integer(action("pseudonymise")),
        blocked: integer(action("block")),
        refused: integer(uses.totals.refused),
      } as Record<string, string>,
    };
  };

  it("composes February's report in HTML: the figures API's key figures, a table beside each chart, what changed, nothing but figures", async () => {
    const auditor = as("dpo");
    const answer = await report(auditor, { month: "2026-02", format: "html" });
    assert.equal(answer.statusCode, 200, answer.body);
    assert.match(String(answer.headers["content-type"]), /^text\/html/);
    const html = answer.body;
    // Self-contained and CSP-compatible: no script, no style attribute, its stylesheet allowed by hash.
    assert.ok(!/<script/i.test(html) && !/\sstyle=/i.test(html) && !/\son\w+=/i.test(html));
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    assert.ok(style.includes("@media print"), "a print stylesheet");
    const digest = createHash("sha256").update(style).digest("base64");
    assert.ok(
      String(answer.headers["content-security-policy"]).includes(`'sha256-${digest}'`),
      String(answer.headers["content-security-policy"]),
    );
    assert.ok(!/(?:src|href)="https?:/.test(html), "nothing fetched from elsewhere");

    const { raw, rows } = await expectedFigures(auditor, {});
    // The journal's own facts, so that the figures compared are not empty.
    assert.equal(raw.february.activeAgents, 4);
    assert.equal(raw.january.activeAgents, 5);
    assert.equal(raw.uses.totals.turns, 5);
    assert.equal(raw.uses.totals.validated, 2);
    assert.equal(raw.uses.totals.minutesSaved, 25);
    assert.equal(raw.uses.totals.refused, 1);
    assert.ok(raw.findings >= 2, `${raw.findings} findings`);
    assert.equal(rows.change, "−1 (mois précédent : 5)");
    for (const [id, text] of Object.entries(rows)) {
      const cell = new RegExp(
        `<tr data-figure="${id}"><th scope="row">[^<]+</th><td[^>]*>([^<]*)</td>`,
      ).exec(html)?.[1];
      assert.equal(cell && textOf(cell), spaced(text), id);
    }
    const text = textOf(html);
    for (const heading of HEADINGS) assert.ok(text.includes(heading), heading);
    assert.ok(text.includes("février 2026 · Toute la collectivité"));

    // Four charts, each an SVG with a table beside it; readable without colour: hatching and labels.
    const charts = [...html.matchAll(/<div class="chart" data-chart="(\w+)">([\s\S]*?)<\/div>/g)];
    assert.deepEqual(
      charts.map((chart) => chart[1]),
      ["agents", "turns", "energy", "uses"],
    );
    for (const [, id, chart] of charts) {
      assert.match(
        chart ?? "",
        /<svg[\s\S]*<\/svg><\/figure><table>/,
        `${id}: a chart, then its table`,
      );
      assert.match(chart ?? "", /<pattern id="hachures-/, `${id}: hatching`);
    }
    const agents = charts[0]?.[2] ?? "";
    assert.match(agents, /<th scope="row">janvier 2026<\/th><td class="number">5<\/td>/);
    assert.match(agents, /<th scope="row">février 2026<\/th><td class="number">4<\/td>/);
    // A month no agent was active in tells nothing of anyone: its zero is shown.
    assert.match(agents, /<th scope="row">décembre 2025<\/th><td class="number">0<\/td>/);
    assert.match(charts[3]?.[2] ?? "", /<th scope="row">Courriers aux usagers<\/th>/);

    // What changed: the charter's new version and its section, the base created (counts, never content).
    assert.match(
      text,
      /Nouvelles versions de la charte d'usage Version Date Parties modifiées 3 \d+ février 2026 title/,
    );
    assert.match(text, /base de connaissances créée 1/);
    assert.match(
      text,
      /Campagnes closes ce mois-ci et leur verdict Campagne Votes Verdict Langage clair : quel modèle \? \(Langage clair\) 0 Pas encore de vote : aucun verdict\./,
    );
    // Figures only: no agent, no message, no base's name.
    for (const secret of ["Dupont", "Martine", "diabétique", "sol1@", "ref.sol", "Aides sociales"])
      assert.ok(!html.includes(secret), secret);
  });

  it("keeps /healthz answering while PDFs are drawn, the process's first one included", async () => {
    const auditor = as("dpo");
    const base = await app().server.listen({ host: "127.0.0.1", port: 0 });
    // The process's first PDF starts the drawing thread and loads pdfkit and its fonts there.
    for (let round = 0; round < 3; round++) {
      let bytes: Uint8Array | undefined;
      const waits = await healthWhile(base, async () => {
        bytes = (await februaryPdf(auditor)).rawPayload;
      });
      assert.ok(waits.length > 0, `round ${round}: /healthz asked`);
      assert.ok(
        Math.max(...waits) < 200,
        `round ${round}: slowest /healthz answer ${Math.max(...waits)} ms`,
      );
      const pdf = bytes ?? new Uint8Array();
      // The report crossed to the drawing thread whole: its instant is the PDF's creation date.
      const created = get().clock.now().toISOString().slice(0, 19).replace(/[-:T]/g, "");
      assert.equal((await pdfInfo(pdf)).CreationDate, `D:${created}Z`);
      await holdsKeyFigures(await pdfText(pdf), auditor);
    }
  });

  it("writes the same figures and French headings in the PDF, with its charts' tables", async () => {
    const auditor = as("dpo");
    const answer = await februaryPdf(auditor);
    assert.match(String(answer.headers["content-disposition"]), /beffroi-rapport-2026-02\.pdf/);
    const bytes = answer.rawPayload;
    assert.equal(bytes.subarray(0, 5).toString("latin1"), "%PDF-");
    const text = await pdfText(bytes);
    for (const heading of HEADINGS) assert.ok(text.includes(heading), heading);
    await holdsKeyFigures(text, auditor);
    for (const caption of [
      "Agents actifs par mois",
      "Mois Agents actifs",
      "janvier 2026 5 février 2026 4",
      "Demandes par mois",
      "Demandes et réponses validées par assistant ou cas d'usage",
      "hachures : réponses validées",
      "base de connaissances créée 1",
      "Pas encore de vote : aucun verdict.",
    ])
      assert.ok(text.includes(caption), caption);
    for (const secret of ["Dupont", "Martine", "diabétique", "Aides sociales"])
      assert.ok(!text.includes(secret), secret);
  });

  it("gives referents their direction's report only, withholds small groups, and refuses agents", async () => {
    const referent = await report(as("ref.sol"), { month: "2026-02" });
    assert.equal(referent.statusCode, 200, referent.body);
    const text = textOf(referent.body);
    assert.ok(text.includes("Direction Solidarités"), text.slice(0, 300));
    const { rows } = await expectedFigures(as("ref.sol"), {});
    assert.match(
      referent.body,
      new RegExp(
        `data-figure="turns"><th scope="row">Demandes</th><td class="number">${rows.turns}<`,
      ),
    );
    assert.equal(rows.turns, "4");
    // The charter is everyone's; the audit log's actions on the bases are not a referent's to read.
    assert.match(text, /Nouvelles versions de la charte d'usage/);
    assert.ok(text.includes("il figure dans le rapport des administrateurs et des auditeurs"));
    assert.ok(!text.includes("base de connaissances créée"));

    const urbanisme = await app().services.directions.find("Urbanisme");
    const other = await report(as("ref.sol"), { month: "2026-02", direction: urbanisme?.id ?? "" });
    assert.equal(other.statusCode, 403, other.body);
    assert.equal(other.json().error.code, "observatory_forbidden");
    const agent = await report(as("sol1"), { month: "2026-02", format: "pdf" });
    assert.equal(agent.statusCode, 403, agent.body);

    // One agent in Urbanisme, under the threshold of two: the month's figures withheld.
    const small = await report(admin, { month: "2026-02", direction: urbanisme?.id ?? "" });
    assert.equal(small.statusCode, 200, small.body);
    assert.match(
      small.body,
      /data-figure="turns"><th scope="row">Demandes<\/th><td class="number">n\.c\.</,
    );
    assert.ok(textOf(small.body).includes("Moins de 2 agents actifs ce mois-ci"));

    const future = await report(admin, { month: "2026-03" });
    assert.equal(future.statusCode, 400, future.body);
    assert.equal(future.json().error.code, "observatory_report_month_invalid");
  });

  it("keeps last month's report once the month is over, once even when two rounds run at once", async () => {
    const service = app().services.observatoryReports;
    // Another instance is generating January's: left to it while its claim holds, taken over once lapsed.
    const now = get().clock.now().getTime();
    await app()
      .store.db.insertInto("observatory_reports")
      .values({
        month: "2026-01",
        claim: "autre-instance",
        claimed_until: new Date(now + 5 * 60_000).toISOString(),
      })
      .execute();
    assert.equal(await service.generateDue(), null, "claimed by another instance");
    await app()
      .store.db.updateTable("observatory_reports")
      .set({ claimed_until: new Date(now - 60_000).toISOString() })
      .where("month", "=", "2026-01")
      .execute();
    assert.equal(await service.generateDue(), "2026-01", "January is over: its report is due");
    get().clock.advance(28 * DAY);
    await relogin();
    const rounds = await Promise.all([service.generateDue(), service.generateDue()]);
    assert.deepEqual(rounds.sort(), ["2026-02", null].sort());
    assert.equal(await service.generateDue(), null, "kept already");
    await app().services.reportScheduler.runRound();
    const rows = await app()
      .store.db.selectFrom("observatory_reports")
      .select(["month", "generated_at"])
      .orderBy("month")
      .execute();
    assert.deepEqual(
      rows.map((row) => row.month),
      ["2026-01", "2026-02"],
    );

    const listed = await call(app(), "GET", "/api/observatory/reports", as("dpo"));
    assert.equal(listed.statusCode, 200, listed.body);
    assert.deepEqual(
      listed.json().reports.map((row: { month: string }) => row.month),
      ["2026-02", "2026-01"],
    );
    const html = await call(
      app(),
      "GET",
      "/api/observatory/reports/2026-02?format=html",
      as("dpo"),
    );
    assert.equal(html.statusCode, 200, html.body);
    assert.match(String(html.headers["content-type"]), /^text\/html/);
    const kept = /<style>([\s\S]*?)<\/style>/.exec(html.body)?.[1] ?? "";
    assert.ok(
      String(html.headers["content-security-policy"]).includes(
        `'sha256-${createHash("sha256").update(kept).digest("base64")}'`,
      ),
    );
    const { rows: expected } = await expectedFigures(as("dpo"), {});
    for (const id of ["turns", "validated", "energy", "refused"])
      assert.ok(
        html.body.includes(`data-figure="${id}"><th scope="row">`) &&
          textOf(html.body).includes(spaced(expected[id] ?? "?")),
        id,
      );
    // The collectivité's report: the audit log's actions are in it.
    assert.ok(textOf(html.body).includes("base de connaissances créée 1"));
    const pdf = await app().server.inject({
      method: "GET",
      url: "/api/observatory/reports/2026-02",
      headers: { cookie: as("dpo").cookie },
    });
    assert.equal(pdf.statusCode, 200, pdf.body);
    assert.equal(pdf.headers["content-type"], "application/pdf");
    assert.ok((await pdfText(pdf.rawPayload)).includes("Chiffres clés du mois"));

    const missing = await call(app(), "GET", "/api/observatory/reports/2025-11", as("dpo"));
    assert.equal(missing.statusCode, 404, missing.body);
    assert.equal(missing.json().error.code, "observatory_report_not_found");
    // The kept reports cover every direction: readers of the audit log only.
    for (const who of ["ref.sol", "sol1"]) {
      assert.equal((await call(app(), "GET", "/api/observatory/reports", as(who))).statusCode, 403);
      const download = await call(app(), "GET", "/api/observatory/reports/2026-02", as(who));
      assert.equal(download.statusCode, 403);
    }
  });
});
