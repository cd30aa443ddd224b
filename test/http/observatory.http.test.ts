import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import type { Selectable } from "kysely";
import type { App } from "../../src/app.js";
import { templateYaml } from "../../src/charter/index.js";
import { DAY } from "../../src/shared/clock.js";
import type { UsageRecordTable } from "../../src/store/index.js";
import { call, describeApps, login, type Session, seedAdmin, seedUser } from "../support/apps.js";
import { castOf, LOCAL, twoHostings } from "../support/cast.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";
import { FIXTURES } from "./usecase-values.js";

/** The balanced charter, a monthly quota of four requests per agent, and the observatory's rules. */
const charterYaml = (observatory: string) =>
  `${templateYaml("balanced").replace(
    /^quotas:.*$/m,
    "quotas: { agent: { requests: 4 }, onExceed: deny }",
  )}\nobservatory: ${observatory}\n`;

/** The cast: directions, and who is in them (e-mail prefix → roles, direction, charter accepted). */
const CAST: [string, ("agent" | "referent" | "auditor")[], string, boolean?][] = [
  ["dpo", ["auditor"], "DSI"],
  ["sol1", ["agent"], "Solidarités"],
  ["sol2", ["agent"], "Solidarités"],
  ["sol3", ["agent"], "Solidarités"],
  ["ref.sol", ["referent"], "Solidarités"],
  ["sol.jamais", ["agent"], "Solidarités"],
  ["ccas1", ["agent"], "Solidarités > CCAS"],
  ["ccas2", ["agent"], "Solidarités > CCAS"],
  ["ccas.jamais", ["agent"], "Solidarités > CCAS"],
  ["cul1", ["agent"], "Culture"],
  ["cul2", ["agent"], "Culture"],
  ["cul3", ["agent"], "Culture"],
  ["cul4", ["agent"], "Culture"],
  ["cul5", ["agent"], "Culture"],
  ["cul6", ["agent"], "Culture"],
  ["ref.cul", ["referent"], "Culture"],
  ["cul.jamais", ["agent"], "Culture"],
  ["cul.nouveau", ["agent"], "Culture", false],
  ["urba1", ["agent"], "Urbanisme"],
  ["urba.jamais", ["agent"], "Urbanisme"],
];

/**
 * The observatory's figures (issue 20, "done when"), each checked against
 * the journal itself: real turns over HTTP (conversations, use-case runs,
 * `/v1` with a key) from agents of four directions over two months, on a
 * local and an extraterritorial model, with personal data pseudonymised or
 * refused, quota and charter refusals, ratings, minutes saved and
 * validations; then every figure of every page computed again here from
 * `usage_records` alone, by plain code, and compared. The charter's
 * threshold hides small groups; referents see their own directions only.
 */
