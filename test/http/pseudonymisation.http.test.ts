import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import {
  addProvider,
  call,
  describeApps,
  post,
  type Session,
  seedAdminAndAgent,
  sseEvents,
} from "../support/apps.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

/** A fictional social security number with its right key (97 − number mod 97). */
const NUMBER = "2850375056123";
const NIR = `${NUMBER}${String(97 - Number(BigInt(NUMBER) % 97n)).padStart(2, "0")}`;
const IBAN = "FR76 3000 6000 0112 3456 7890 189";

/** What the upstream received in a request: every message's text, joined. */
const sent = (upstream: OpenAiUpstream, index = -1): string =>
  JSON.stringify(upstream.requests.at(index)?.body?.messages ?? upstream.requests.at(index)?.body);

describeApps(
  "pseudonymisation and the charter's matrix",
  (get) => {
    let upstream: OpenAiUpstream;
    let agent: Session;
    let key: string;
    let base: string;
    let abroad: string;
    let sovereign: string;

    before(async () => {
      upstream = await startOpenAiUpstream();
      const { app } = get();
      const cast = await seedAdminAndAgent(app);
      const admin = cast.admin;
      agent = cast.agent;
      key = cast.key;
      for (const [id, sovereignty, country] of [
        ["outre-atlantique", "extraterritorial", "USA"],
        ["souverain", "sovereign", "FRA"],
      ] as const) {
        await addProvider(app, admin, {
          id,
          baseUrl: upstream.url,
          sovereignty,
          country,
          capabilities: ["chat", "embeddings"],
        });
      }
      for (const [ref, name] of [
        ["outre-atlantique/test-model", "Rédaction (modèle américain)"],
        ["souverain/test-model", "Rédaction (modèle souverain)"],
      ]) {
        const assistant = await call(app, "POST", "/api/assistants", admin, {
          name,
          preferredModels: [ref],
        });
        assert.equal(assistant.statusCode, 201, assistant.body);
        if (ref?.startsWith("outre")) abroad = assistant.json().id;
        else sovereign = assistant.json().id;
      }
      base = await get().app.server.listen({ host: "127.0.0.1", port: 0 });
    });
    after(() => upstream.close());

    const conversation = async (assistantId: string) => {
      const created = await call(get().app, "POST", "/api/conversations", agent, { assistantId });
      assert.equal(created.statusCode, 201, created.body);
      return created.json().id as string;
    };
    const stream = async (id: string, content: string) => {
      const response = await post(
        base,
        `/api/conversations/${id}/messages`,
        agent,
        { content },
        { stream: true },
      );
      assert.equal(response.status, 200);
      return sseEvents(response);
    };

    it("pseudonymises personal data for an extraterritorial model and restores the streamed answer", async () => {
      const { app } = get();
      const id = await conversation(abroad);
      // The model answers with the placeholders, cut across chunks of 3 characters.
      upstream.script({
        kind: "reply",
        text: "Courrier à [PERSONNE_1] : le virement vers [IBAN_1] est programmé.",
        chunkChars: 3,
      });
      const received = await stream(
        id,
        `Rédige un courrier à Mme Martine Dupont pour confirmer le virement sur son IBAN ${IBAN}.`,
      );
      const outbound = sent(upstream);
      assert.ok(!outbound.includes("Dupont"), "the name reached the model");
      assert.ok(!outbound.includes("3456"), "the IBAN reached the model");
      assert.match(outbound, /Mme \[PERSONNE_1\]/);
      assert.match(outbound, /\[IBAN_1\]/);

      const shown = received
        .filter((e) => e.event === "delta")
        .map((e) => (e.data as { text: string }).text)
        .join("");
      assert.equal(shown, `Courrier à Martine Dupont : le virement vers ${IBAN} est programmé.`);
      const done = received.find((e) => e.event === "done")?.data as {
        content: string;
        metadata: { decisions: { rule: string; reason: string }[] };
      };
      assert.equal(done.content, shown, "the stored answer is the restored one");
      const rules = done.metadata.decisions.map((d) => d.rule);
      assert.ok(rules.includes("route.pseudonymise"), rules.join());
      assert.ok(rules.includes("generate.pseudonymised"), rules.join());
      assert.ok(!JSON.stringify(done.metadata).includes("Dupont"));

      // The vault holds the mapping, encrypted: no value in clear in the database.
      const rows = await app.store.db
        .selectFrom("guard_vault")
        .selectAll()
        .where("conversation_id", "=", id)
        .execute();
      assert.deepEqual(rows.map((r) => r.placeholder).sort(), ["[IBAN_1]", "[PERSONNE_1]"]);
      assert.ok(!JSON.stringify(rows).includes("Dupont"));
      assert.ok(!JSON.stringify(rows).includes("3456"));

      // Next turn: the same person keeps the same placeholder; a new one gets the next number.
      upstream.script({ kind: "reply", text: "C'est noté pour [PERSONNE_1] et [PERSONNE_2]." });
      const next = await call(app, "POST", `/api/conversations/${id}/messages`, agent, {
        content: "Ajoute en copie M. Karim Benali, et rappelle que Mme Dupont a payé.",
      });
      assert.equal(next.statusCode, 200, next.body);
      const again = sent(upstream);
      assert.ok(!again.includes("Dupont") && !again.includes("Benali"), again);
      assert.match(again, /M\. \[PERSONNE_2\]/);
      assert.match(again, /Mme \[PERSONNE_1\] a payé/);
      assert.equal(next.json().content, "C'est noté pour Martine Dupont et Karim Benali.");

      // Deleting the conversation purges its vault.
      const removed = await call(app, "DELETE", `/api/conversations/${id}`, agent);
      assert.equal(removed.statusCode, 204, removed.body);
      const left = await app.store.db
        .selectFrom("guard_vault")
        .select("placeholder")
        .where("conversation_id", "=", id)
        .execute();
      assert.deepEqual(left, []);
    });

    it("blocks sensitive data bound for an extraterritorial model, saying what and where, and what to do", async () => {
      const before = upstream.requests.length;
      const question = `Le numéro de sécurité sociale de l'usager est ${NIR}, peux-tu vérifier ?`;
      const response = await call(
        get().app,
        "POST",
        "/v1/chat/completions",
        { apiKey: key },
        { model: `assistant/${abroad}`, messages: [{ role: "user", content: question }] },
      );
      assert.equal(response.statusCode, 403, response.body);
      assert.equal(upstream.requests.length, before, "nothing reached the upstream");
      const body = response.json();
      assert.equal(body.error.code, "turn_denied");
      const reason = body.error.message as string;
      assert.match(reason, /numéro de sécurité sociale \(dans votre message\)/);
      assert.match(reason, /modèle local/);
      assert.ok(!response.body.includes(NIR), "the value is never echoed");
      const logs = get().logs();
      assert.ok(!logs.includes(NIR));
    });

    it("never sends a named person's illness abroad, and pseudonymises it for a sovereign model", async () => {
      const question =
        "Mme Jeanne Durand est diabétique et sous dialyse : quelles aides peut-elle demander ?";
      const before = upstream.requests.length;
      const blocked = await call(
        get().app,
        "POST",
        "/v1/chat/completions",
        { apiKey: key },
        { model: "outre-atlantique/test-model", messages: [{ role: "user", content: question }] },
      );
      assert.equal(blocked.statusCode, 403, blocked.body);
      assert.equal(upstream.requests.length, before);

      upstream.script({ kind: "reply", text: "[PERSONNE_1] peut demander l'APA." });
      const allowed = await call(
        get().app,
        "POST",
        "/v1/chat/completions",
        { apiKey: key },
        { model: `assistant/${sovereign}`, messages: [{ role: "user", content: question }] },
      );
      assert.equal(allowed.statusCode, 200, allowed.body);
      assert.equal(allowed.headers["x-beffroi-provider"], "souverain");
      const outbound = sent(upstream);
      assert.ok(!outbound.includes("Durand"), outbound);
      assert.match(outbound, /Mme \[PERSONNE_1\] est diabétique/);
      assert.equal(allowed.json().choices[0].message.content, "Jeanne Durand peut demander l'APA.");
      const logs = get().logs();
      for (const value of ["Durand", "diabétique"]) assert.ok(!logs.includes(value), value);
    });

    it("reports personal data in an answer that the question did not hold", async () => {
      const id = await conversation(sovereign);
      upstream.script({
        kind: "reply",
        text: "Contactez M. Paul Lefebvre au 06 98 76 54 32 pour ce dossier.",
      });
      const answer = await call(get().app, "POST", `/api/conversations/${id}/messages`, agent, {
        content: "Qui contacter pour un dossier de subvention associative ?",
      });
      assert.equal(answer.statusCode, 200, answer.body);
      const decisions = answer.json().metadata.decisions as { rule: string; reason: string }[];
      const report = decisions.find((d) => d.rule === "restore.new-personal-data");
      assert.ok(report, JSON.stringify(decisions));
      assert.match(report.reason, /nom de personne/);
      assert.match(report.reason, /numéro de téléphone/);
      assert.ok(!report.reason.includes("Lefebvre"));
    });

    it("applies the same rules to embeddings", async () => {
      const before = upstream.requests.length;
      const personal = await call(
        get().app,
        "POST",
        "/v1/embeddings",
        { apiKey: key },
        { model: "outre-atlantique/test-model", input: ["Dossier de M. Karim Benali"] },
      );
      assert.equal(personal.statusCode, 200, personal.body);
      assert.equal(upstream.requests.length, before + 1);
      assert.ok(!sent(upstream).includes("Benali"));
      assert.match(JSON.stringify(upstream.requests.at(-1)?.body.input), /\[PERSONNE_1\]/);

      // A name read from its shape alone leaves the text public, and is masked all the same, as in
      // a chat turn: one rule for every way out.
      const possible = await call(
        get().app,
        "POST",
        "/v1/embeddings",
        { apiKey: key },
        { model: "outre-atlantique/test-model", input: "Paul Durand viendra jeudi." },
      );
      assert.equal(possible.statusCode, 200, possible.body);
      assert.equal(upstream.requests.length, before + 2);
      assert.ok(!JSON.stringify(upstream.requests.at(-1)?.body.input).includes("Durand"));
      assert.match(JSON.stringify(upstream.requests.at(-1)?.body.input), /\[PERSONNE_1\] viendra/);

      const sensitive = await call(
        get().app,
        "POST",
        "/v1/embeddings",
        { apiKey: key },
        { model: "outre-atlantique/test-model", input: `NIR ${NIR}` },
      );
      assert.equal(sensitive.statusCode, 403, sensitive.body);
      assert.equal(sensitive.json().error.code, "embeddings_blocked");
      assert.equal(upstream.requests.length, before + 2);
    });
  },
  { BEFFROI_LOG_LEVEL: "info" },
);