describeApps(
  "observatory figures, against the journal",
  (get) => {
    let upstream: OpenAiUpstream;
    let admin: Session;
    let courriers: string;
    const keys = new Map<string, string>();
    const ids = new Map<string, string>();

    const app = (): App => get().app;
    const cast = castOf(() => get().app);
    const { as, converse, rate, validate } = cast;
    const relogin = async () => {
      admin = await login(app(), "dsi@ville.example");
      await cast.signIn(CAST.map(([who]) => who));
    };

    const completion = (who: string, model: string, content: string) =>
      call(
        app(),
        "POST",
        "/v1/chat/completions",
        { apiKey: keys.get(who) ?? "" },
        {
          model,
          messages: [{ role: "user", content }],
        },
      );
    const runUseCase = async (who: string) => {
      const run = await call(app(), "POST", "/api/usecases/langage-clair/run", as(who), {
        values: FIXTURES["langage-clair"]?.values,
      });
      assert.equal(run.statusCode, 200, run.body);
      return run.json() as { conversationId: string; answer: { messageId: string } };
    };

    before(async () => {
      upstream = await startOpenAiUpstream();
      const a = app();
      admin = await seedAdmin(a);
      const saved = await call(a, "PUT", "/api/charter", admin, {
        yaml: charterYaml("{ minAgents: 5 }"),
      });
      assert.equal(saved.statusCode, 200, saved.body);
      for (const [who, roles, direction, accepts] of CAST) {
        const user = await seedUser(a, `${who}@ville.example`, roles, direction, {
          acceptCharter: accepts !== false,
        });
        ids.set(who, user.id);
        if (roles.includes("auditor")) continue;
        keys.set(
          who,
          (await a.services.apiKeys.create(user.id, { name: "script", scopes: ["chat"] })).token,
        );
      }
      await relogin();
      courriers = await twoHostings(a, admin, upstream.url);
    });
    after(() => upstream.close());

    /** The journal as it is, read by SQL: what every expected figure is computed from. */
    const journal = async (): Promise<Rec[]> =>
      (await app().store.db.selectFrom("usage_records").selectAll().execute()).map(recOf);

    /** Every account as the directory holds it, read by SQL. */
    const accountsOf = async (): Promise<AccountRow[]> => {
      const roles = new Map<string, string[]>();
      for (const { user_id, role } of await app()
        .store.db.selectFrom("user_roles")
        .select(["user_id", "role"])
        .execute())
        roles.set(user_id, [...(roles.get(user_id) ?? []), role]);
      return (
        await app()
          .store.db.selectFrom("users")
          .leftJoin("directions", "directions.id", "users.direction_id")
          .select([
            "users.id as id",
            "users.email as email",
            "users.display_name as displayName",
            "users.direction_id as directionId",
            "directions.path as directionPath",
            "users.disabled_at as disabledAt",
          ])
          .execute()
      ).filter(
        (account) =>
          account.disabledAt === null &&
          // An auditor's (the DPO's) account has no chat to use: never counted among the agents.
          roles.get(account.id)?.some((role) => role !== "auditor"),
      );
    };
    /** Subjects' names: the assistants' as stored, the use case's as the catalogue names it. */
    const subjectNamesOf = async () =>
      new Map([
        ...(await app().store.db.selectFrom("assistants").select(["id", "name"]).execute()).map(
          (row): [string, string] => [row.id, row.name],
        ),
        ["usecase:langage-clair", "Langage clair"],
        ["usecase:reponse-cee", "Réponse à un usager sur les certificats d'économies d'énergie"],
      ]);

    /** The directions' ids by path, and a path's subtree. */
    const directionId = async (path: string) => {
      const found = await app().services.directions.find(path);
      assert.ok(found, path);
      return found.id;
    };
    const subtree = async (path: string) =>
      (await app().services.directions.list())
        .filter((d) => d.path === path || d.path.startsWith(`${path} > `))
        .map((d) => d.id);

    const figures = (who: Session, section: string, query: Record<string, string> = {}) =>
      call(app(), "GET", `/api/observatory/${section}?${new URLSearchParams(query)}`, who);
    const setRules = async (observatory: string) => {
      const saved = await call(app(), "PUT", "/api/charter", admin, {
        yaml: charterYaml(observatory),
      });
      assert.equal(saved.statusCode, 200, saved.body);
    };

    it("fills the journal with real turns over two months: answers, pseudonyms, refusals, ratings, validations", async () => {
      // January (the clock starts on the 5th).
      const note = await converse("sol1", "Rédige une note sur l'accueil du public.");
      assert.equal(note.status, 200, JSON.stringify(note.body));
      assert.equal(note.body.metadata.model.ref, LOCAL);
      await rate("sol1", note.conversation, note.body.id, { rating: "up", minutesSaved: 10 });
      await validate("sol1", note.conversation, note.body.id);

      // A name and a phone number for a foreign model: sent as pseudonyms.
      upstream.script({ kind: "reply", text: "Madame [PERSONNE_1], nous vous rappelons." });
      const letter = await converse(
        "sol1",
        "Rédige un courrier à Mme Martine Dupont, joignable au 06 12 34 56 78.",
        courriers,
      );
      assert.equal(letter.status, 200, JSON.stringify(letter.body));
      const outbound = JSON.stringify(upstream.requests.at(-1)?.body);
      assert.ok(!outbound.includes("Dupont") && !outbound.includes("56 78"), outbound);
      await validate("sol1", letter.conversation, letter.body.id);
      await rate("sol1", letter.conversation, letter.body.id, { rating: "up", minutesSaved: 20 });

      // A health fact for a foreign model: refused.
      const calls = upstream.requests.length;
      const health = await converse(
        "sol2",
        "Mme Jeanne Durand est diabétique et sous dialyse : quelles aides peut-elle demander ?",
        courriers,
      );
      assert.equal(health.status, 403, JSON.stringify(health.body));
      assert.equal(upstream.requests.length, calls, "the foreign model never received it");
      const agenda = await converse("sol2", "Prépare l'ordre du jour d'une réunion d'équipe.");
      assert.equal(agenda.status, 200, JSON.stringify(agenda.body));
      await rate("sol2", agenda.conversation, agenda.body.id, { rating: "down" });

      const run = await runUseCase("sol3");
      await validate("sol3", run.conversationId, run.answer.messageId);
      await rate("sol3", run.conversationId, run.answer.messageId, {
        rating: "up",
        minutesSaved: 30,
      });
      assert.equal((await converse("ref.sol", "Résume le rôle d'un référent.")).status, 200);
      const direct = await completion("ccas1", LOCAL, "Propose un titre pour une affiche.");
      assert.equal(direct.statusCode, 200, direct.body);
      const relance = await completion("ccas2", `assistant/${courriers}`, "Rédige une relance.");
      assert.equal(relance.statusCode, 200, relance.body);
      assert.equal(relance.json().beffroi.sovereignty, "extraterritorial");
      // The charter not accepted yet: refused.
      const newcomer = await completion("cul.nouveau", LOCAL, "Bonjour");
      assert.equal(newcomer.statusCode, 403, newcomer.body);
      for (const who of ["cul1", "cul2", "cul3", "cul4", "cul5"])
        assert.equal((await converse(who, "Propose un programme culturel d'été.")).status, 200);
      // The charter's quota: four requests a month, the fifth refused.
      for (const _ of [1, 2, 3])
        assert.equal((await converse("cul1", "Une idée d'animation ?")).status, 200);
      const quota = await converse("cul1", "Encore une idée d'animation ?");
      assert.equal(quota.status, 403, JSON.stringify(quota.body));
      const paul = await converse(
        "urba1",
        "Appelle M. Paul Martin au 06 98 76 54 32 pour son permis.",
      );
      assert.equal(paul.status, 200, JSON.stringify(paul.body));
      const other = await runUseCase("cul2");
      await rate("cul2", other.conversationId, other.answer.messageId, {
        rating: "up",
        minutesSaved: 15,
      });

      // February: some come back, one starts.
      get().clock.advance(31 * DAY);
      await relogin();
      const back = await converse("sol1", "Rédige une note de service.");
      assert.equal(back.status, 200, JSON.stringify(back.body));
      await validate("sol1", back.conversation, back.body.id);
      assert.equal((await completion("ccas1", LOCAL, "Un titre de plus ?")).statusCode, 200);
      upstream.script({ kind: "reply", text: "Monsieur [PERSONNE_1], votre dossier est complet." });
      const abroad = await converse(
        "cul2",
        "Écris à M. Karim Benali, au 07 11 22 33 44, que son dossier est complet.",
        courriers,
      );
      assert.equal(abroad.status, 200, JSON.stringify(abroad.body));
      const thanks = await converse("cul3", "Rédige un mot de remerciement aux bénévoles.");
      assert.equal(thanks.status, 200, JSON.stringify(thanks.body));
      await rate("cul3", thanks.conversation, thanks.body.id, { rating: "up", minutesSaved: 5 });
      assert.equal((await converse("cul6", "Présente la médiathèque.")).status, 200);
      const late = await runUseCase("cul6");
      await validate("cul6", late.conversationId, late.answer.messageId);
      assert.equal((await converse("urba1", "Résume le règlement de voirie.")).status, 200);
      const again = await converse(
        "sol2",
        "M. Hugo Leroy est séropositif : quelles aides peut-il demander ?",
        courriers,
      );
      assert.equal(again.status, 403, JSON.stringify(again.body));

      // January's answer rated again in February, without minutes: January's figures move.
      await rate("sol1", note.conversation, note.body.id, { rating: "down" });
      // Validated twice: counted once.
      await validate("sol1", back.conversation, back.body.id);
      // A use case that must ground its answer, with no base to ground on: it abstains.
      const cee = await call(app(), "POST", "/api/usecases/reponse-cee/run", as("cul3"), {
        values: FIXTURES["reponse-cee"]?.values,
      });
      assert.equal(cee.statusCode, 200, cee.body);
      assert.notEqual(cee.json().answer?.mode, "model");
      // An account closed before it was ever used: no longer counted.
      const closed = await call(app(), "PATCH", `/api/users/${ids.get("urba.jamais")}`, admin, {
        disabled: true,
      });
      assert.equal(closed.statusCode, 200, closed.body);

      const records = await journal();
      assert.equal(records.length, 29);
      assert.equal(
        sum(records, (r) => r.abstained),
        1,
      );
      // Every kind of refusal the test meant is in the journal.
      const refusals = new Set(records.map((r) => r.refusal).filter((r) => r !== null));
      for (const rule of ["route.blocked", "charter.acceptance", "charter.quota"])
        assert.ok(refusals.has(rule), `${rule} among ${[...refusals].join()}`);
      assert.deepEqual(
        new Set(records.map((r) => r.dataAction).filter((a) => a !== null)),
        new Set(["allow", "pseudonymise", "block"]),
      );
      assert.deepEqual(
        new Set(records.map((r) => r.sovereignty)),
        new Set(["local", "extraterritorial", null]),
      );
      // Counts and sums only: no text of a message, no personal data, in the journal or the logs.
      const stored = JSON.stringify(
        await app().store.db.selectFrom("usage_records").selectAll().execute(),
      );
      for (const text of [
        "Dupont",
        "Durand",
        "diabétique",
        "Benali",
        "56 78",
        "accueil du public",
      ]) {
        assert.ok(!stored.includes(text), `${text} in the journal`);
        assert.ok(!get().logs().includes(text), `${text} in the logs`);
      }
      const unestimated = records.filter((r) => r.mode === "model" && !(r.energy[1] > 0));
      assert.deepEqual(unestimated, [], "every model's answer has its impact");
    });

    /** The period every figure below is asked for: both months. */
    const PERIOD = { from: "2026-01", to: "2026-02" };

    /**
     * Each reader asks a section over `PERIOD`, for a direction or their own
     * scope (a referent's: their direction and below); `check` compares the
     * answer with what the journal says for the directions in that scope.
     */
    const eachReader = async (
      section: string,
      readers: readonly (readonly [string, string | null])[],
      check: (body: Group, directions: string[] | null, label: string) => void | Promise<void>,
    ) => {
      for (const [who, directionPath] of readers) {
        const session = who === "dsi" ? admin : as(who);
        const directions = directionPath
          ? await subtree(directionPath)
          : who === "ref.sol"
            ? await subtree("Solidarités")
            : null;
        const query = {
          ...PERIOD,
          ...(directionPath && { direction: await directionId(directionPath) }),
        };
        const response = await figures(session, section, query);
        assert.equal(response.statusCode, 200, response.body);
        await check(response.json(), directions, `${who} ${directionPath}`);
      }
    };

    it("gives adoption as the journal says: active agents per month, new, returning, accounts never used", async () => {
      const records = await journal();
      const accounts = await accountsOf();
      await eachReader(
        "adoption",
        [
          ["dpo", null],
          ["dsi", null],
          ["dpo", "Culture"],
          ["ref.sol", null],
          ["ref.sol", "Solidarités > CCAS"],
        ] as const,
        async (body, directions, label) => {
          const expected = expectedAdoption(records, accounts, directions, PERIOD, 5);
          assertClose(body, { ...body, ...expected }, label);
        },
      );
      // The turns above, as counted by hand: January's 13 agents, February's 6 back and 1 new.
      const all = (await figures(as("dpo"), "adoption", PERIOD)).json();
      assert.deepEqual(
        all.months.map((m: Group) => [m.month, m.activeAgents, m.newAgents, m.returning]),
        [
          ["2026-01", 13, 13, 0],
          ["2026-02", 7, 1, 6],
        ],
      );
      // The DPO (an auditor, with no chat) is no agent: 19 accounts, 5 never used.
      assert.deepEqual([all.agents, all.accounts, all.neverUsed], [14, 19, 5]);
      assert.deepEqual(
        all.directions.map((d: Group) => [d.directionPath, d.hidden, d.accounts, d.activeAgents]),
        [
          ["Culture", false, 9, 7],
          ["DSI", true, null, null],
          ["Solidarités", false, 5, 4],
          ["Solidarités > CCAS", true, null, null],
          ["Urbanisme", true, null, null],
        ],
      );
    });

    it("gives uses as the journal says: per subject (names), model and hosting, data class; validations, ratings, minutes, refusals by rule", async () => {
      const records = await journal();
      const names = await subjectNamesOf();
      await eachReader(
        "uses",
        [
          ["dpo", null],
          ["dsi", "Culture"],
          ["ref.sol", null],
        ] as const,
        async (body, directions, label) => {
          const expected = expectedUses(scoped(records, directions, PERIOD), names, 5);
          assert.equal(body.hidden, false, label);
          assertClose(body.totals, expected.totals, `${label} totals`);
          assertClose(sortGroups(body.subjects, "id"), expected.subjects, `${label} subjects`);
          assertClose(sortGroups(body.models, "modelRef"), expected.models, `${label} models`);
          assertClose(sortGroups(body.classes, "dataClass"), expected.classes, `${label} classes`);
          assert.deepEqual(
            sortGroups(labelled(body.refusals), "rule"),
            expected.refusals,
            `${label} refusals`,
          );
        },
      );
      const all = (await figures(as("dpo"), "uses", PERIOD)).json();
      // The journal holds what the turns above did (not an empty match of empty lists).
      assert.deepEqual(
        [all.totals.turns, all.totals.refused, all.totals.validated, all.totals.minutesSaved],
        [29, 4, 5, 70],
      );
      assert.deepEqual(
        [all.totals.positive, all.totals.negative, all.totals.minutesAnswers],
        [4, 2, 4],
      );
      // Names, not ids: the assistant and the use case as agents know them.
      const shownNames = all.subjects.filter((s: Group) => !s.hidden).map((s: Group) => s.name);
      assert.ok(shownNames.includes("Assistant général"), shownNames.join());
    });

    it("gives protection as the journal says: personal data found per type, class and action", async () => {
      const records = await journal();
      await eachReader(
        "protection",
        [
          ["dpo", null],
          ["dsi", "Solidarités"],
        ] as const,
        async (body, directions, label) => {
          const expected = expectedProtection(scoped(records, directions, PERIOD), 5);
          assert.equal(body.totalFindings, expected.totalFindings, `${label} total findings`);
          assert.deepEqual(
            sortShown(labelled(body.types), "type", "dataClass", "action"),
            expected.types,
            `${label} types`,
          );
          assert.deepEqual(
            sortGroups(body.actions, "action"),
            expected.actions,
            `${label} actions`,
          );
          assert.ok(expected.types.length >= 3, JSON.stringify(expected.types));
        },
      );
    });

    it("gives impact as the journal says: energy, CO2e and water per month, subject and model", async () => {
      const records = await journal();
      const names = await subjectNamesOf();
      await eachReader(
        "impact",
        [
          ["dpo", null],
          ["dsi", "Culture"],
          ["ref.sol", null],
        ] as const,
        async (body, directions, label) => {
          const expected = expectedImpact(scoped(records, directions, PERIOD), PERIOD, names, 5);
          assertClose(body.totals, expected.totals, `${label} totals`);
          assertClose(body.months, expected.months, `${label} months`);
          assertClose(sortGroups(body.subjects, "id"), expected.subjects, `${label} subjects`);
          assertClose(sortGroups(body.models, "modelRef"), expected.models, `${label} models`);
          assert.equal(body.sobriety.passagesFirstTurns, 0);
          assert.ok(body.totals.waterL.max > 0, "water is counted");
          // Everyday terms: a 5 W LED bulb's minutes for the energy, glasses of 25 cl for the water.
          assertClose(
            body.equivalents.ledBulbMinutes,
            {
              min: expected.totals.energyKwh.min * 12_000,
              max: expected.totals.energyKwh.max * 12_000,
            },
            `${label} LED`,
          );
          assertClose(
            body.equivalents.waterGlasses,
            { min: expected.totals.waterL.min * 4, max: expected.totals.waterL.max * 4 },
            `${label} glasses`,
          );
          // The charter's quota (4 requests a month), and the agents of the scope whose February
          // counter reached it: fewer than the threshold, so withheld when there are some.
          const counters = await app()
            .store.db.selectFrom("quota_usage")
            .selectAll()
            .where("month", "=", "2026-02")
            .execute();
          const directionOfUser = new Map(
            (await accountsOf()).map((a) => [a.id, a.directionId ?? ""]),
          );
          const atLimit = new Set(
            counters
              .filter((c) => c.scope.startsWith("user:") && Number(c.requests) >= 4)
              .map((c) => c.scope.slice(5))
              .filter(
                (user) =>
                  directions === null || directions.includes(directionOfUser.get(user) ?? ""),
              ),
          );
          assert.deepEqual(body.quotas, {
            month: "2026-02",
            agent: { requests: 4 },
            direction: null,
            agentsAtLimit: atLimit.size === 0 ? 0 : atLimit.size < 5 ? null : atLimit.size,
            directionsAtLimit: 0,
          });
        },
      );
      // January: cul1's fifth request was refused, the quota reached by one agent, withheld.
      const january = (
        await figures(as("dpo"), "impact", { from: "2026-01", to: "2026-01" })
      ).json();
      assert.deepEqual(
        [january.quotas.month, january.quotas.agentsAtLimit, january.quotas.directionsAtLimit],
        ["2026-01", null, 0],
      );
    });

    it("withholds every group under the charter's threshold, lowered to 2 and raised to 50", async () => {
      const records = await journal();
      const accounts = await accountsOf();
      const names = await subjectNamesOf();
      try {
        await setRules("{ minAgents: 2 }");
        const uses = (await figures(as("dpo"), "uses", PERIOD)).json();
        assert.equal(uses.minAgents, 2);
        const expected = expectedUses(scoped(records, null, PERIOD), names, 2);
        assertClose(uses.totals, expected.totals, "totals");
        assertClose(sortGroups(uses.subjects, "id"), expected.subjects, "subjects");
        assertClose(sortGroups(uses.models, "modelRef"), expected.models, "models");
        assertClose(sortGroups(uses.classes, "dataClass"), expected.classes, "classes");
        const named = uses.subjects.filter((g: Group) => !g.hidden).map((g: Group) => g.name);
        for (const name of ["Assistant général", "Courriers aux usagers", "Langage clair"])
          assert.ok(named.includes(name), `${name} in ${named.join()}`);
        // One agent alone behind the sensitive class: withheld, with no figure.
        assert.ok(
          uses.classes.some((c: Group) => c.hidden),
          JSON.stringify(uses.classes),
        );
        for (const group of [...uses.subjects, ...uses.models, ...uses.classes].filter(
          (g: Group) => g.hidden,
        ))
          assert.deepEqual(group, { hidden: true, agents: null });

        // A direction of one active agent: nothing at all.
        const urbanisme = { ...PERIOD, direction: await directionId("Urbanisme") };
        for (const section of ["uses", "impact"]) {
          const body = (await figures(as("dpo"), section, urbanisme)).json();
          assert.equal(body.agents, 1);
          assert.equal(body.hidden, true, section);
          assert.equal(body.totals, null, section);
          assert.deepEqual(body.subjects, [], section);
          assert.deepEqual(body.models, [], section);
        }
        const protection = (await figures(as("dpo"), "protection", urbanisme)).json();
        assert.equal(protection.hidden, true);
        assert.deepEqual(protection.types, []);
        assert.deepEqual(protection.actions, []);
        // A direction's month of one agent: withheld, and the month of two with it (else the
        // period's totals less that month would tell the withheld one).
        const ccas = { ...PERIOD, direction: await directionId("Solidarités > CCAS") };
        const adoption = (await figures(as("dpo"), "adoption", ccas)).json();
        assertClose(
          adoption,
          {
            ...adoption,
            ...expectedAdoption(records, accounts, await subtree("Solidarités > CCAS"), PERIOD, 2),
          },
          "CCAS adoption",
        );
        assert.deepEqual(
          adoption.months.map((m: { hidden: boolean }) => m.hidden),
          [true, true],
        );
        const impact = (await figures(as("dpo"), "impact", ccas)).json();
        assertClose(
          impact.months,
          expectedImpact(
            scoped(records, await subtree("Solidarités > CCAS"), PERIOD),
            PERIOD,
            names,
            2,
          ).months,
          "CCAS impact months",
        );
        assert.deepEqual(impact.months[1], { month: "2026-02", hidden: true });

        await setRules("{ minAgents: 50 }");
        const none = { adoption: {}, uses: {}, protection: {}, impact: {} } as Record<
          string,
          Group
        >;
        for (const section of Object.keys(none))
          none[section] = (await figures(as("dpo"), section, PERIOD)).json();
        for (const [section, body] of Object.entries(none)) {
          assert.equal(body.hidden, true, section);
          assert.equal(body.minAgents, 50, section);
        }
        const all = none as Record<string, Group>;
        assert.deepEqual(
          all.adoption?.months.map((m: Group) => [m.hidden, m.activeAgents]),
          [
            [true, null],
            [true, null],
          ],
        );
        assert.ok(all.adoption?.directions.every((d: Group) => d.hidden && d.accounts === null));
        assert.equal(all.adoption?.accounts, null);
        assert.equal(all.adoption?.neverUsed, null);
        assert.equal(all.uses?.totals, null);
        assert.deepEqual(all.uses?.subjects, []);
        assert.deepEqual(all.uses?.refusals, []);
        assert.deepEqual(all.protection?.types, []);
        assert.equal(all.impact?.totals, null);
        assert.deepEqual(all.impact?.months, []);
      } finally {
        await setRules("{ minAgents: 5 }");
      }
    });

    it("lets referents read their direction and those below only, auditors and administrators all, agents none", async () => {
      const culture = await directionId("Culture");
      const ccas = await directionId("Solidarités > CCAS");
      for (const section of ["adoption", "uses", "protection", "impact", "battles"]) {
        const agent = await figures(as("sol1"), section, PERIOD);
        assert.equal(agent.statusCode, 403, `${section}: ${agent.body}`);
        assert.equal(agent.json().error.code, "observatory_forbidden");
        const foreign = await figures(as("ref.sol"), section, { ...PERIOD, direction: culture });
        assert.equal(foreign.statusCode, 403, `${section}: ${foreign.body}`);
        assert.equal(foreign.json().error.code, "observatory_forbidden");
        const own = await figures(as("ref.sol"), section, PERIOD);
        assert.equal(own.statusCode, 200, own.body);
        assert.equal(own.json().direction.path, "Solidarités");
        const below = await figures(as("ref.sol"), section, { ...PERIOD, direction: ccas });
        assert.equal(below.statusCode, 200, below.body);
        assert.equal(below.json().direction.path, "Solidarités > CCAS");
        const up = await figures(as("ref.cul"), section, PERIOD);
        assert.equal(up.json().direction.path, "Culture");
        for (const session of [as("dpo"), admin]) {
          const everyone = await figures(session, section, PERIOD);
          assert.equal(everyone.statusCode, 200, everyone.body);
          assert.equal(everyone.json().direction, null);
          assert.equal(everyone.json().agents, 14);
          const other = await figures(session, section, { ...PERIOD, direction: culture });
          assert.equal(other.statusCode, 200, other.body);
          assert.equal(other.json().direction.path, "Culture");
        }
        for (const query of [
          { from: "2026-02", to: "2026-01" },
          { from: "2026-13", to: "2026-02" },
          { from: "2026-01", to: "2026-00" },
          { from: "2023-01", to: "2026-02" },
        ]) {
          const bad = await figures(as("dpo"), section, query);
          assert.equal(bad.statusCode, 400, `${section} ${JSON.stringify(query)}: ${bad.body}`);
          assert.equal(bad.json().error.code, "observatory_period_invalid");
        }
        const unknown = await figures(as("dpo"), section, { ...PERIOD, direction: "nulle-part" });
        assert.equal(unknown.statusCode, 404, unknown.body);
        assert.equal(unknown.json().error.code, "direction_not_found");
      }
      // Without a period: the twelve months up to the current one.
      const recent = (await figures(as("dpo"), "uses")).json();
      assert.deepEqual([recent.from, recent.to], ["2025-03", "2026-02"]);
    });

    // A model called by name (`/v1`, no assistant) is journaled under the subject `direct`:
    // shown under a French name, never the internal id.
    it("names every subject shown, never by an internal id", async () => {
      try {
        await setRules("{ minAgents: 2 }");
        const uses = (await figures(as("dpo"), "uses", PERIOD)).json();
        const raw = uses.subjects.filter((g: Group) => !g.hidden && g.id && g.name === g.id);
        assert.deepEqual(raw, []);
      } finally {
        await setRules("{ minAgents: 5 }");
      }
    });

    // The service, not the route's schema, says what a period must be.
    it("refuses a malformed month as an invalid period", async () => {
      for (const query of [
        { from: "2026-1", to: "2026-02" },
        { from: "janvier", to: "2026-02" },
      ]) {
        const bad = await figures(as("dpo"), "uses", query);
        assert.equal(bad.statusCode, 400, bad.body);
        assert.equal(bad.json().error.code, "observatory_period_invalid", bad.body);
      }
    });

    it("names the agents who never used Beffroi only to the roles the charter lists", async () => {
      const accounts = await accountsOf();
      const records = await journal();
      const names = async (session: Session) =>
        (await figures(session, "adoption", PERIOD)).json().neverUsedNames;
      for (const session of [as("dpo"), admin, as("ref.sol")])
        assert.equal(await names(session), null);
      try {
        await setRules("{ minAgents: 5, nonUserNamesFor: [auditor, referent] }");
        const everyone = expectedAdoption(records, accounts, null, PERIOD, 5, true).neverUsedNames;
        assert.deepEqual(await names(as("dpo")), everyone);
        assert.deepEqual(everyone?.map((n) => n.email.split("@")[0]).sort(), [
          "ccas.jamais",
          "cul.jamais",
          "dsi",
          "ref.cul",
          "sol.jamais",
        ]);
        assert.equal(await names(admin), null, "an administrator is not listed");
        // A referent: the agents of their direction and below.
        assert.deepEqual(
          (await names(as("ref.sol")))?.map((n: { email: string }) => n.email),
          ["ccas.jamais@ville.example", "sol.jamais@ville.example"],
        );
        assert.equal((await figures(as("sol1"), "adoption", PERIOD)).statusCode, 403);
      } finally {
        await setRules("{ minAgents: 5 }");
      }
    });

    it("shows an agent their own month as the journal says", async () => {
      const records = await journal();
      const userId = ids.get("sol1");
      // Every request of the month, refused ones with nothing but their count.
      const mine = records.filter((r) => r.user === userId && r.month === "2026-02");
      const response = await call(app(), "GET", "/api/me/usage", as("sol1"));
      assert.equal(response.statusCode, 200, response.body);
      const body: Group = response.json();
      assertClose(
        body,
        {
          ...body,
          month: "2026-02",
          turns: mine.length,
          validated: mine.filter((r) => r.validated).length,
          minutesSaved: sum(mine, (r) => r.minutes ?? 0),
          answersWithMinutes: mine.filter((r) => r.minutes !== null).length,
          energyKwh: range(mine, "energy"),
          gwpKgCo2e: range(mine, "gwp"),
          waterL: range(mine, "water"),
        },
        "me",
      );
      assert.equal(response.json().turns, 1);
      // The collectivité's median: turns per agent active this month, as the journal counts them.
      const perAgent = groupBy(
        records.filter((r) => r.month === "2026-02" && r.user !== null),
        (r) => r.user,
      )
        .map(([, rs]) => rs.length)
        .sort((a, b) => a - b);
      const middle = Math.floor(perAgent.length / 2);
      assert.deepEqual(response.json().median, {
        turns:
          perAgent.length % 2 === 1
            ? perAgent[middle]
            : ((perAgent[middle - 1] ?? 0) + (perAgent[middle] ?? 0)) / 2,
        agents: 7,
      });
    });

    /**
     * What the totals less the groups shown leave is the hidden groups'
     * figures together: it must stand on at least as many agents as the
     * threshold, or the totals give away what the threshold withholds
     * (the charter: no figure about fewer than `minAgents` agents).
     */
    const leaks = async (k: number) => {
      const records = await journal();
      const found: string[] = [];
      for (const directionPath of [null, "Culture", "Solidarités"]) {
        const query = {
          ...PERIOD,
          ...(directionPath && { direction: await directionId(directionPath) }),
        };
        const uses = (await figures(as("dpo"), "uses", query)).json();
        const impact = (await figures(as("dpo"), "impact", query)).json();
        if (uses.hidden) continue;
        const inScope = scoped(
          records,
          directionPath ? await subtree(directionPath) : null,
          PERIOD,
        );
        for (const [label, groups, total, key, measure] of [
          ["uses per subject", uses.subjects, uses.totals, (r: Rec) => r.assistant ?? "", "turns"],
          ["uses per data class", uses.classes, uses.totals, (r: Rec) => r.dataClass, "turns"],
          ["impact per model", impact.models, impact.totals, (r: Rec) => r.model ?? "", "energy"],
          ["impact per month", impact.months, impact.totals, (r: Rec) => r.month, "energy"],
        ] as const) {
          const shownGroups = (groups as Group[]).filter((g) => !g.hidden);
          const shownKeys = new Set(
            shownGroups.map((g) => String(g.id ?? g.dataClass ?? g.modelRef ?? g.month ?? "")),
          );
          const rest = inScope
            .filter((r) => !shownKeys.has(key(r)))
            .filter((r) => label !== "impact per model" || r.model !== null);
          if (rest.length === 0) continue;
          const agents = agentsOf(rest).size;
          if (agents >= k) continue;
          const figure = (g: Group) => (measure === "turns" ? g.turns : g.energyKwh.max);
          const left = figure(total) - sum(shownGroups, figure);
          found.push(
            `minAgents ${k}, ${directionPath ?? "collectivité"}, ${label}: totals − groups shown = ${left} ${measure} (${rest.length} turns of ${agents} agent(s))`,
          );
        }
      }
      return found;
    };

    // A small group withheld takes the next smallest with it until together they stand on
    // enough agents: the totals less the groups shown never single one out.
    it("never lets the totals single out a group the threshold hides (minAgents 5)", async () => {
      assert.deepEqual(await leaks(5), []);
    });

    it("never lets the totals single out a group the threshold hides (minAgents 2)", async () => {
      try {
        await setRules("{ minAgents: 2 }");
        assert.deepEqual(await leaks(2), []);
      } finally {
        await setRules("{ minAgents: 5 }");
      }
    });
  },
  { BEFFROI_LOG_LEVEL: "warn" },
);

// biome-ignore lint/suspicious/noExplicitAny: an answer's groups, read field by field.
type Group = Record<string, any>;

interface AccountRow {
  id: string;
  email: string;
  displayName: string;
  directionId: string | null;
  directionPath: string | null;
  disabledAt: string | null;
}

/** A usage record, as the test reads it from the table. */
interface Rec {
  month: string;
  user: string | null;
  /** "" for none, as the rollups key it. */
  direction: string;
  assistant: string | null;
  model: string | null;
  sovereignty: string | null;
  dataClass: string;
  status: string;
  mode: string | null;
  refusal: string | null;
  dataAction: string | null;
  personalData: Record<string, number>;
  validated: boolean;
  feedback: string | null;
  minutes: number | null;
  abstained: number;
  energy: [number, number];
  gwp: [number, number];
  water: [number, number];
}

const recOf = (row: Selectable<UsageRecordTable>): Rec => ({
  month: row.at.slice(0, 7),
  user: row.user_id,
  direction: row.direction_id ?? "",
  assistant: row.assistant_id,
  model: row.model_ref,
  sovereignty: row.sovereignty,
  dataClass: row.data_class,
  status: row.status,
  mode: row.mode,
  refusal: row.refusal ?? null,
  dataAction: row.data_action ?? null,
  personalData: row.personal_data ? JSON.parse(row.personal_data) : {},
  validated: row.validated_at != null,
  feedback: row.feedback ?? null,
  minutes: row.minutes_saved == null ? null : Number(row.minutes_saved),
  abstained: Number((row as { abstained?: number | null }).abstained ?? 0),
  energy: [Number(row.energy_kwh_min ?? 0), Number(row.energy_kwh_max ?? 0)],
  gwp: [Number(row.gwp_kg_min ?? 0), Number(row.gwp_kg_max ?? 0)],
  water: [Number(row.water_l_min ?? 0), Number(row.water_l_max ?? 0)],
});

type Period = { from: string; to: string };

/** The records of a period (months, both included) and some directions (null: all). */
const scoped = (records: Rec[], directions: string[] | null, period: Period) =>
  records.filter(
    (r) =>
      r.month >= period.from &&
      r.month <= period.to &&
      (directions === null || directions.includes(r.direction)),
  );

const sum = <T>(items: T[], pick: (item: T) => number) =>
  items.reduce((total, item) => total + pick(item), 0);
const range = (records: Rec[], measure: "energy" | "gwp" | "water") => ({
  min: sum(records, (r) => r[measure][0]),
  max: sum(records, (r) => r[measure][1]),
});
const agentsOf = (records: Rec[]) =>
  new Set(records.map((r) => r.user).filter((user) => user !== null));
const groupBy = <K>(records: Rec[], key: (r: Rec) => K) => {
  const groups = new Map<K, Rec[]>();
  for (const r of records) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return [...groups.entries()];
};

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let date = new Date(`${from}-01T00:00:00Z`); ; date.setUTCMonth(date.getUTCMonth() + 1)) {
    const month = date.toISOString().slice(0, 7);
    if (month > to) return months;
    months.push(month);
  }
}

/**
 * The groups withheld, by the definition: every group behind fewer than `k`
 * agents; then, while the withheld groups together stand for fewer than `k`
 * distinct agents (the totals less the groups shown would tell their
 * figures) and groups are still shown, the smallest shown group (fewest
 * agents, then first key) as well.
 */
function withheld(groups: Map<string, Set<string>>, k: number): Set<string> {
  const hidden = new Set([...groups].filter(([, users]) => users.size < k).map(([key]) => key));
  if (hidden.size === 0) return hidden;
  const together = () => new Set([...hidden].flatMap((key) => [...(groups.get(key) ?? [])])).size;
  const rest = [...groups]
    .filter(([key]) => !hidden.has(key))
    .sort(([a, x], [b, y]) => x.size - y.size || a.localeCompare(b));
  while (rest.length > 0 && together() < k) hidden.add(rest.shift()?.[0] ?? "");
  return hidden;
}

/** The agents behind each group of records, by a key. */
const agentsByKey = (records: Rec[], key: (r: Rec) => string | null) => {
  const groups = new Map<string, Set<string>>();
  for (const r of records) {
    const value = key(r);
    if (value === null || r.user === null) continue;
    groups.set(value, (groups.get(value) ?? new Set()).add(r.user));
  }
  return groups;
};

/** A group's figures, or only that it is withheld. */
const shown = (hidden: boolean, agents: number, figures: object): Group =>
  hidden ? { hidden: true, agents: null } : { hidden: false, agents, ...figures };

/** The groups shown, ordered by a key, then as many hidden ones as there are. */
const sortGroups = (groups: Group[], key: string): Group[] => [
  ...groups
    .filter((g) => !g.hidden)
    .sort((a, b) => String(a[key] ?? "").localeCompare(String(b[key] ?? ""))),
  ...groups.filter((g) => g.hidden),
];

/** The groups shown, ordered by some keys, then the hidden ones. */
const sortShown = (groups: Group[], ...keys: string[]): Group[] => [
  ...groups.filter((g) => !g.hidden).sort(byKey(...keys)),
  ...groups.filter((g) => g.hidden),
];

const byKey =
  (...keys: string[]) =>
  (a: Group, b: Group) => {
    for (const key of keys) {
      const order = String(a[key]).localeCompare(String(b[key]));
      if (order !== 0) return order;
    }
    return 0;
  };

/** A subject's name: the assistant's or the use case's, or what a call without assistant is. */
const subjectName = (id: string, names: Map<string, string>) =>
  id === "" ? null : id === "direct" ? DIRECT : (names.get(id) ?? id);
const DIRECT = "Appels directs à un modèle (API, sans assistant)";

/** Rows with a French label (checked, then left out): the figures alone, to compare. */
const labelled = (rows: Group[]): Group[] =>
  rows.map(({ label, ...figures }) => {
    if (figures.hidden) return figures;
    assert.ok(typeof label === "string" && label.length > 0, JSON.stringify(figures));
    return figures;
  });

/** Deep equality, numbers within 1e-9 (relative beyond 1). */
function assertClose(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === "number") {
    assert.equal(typeof actual, "number", `${path}: ${actual} is not a number`);
    const gap = Math.abs((actual as number) - expected);
    assert.ok(gap <= 1e-9 * Math.max(1, Math.abs(expected)), `${path}: ${actual} ≠ ${expected}`);
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: not a list`);
    assert.equal(actual.length, expected.length, `${path}: ${JSON.stringify(actual)}`);
    for (const [index, item] of expected.entries())
      assertClose(actual[index], item, `${path}[${index}]`);
  } else if (expected !== null && typeof expected === "object") {
    assert.ok(actual !== null && typeof actual === "object", `${path}: not an object`);
    assert.deepEqual(
      Object.keys(actual).sort(),
      Object.keys(expected).sort(),
      `${path}: ${JSON.stringify(actual)}`,
    );
    for (const [key, value] of Object.entries(expected))
      assertClose((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
  } else assert.equal(actual, expected, path);
}

/**
 * Adoption from the journal: agents active per month in the directions,
 * those whose first month (in these directions) it was, those active
 * before (anywhere); accounts per direction and those never used at all.
 */
function expectedAdoption(
  records: Rec[],
  accounts: AccountRow[],
  directions: string[] | null,
  period: Period,
  k: number,
  names = false,
) {
  const inDirections = (id: string) => directions === null || directions.includes(id);
  const mine = records.filter((r) => r.user !== null && inDirections(r.direction));
  const first = new Map<string, string>();
  for (const r of mine)
    if (r.user && (first.get(r.user) ?? "9999") > r.month) first.set(r.user, r.month);
  const activeMonths = agentsByKey(
    mine.filter((r) => r.month >= period.from && r.month <= period.to),
    (r) => r.month,
  );
  const hiddenMonths = withheld(activeMonths, k);
  const months = monthsBetween(period.from, period.to).map((month) => {
    const active = agentsOf(mine.filter((r) => r.month === month));
    const before = agentsOf(records.filter((r) => r.month < month));
    return hiddenMonths.has(month)
      ? { month, hidden: true, activeAgents: null, newAgents: null, returning: null }
      : {
          month,
          hidden: false,
          activeAgents: active.size,
          newAgents: [...first.values()].filter((m) => m === month).length,
          returning: [...active].filter((user) => before.has(user)).length,
        };
  });
  const inPeriod = scoped(records, directions, period);
  const agents = agentsOf(inPeriod).size;
  const hidden = agents < k;
  const ever = agentsOf(records);
  const mineAccounts = accounts.filter((a) => inDirections(a.directionId ?? ""));
  const never = mineAccounts.filter((a) => !ever.has(a.id));
  const byDirection = groupByAccount(mineAccounts);
  // Directions withheld as groups of their accounts (distinct by direction).
  const hiddenDirections = withheld(
    new Map(byDirection.map(([id, members]) => [id, new Set(members.map((a) => a.id))])),
    k,
  );
  const rows = byDirection.map(([id, members]) => {
    const small = hiddenDirections.has(id);
    return {
      directionId: id || null,
      directionPath: members[0]?.directionPath ?? null,
      hidden: small,
      accounts: small ? null : members.length,
      activeAgents: small ? null : agentsOf(inPeriod.filter((r) => r.direction === id)).size,
      neverUsed: small ? null : members.filter((a) => !ever.has(a.id)).length,
    };
  });
  return {
    agents,
    hidden,
    months,
    directions: rows.sort((a, b) => (a.directionPath ?? "").localeCompare(b.directionPath ?? "")),
    accounts: hidden ? null : mineAccounts.length,
    neverUsed: hidden ? null : never.length,
    neverUsedNames:
      names && !hidden
        ? never
            .map((a) => ({
              displayName: a.displayName,
              email: a.email,
              directionPath: a.directionPath,
            }))
            .sort((a, b) => a.displayName.localeCompare(b.displayName, "fr"))
        : null,
  };
}

function groupByAccount(accounts: AccountRow[]): [string, AccountRow[]][] {
  const groups = new Map<string, AccountRow[]>();
  for (const a of accounts) {
    const id = a.directionId ?? "";
    groups.set(id, [...(groups.get(id) ?? []), a]);
  }
  return [...groups.entries()];
}

/** A group's use: turns, answered, refused, abstained, validated, ratings, minutes saved. */
const useFigures = (records: Rec[]) => {
  const completed = records.filter((r) => r.status === "completed").length;
  return {
    turns: records.length,
    completed,
    refused: records.length - completed,
    abstained: sum(records, (r) => r.abstained),
    validated: records.filter((r) => r.validated).length,
    positive: records.filter((r) => r.feedback === "up").length,
    negative: records.filter((r) => r.feedback === "down").length,
    minutesSaved: sum(records, (r) => r.minutes ?? 0),
    minutesAnswers: records.filter((r) => r.minutes !== null).length,
  };
};

/** Uses from the journal's records of a scope. */
function expectedUses(records: Rec[], names: Map<string, string>, k: number) {
  const subjectAgents = agentsByKey(records, (r) => r.assistant ?? "");
  const hiddenSubjects = withheld(subjectAgents, k);
  const modelAgents = agentsByKey(records, (r) => r.model);
  const hiddenModels = withheld(modelAgents, k);
  const classAgents = agentsByKey(records, (r) => r.dataClass);
  const hiddenClasses = withheld(classAgents, k);
  const ruleAgents = agentsByKey(records, (r) => r.refusal);
  const hiddenRules = withheld(ruleAgents, k);
  const subjects = groupBy(records, (r) => r.assistant ?? "").map(([id, rs]) =>
    shown(hiddenSubjects.has(id), subjectAgents.get(id)?.size ?? 0, {
      id: id || null,
      name: subjectName(id, names),
      kind: id.startsWith("usecase:") ? "usecase" : "assistant",
      ...useFigures(rs),
    }),
  );
  const withModel = records.filter((r) => r.model !== null);
  const models = groupBy(withModel, (r) => `${r.model}|${r.sovereignty ?? ""}`).map(([, rs]) =>
    shown(hiddenModels.has(rs[0]?.model ?? ""), modelAgents.get(rs[0]?.model ?? "")?.size ?? 0, {
      modelRef: rs[0]?.model,
      sovereignty: rs[0]?.sovereignty || null,
      turns: rs.length,
      energyKwh: range(rs, "energy"),
      gwpKgCo2e: range(rs, "gwp"),
    }),
  );
  const classes = groupBy(records, (r) => r.dataClass).map(([dataClass, rs]) =>
    shown(hiddenClasses.has(dataClass), classAgents.get(dataClass)?.size ?? 0, {
      dataClass,
      ...useFigures(rs),
    }),
  );
  const refusals = groupBy(
    records.filter((r) => r.refusal !== null),
    (r) => r.refusal ?? "",
  ).map(([rule, rs]) =>
    shown(hiddenRules.has(rule), ruleAgents.get(rule)?.size ?? 0, { rule, turns: rs.length }),
  );
  return {
    totals: useFigures(records),
    subjects: sortGroups(subjects, "id"),
    models: sortGroups(models, "modelRef"),
    classes: sortGroups(classes, "dataClass"),
    refusals: sortGroups(refusals, "rule"),
  };
}

/** Personal data found, per type, class and what was done (allow when none said). */
function expectedProtection(records: Rec[], k: number) {
  const typeAgents = new Map<string, Set<string>>();
  for (const r of records)
    for (const type of Object.keys(r.personalData))
      if (r.user) typeAgents.set(type, (typeAgents.get(type) ?? new Set()).add(r.user));
  const hiddenTypes = withheld(typeAgents, k);
  const actionAgents = agentsByKey(records, (r) => r.dataAction);
  const hiddenActions = withheld(actionAgents, k);
  const types = new Map<string, Group>();
  for (const r of records)
    for (const [type, count] of Object.entries(r.personalData)) {
      const action = r.dataAction ?? "allow";
      const key = `${type}|${r.dataClass}|${action}`;
      const entry = types.get(key) ?? {
        type,
        dataClass: r.dataClass,
        action,
        findings: 0,
        turns: 0,
      };
      entry.findings += count;
      entry.turns += 1;
      types.set(key, entry);
    }
  const actions = groupBy(
    records.filter((r) => r.dataAction !== null),
    (r) => r.dataAction,
  ).map(([action, rs]) =>
    shown(hiddenActions.has(action ?? ""), actionAgents.get(action ?? "")?.size ?? 0, {
      action,
      turns: rs.length,
    }),
  );
  return {
    totalFindings: sum([...types.values()], (t) => t.findings),
    types: sortShown(
      [...types.values()].map((t) =>
        shown(hiddenTypes.has(t.type), typeAgents.get(t.type)?.size ?? 0, t),
      ),
      "type",
      "dataClass",
      "action",
    ),
    actions: sortGroups(actions, "action"),
  };
}

/** Impact from the journal's records of a scope: per month (threshold per month), subject, model. */
function expectedImpact(records: Rec[], period: Period, names: Map<string, string>, k: number) {
  const impactOf = (rs: Rec[]) => ({
    turns: rs.length,
    energyKwh: range(rs, "energy"),
    gwpKgCo2e: range(rs, "gwp"),
    waterL: range(rs, "water"),
  });
  const hiddenMonths = withheld(
    agentsByKey(records, (r) => r.month),
    k,
  );
  const months = monthsBetween(period.from, period.to).map((month) => {
    const rs = records.filter((r) => r.month === month);
    return hiddenMonths.has(month)
      ? { month, hidden: true }
      : { month, hidden: false, ...impactOf(rs) };
  });
  const subjectAgents = agentsByKey(records, (r) => r.assistant ?? "");
  const hiddenSubjects = withheld(subjectAgents, k);
  const modelAgents = agentsByKey(records, (r) => r.model);
  const hiddenModels = withheld(modelAgents, k);
  const subjects = groupBy(records, (r) => r.assistant ?? "").map(([id, rs]) =>
    shown(hiddenSubjects.has(id), subjectAgents.get(id)?.size ?? 0, {
      id: id || null,
      name: subjectName(id, names),
      ...impactOf(rs),
    }),
  );
  const withModel = records.filter((r) => r.model !== null);
  const models = groupBy(withModel, (r) => `${r.model}|${r.sovereignty ?? ""}`).map(([, rs]) =>
    shown(hiddenModels.has(rs[0]?.model ?? ""), modelAgents.get(rs[0]?.model ?? "")?.size ?? 0, {
      modelRef: rs[0]?.model,
      sovereignty: rs[0]?.sovereignty || null,
      ...impactOf(rs),
    }),
  );
  return {
    totals: impactOf(records),
    months,
    subjects: sortGroups(subjects, "id"),
    models: sortGroups(models, "modelRef"),
  };
}
