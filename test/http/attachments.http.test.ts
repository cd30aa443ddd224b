import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { templateYaml } from "../../src/charter/index.js";
import { buildDocx } from "../fixtures/documents/builders.js";
import { nestedDocx } from "../knowledge/crafted-documents.js";
import {
  addProvider,
  call,
  describeApps,
  healthWhile,
  login,
  post,
  type Session,
  seedAdminAndAgent,
  sseEvents,
} from "../support/apps.js";
import { multipart } from "../support/multipart.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

const DAY = 24 * 3600 * 1000;

/** A fictional social security number with its right key (97 − number mod 97). */
const NUMBER = "2850375056123";
const NIR = `${NUMBER}${String(97 - Number(BigInt(NUMBER) % 97n)).padStart(2, "0")}`;

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A DOCX of sections: a heading (Word's « Titre 1 ») and its paragraphs. */
function docx(sections: { heading: string; paragraphs: string[] }[]): Uint8Array {
  const paragraph = (text: string, style?: string) =>
    `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ""}<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
  return buildDocx(
    sections
      .map(({ heading, paragraphs }) =>
        [paragraph(heading, "Titre1"), ...paragraphs.map((text) => paragraph(text))].join(""),
      )
      .join(""),
  );
}

/** The canteen's rules: what the tests ask about, and what only this file says. */
const CANTINE = docx([
  {
    heading: "Tarifs de la cantine scolaire",
    paragraphs: [
      "Le repas de la cantine scolaire de Valmont coûte 3,20 euros pour les familles du premier quotient.",
      "Les repas sont facturés au mois, à terme échu, par le service scolaire.",
    ],
  },
  {
    heading: "Inscription",
    paragraphs: ["L'inscription se fait au guichet unique avant le 30 juin de chaque année."],
  },
]);

/** Filler prose: a section of about 300 words on a theme the questions never ask about. */
const filler = (index: number) =>
  Array.from(
    { length: 20 },
    (_, sentence) =>
      `La commission numéro ${index} examine le point ${sentence} de l'ordre du jour relatif aux équipements sportifs et culturels.`,
  );

/** What the upstream received in its last request: every message's text, joined. */
const sent = (upstream: OpenAiUpstream): string =>
  JSON.stringify(upstream.requests.at(-1)?.body?.messages ?? "");

describeApps(
  "documents attached to a message",
  (get) => {
    let upstream: OpenAiUpstream;
    let admin: Session;
    let agent: Session;
    let base: string;
    const assistants: Record<string, string> = {};

    before(async () => {
      upstream = await startOpenAiUpstream();
      const cast = await seedAdminAndAgent(get().app);
      admin = cast.admin;
      agent = cast.agent;
      base = await get().app.server.listen({ host: "127.0.0.1", port: 0 });
    });
    after(() => upstream.close());

    /** A provider and an assistant that prefers its model, once. */
    const assistantOn = async (
      id: string,
      sovereignty: "sovereign" | "extraterritorial",
      contextLength = 32_768,
    ) => {
      if (assistants[id]) return assistants[id];
      const { app } = get();
      await addProvider(app, admin, {
        id,
        baseUrl: upstream.url,
        sovereignty,
        country: sovereignty === "sovereign" ? "FRA" : "USA",
        models: [{ id: "test-model", contextLength }],
      });
      const created = await call(app, "POST", "/api/assistants", admin, {
        name: `Rédaction ${id}`,
        preferredModels: [`${id}/test-model`],
      });
      assert.equal(created.statusCode, 201, created.body);
      assistants[id] = created.json().id as string;
      return assistants[id];
    };

    const conversation = async (assistantId?: string) => {
      const created = await call(
        get().app,
        "POST",
        "/api/conversations",
        agent,
        assistantId ? { assistantId } : {},
      );
      assert.equal(created.statusCode, 201, created.body);
      return created.json().id as string;
    };

    const upload = (id: string, files: { name: string; content: Uint8Array | string }[]) => {
      const form = multipart(files);
      return get().app.server.inject({
        method: "POST",
        url: `/api/conversations/${id}/attachments`,
        headers: { ...form.headers, cookie: agent.cookie, "x-csrf-token": agent.csrf },
        payload: form.payload,
      });
    };

    const attach = async (id: string, name: string, content: Uint8Array | string) => {
      const response = await upload(id, [{ name, content }]);
      assert.equal(response.statusCode, 201, response.body);
      const [attachment] = response.json();
      assert.equal(attachment.fileName, name);
      assert.equal(attachment.sent, false);
      return attachment.id as string;
    };

    const rows = (conversationId: string) =>
      get()
        .app.store.db.selectFrom("attachments")
        .select(["id", "message_id"])
        .where("conversation_id", "=", conversationId)
        .execute();

    /** The conversation's last question, as stored. */
    const questionOf = async (id: string) => {
      const messages = (await call(get().app, "GET", `/api/conversations/${id}`, agent)).json()
        .messages as { id: string; role: string; metadata: Record<string, unknown> }[];
      const question = messages.filter((message) => message.role === "user").at(-1);
      assert.ok(question);
      return question;
    };

    it("without a model, the extractive answer quotes the attached document and cites it", async () => {
      const id = await conversation();
      const attachmentId = await attach(id, "reglement-cantine.docx", CANTINE);
      const response = await call(get().app, "POST", `/api/conversations/${id}/messages`, agent, {
        content: "Combien coûte le repas de la cantine scolaire ?",
        attachmentIds: [attachmentId],
      });
      assert.equal(response.statusCode, 200, response.body);
      const answer = response.json();
      assert.equal(answer.metadata.mode, "extractive");
      assert.match(answer.content, /3,20 euros/);
      const [citation] = answer.metadata.citations;
      assert.equal(citation.fileName, "reglement-cantine.docx");
      assert.equal(citation.documentId, attachmentId);
      assert.equal(citation.url, `/api/attachments/${attachmentId}`);
      // The citation opens the document, passage by passage, the cited one among them.
      const opened = await call(get().app, "GET", citation.url, agent);
      assert.equal(opened.statusCode, 200, opened.body);
      assert.ok(
        opened.json().passages.some((p: { id: string }) => p.id === citation.passageId),
        opened.body,
      );
      assert.deepEqual(await rows(id), [
        { id: attachmentId, message_id: (await questionOf(id)).id },
      ]);
    });

    it("an attached DOCX grounds a model's answer: its text reaches the model as sources, the answer cites the file, later turns read it too", async () => {
      const { app } = get();
      const id = await conversation(await assistantOn("souverain", "sovereign"));
      const attachmentId = await attach(id, "reglement-cantine.docx", CANTINE);
      upstream.script({ kind: "reply", text: "Le repas coûte 3,20 euros [1]." });
      const response = await post(
        base,
        `/api/conversations/${id}/messages`,
        agent,
        { content: "Combien coûte un repas ?", attachmentIds: [attachmentId] },
        { stream: true },
      );
      assert.equal(response.status, 200);
      const done = (await sseEvents(response)).find((event) => event.event === "done")?.data as {
        content: string;
        metadata: {
          citations: { fileName: string; title: string; url: string; knowledgeBaseId: string }[];
          decisions: { rule: string }[];
          attachedDocuments: { files: number; shown: number; passages: number; cut: boolean };
        };
      };
      assert.equal(done.content, "Le repas coûte 3,20 euros [1].");
      const outbound = sent(upstream);
      assert.match(outbound, /<sources>/);
      assert.match(outbound, /\[1\] reglement-cantine\.docx/);
      assert.match(outbound, /3,20 euros pour les familles du premier quotient/);
      assert.match(outbound, /guichet unique avant le 30 juin/);
      // The document is text from outside: in the user's message, never in the system message.
      const system = upstream.requests.at(-1)?.body?.messages?.[0];
      assert.equal(system.role, "system");
      assert.doesNotMatch(system.content, /premier quotient/);
      assert.equal(done.metadata.citations[0]?.fileName, "reglement-cantine.docx");
      assert.equal(done.metadata.citations[0]?.title, "reglement-cantine.docx");
      assert.equal(done.metadata.citations[0]?.url, `/api/attachments/${attachmentId}`);
      assert.equal(done.metadata.attachedDocuments.cut, false);
      assert.equal(done.metadata.attachedDocuments.shown, done.metadata.attachedDocuments.passages);
      assert.ok(done.metadata.decisions.some((d) => d.rule === "attachments.grounded"));
      // The question keeps the file's name and size, for the page to show on the message.
      const question = await questionOf(id);
      assert.deepEqual(question.metadata.attachments, [
        { id: attachmentId, fileName: "reglement-cantine.docx", sizeBytes: CANTINE.byteLength },
      ]);
      // Never in a knowledge base or its index.
      assert.equal(
        (await app.store.db.selectFrom("documents").select("id").execute()).length,
        0,
        "no document was added to a base",
      );
      // Sent, it stays with the conversation: the next question reads it again.
      upstream.script({ kind: "reply", text: "Avant le 30 juin [1]." });
      const next = await call(app, "POST", `/api/conversations/${id}/messages`, agent, {
        content: "Et l'inscription, jusqu'à quand ?",
      });
      assert.equal(next.statusCode, 200, next.body);
      assert.match(sent(upstream), /guichet unique avant le 30 juin/);
      assert.equal(next.json().metadata.citations[0]?.fileName, "reglement-cantine.docx");
      // A document sent with a message cannot be taken back on its own.
      const removed = await call(
        app,
        "DELETE",
        `/api/conversations/${id}/attachments/${attachmentId}`,
        agent,
      );
      assert.equal(removed.statusCode, 409, removed.body);
      assert.equal(removed.json().error.code, "attachment_sent");
    });

    it("a document longer than the model's context: the most relevant passages, and the answer says parts were left out", async () => {
      const id = await conversation(await assistantOn("petit", "sovereign", 2_500));
      const sections = Array.from({ length: 12 }, (_, index) => ({
        heading: `Commission ${index}`,
        paragraphs: filler(index),
      }));
      sections.splice(7, 0, {
        heading: "Astreinte hivernale",
        paragraphs: [
          ...filler(99).slice(0, 10),
          "L'astreinte de déneigement commence à quatre heures du matin et mobilise deux agents des services techniques.",
        ],
      });
      const attachmentId = await attach(id, "deliberations.docx", docx(sections));
      upstream.script({ kind: "reply", text: "À quatre heures [1]." });
      const response = await call(get().app, "POST", `/api/conversations/${id}/messages`, agent, {
        content: "À quelle heure commence l'astreinte de déneigement ?",
        attachmentIds: [attachmentId],
      });
      assert.equal(response.statusCode, 200, response.body);
      const { metadata } = response.json();
      assert.equal(metadata.attachedDocuments.cut, true);
      assert.ok(metadata.attachedDocuments.shown >= 1, JSON.stringify(metadata.attachedDocuments));
      assert.ok(metadata.attachedDocuments.shown < metadata.attachedDocuments.passages);
      const cut = metadata.decisions.find((d: { rule: string }) => d.rule === "attachments.cut");
      assert.match(cut.reason, /petit\/test-model peut lire \(2500 jetons\)/);
      const outbound = sent(upstream);
      assert.match(outbound, /quatre heures du matin/, "the relevant passage was kept");
      assert.ok(outbound.length < 2_500 * 4, `the prompt fits the context: ${outbound.length}`);
    });

    it("personal data in an attached document is pseudonymised for a foreign model, like a message's", async () => {
      const id = await conversation(await assistantOn("outre-atlantique", "extraterritorial"));
      const attachmentId = await attach(
        id,
        "signalement.docx",
        docx([
          {
            heading: "Signalement",
            paragraphs: [
              "Mme Martine Dupont, domiciliée 12 rue des Lilas, signale une fuite d'eau sur la voirie devant son domicile.",
            ],
          },
        ]),
      );
      upstream.script({ kind: "reply", text: "Réponse à [PERSONNE_1] au sujet de la fuite [1]." });
      const response = await call(get().app, "POST", `/api/conversations/${id}/messages`, agent, {
        content: "Rédige une réponse à ce signalement.",
        attachmentIds: [attachmentId],
      });
      assert.equal(response.statusCode, 200, response.body);
      const outbound = sent(upstream);
      assert.ok(!outbound.includes("Dupont"), outbound);
      assert.match(outbound, /\[PERSONNE_1\]/);
      const answer = response.json();
      assert.equal(answer.content, "Réponse à Martine Dupont au sujet de la fuite [1].");
      const rules = answer.metadata.decisions.map((d: { rule: string }) => d.rule);
      assert.ok(rules.includes("route.pseudonymise"), rules.join());
      assert.ok(
        answer.metadata.guard.detected.some((found: { type: string }) => found.type === "PERSON"),
        JSON.stringify(answer.metadata.guard),
      );
    });

    it("sensitive data in an attached document is refused for a foreign model, saying where; the document is not kept", async () => {
      const { app } = get();
      const id = await conversation(await assistantOn("outre-atlantique", "extraterritorial"));
      const dossier = docx([
        {
          heading: "Dossier",
          paragraphs: [`Le numéro de sécurité sociale de l'usager est ${NIR}.`],
        },
      ]);
      const attachmentId = await attach(id, "dossier.docx", dossier);
      const before = upstream.requests.length;
      const response = await call(app, "POST", `/api/conversations/${id}/messages`, agent, {
        content: "Vérifie ce dossier.",
        attachmentIds: [attachmentId],
      });
      assert.equal(response.statusCode, 403, response.body);
      assert.equal(response.json().error.code, "turn_denied");
      assert.match(response.json().error.message, /\(dans un document joint\)/);
      assert.equal(upstream.requests.length, before, "nothing reached the upstream");
      assert.ok(!response.body.includes(NIR));
      // The refused question keeps the file's name, not the document: it is deleted.
      assert.deepEqual(await rows(id), []);
      const question = await questionOf(id);
      assert.equal(question.metadata.refused, true);
      assert.deepEqual(question.metadata.attachments, [
        { fileName: "dossier.docx", sizeBytes: dossier.byteLength },
      ]);
    });

    it("refuses what cannot be attached, by name and with a stable code, and keeps nothing of it", async () => {
      const id = await conversation();
      const image = await upload(id, [
        {
          name: "photo.png",
          content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
        },
      ]);
      assert.equal(image.statusCode, 415, image.body);
      assert.equal(image.json().error.code, "attachment_unsupported");
      assert.match(image.json().error.message, /« photo\.png » ne peut pas être joint/);

      const large = await upload(id, [{ name: "gros.txt", content: "a".repeat(1024 * 1024 + 10) }]);
      assert.equal(large.statusCode, 413, large.body);
      assert.equal(large.json().error.code, "attachment_too_large");
      assert.match(large.json().error.message, /« gros\.txt ».*1 Mo/);

      const long = await upload(id, [{ name: "long.txt", content: "mot ".repeat(20_000) }]);
      assert.equal(long.statusCode, 413, long.body);
      assert.equal(long.json().error.code, "attachment_too_large");
      assert.match(long.json().error.message, /60\s000 caractères de texte/u);

      const broken = await upload(id, [
        { name: "casse.docx", content: "PK\u0003\u0004 pas une archive" },
      ]);
      assert.equal(broken.statusCode, 400, broken.body);
      assert.equal(broken.json().error.code, "attachment_unreadable");
      assert.match(broken.json().error.message, /« casse\.docx » ne peut pas être joint : /);

      const many = await upload(
        id,
        Array.from({ length: 3 }, (_, index) => ({
          name: `note-${index}.txt`,
          content: "Une note.",
        })),
      );
      assert.equal(many.statusCode, 413, many.body);
      assert.equal(many.json().error.code, "too_many_attachments");
      assert.deepEqual(await rows(id), [], "nothing was stored");

      // A document waiting for its message can be taken back; a message cannot name another's.
      const waiting = await attach(id, "note.txt", "Une note de service.");
      const other = await conversation();
      const stolen = await call(get().app, "POST", `/api/conversations/${other}/messages`, agent, {
        content: "Résume la note.",
        attachmentIds: [waiting],
      });
      assert.equal(stolen.statusCode, 404, stolen.body);
      assert.equal(stolen.json().error.code, "attachment_not_found");
      const removed = await call(
        get().app,
        "DELETE",
        `/api/conversations/${id}/attachments/${waiting}`,
        agent,
      );
      assert.equal(removed.statusCode, 204, removed.body);
      assert.deepEqual(await rows(id), []);
    });

    it("keeps /healthz answering while a crafted DOCX is read and a long document is scanned and ranked", async () => {
      const id = await conversation();
      const crafted = nestedDocx(900_000);
      const long = Array.from(
        { length: 600 },
        (_, index) => `Le point ${index} de la note porte sur les congés d'été des agents.`,
      ).join("\n\n");
      const waits = await healthWhile(base, async () => {
        const form = multipart([{ name: "marche.docx", content: crafted }]);
        const read = await fetch(`${base}/api/conversations/${id}/attachments`, {
          method: "POST",
          headers: { ...form.headers, cookie: agent.cookie, "x-csrf-token": agent.csrf },
          body: form.payload,
        });
        // Read within its budget, or refused for its size: either way, answered.
        assert.ok([201, 413].includes(read.status), await read.text());
        const attachmentId = await attach(id, "note.txt", long.slice(0, 59_000));
        const answered = await post(base, `/api/conversations/${id}/messages`, agent, {
          content: "Que dit la note sur les congés d'été ?",
          attachmentIds: [attachmentId],
        });
        assert.equal(answered.status, 200, await answered.text());
      });
      const slowest = Math.max(...waits);
      assert.ok(waits.length >= 3, `only ${waits.length} health checks answered`);
      assert.ok(slowest < 200, `/healthz took ${slowest.toFixed(0)} ms to answer`);
    });

    it("deleting a conversation deletes its documents; retention's purge too", async () => {
      const { app, clock } = get();
      const deleted = await conversation();
      const note = await attach(deleted, "note.txt", "Une note de service sur les congés.");
      const sentNote = await call(app, "POST", `/api/conversations/${deleted}/messages`, agent, {
        content: "Résume la note sur les congés.",
        attachmentIds: [note],
      });
      assert.equal(sentNote.statusCode, 200, sentNote.body);
      assert.equal((await rows(deleted))[0]?.message_id, (await questionOf(deleted)).id);
      assert.equal(
        (await call(app, "DELETE", `/api/conversations/${deleted}`, agent)).statusCode,
        204,
      );
      assert.deepEqual(await rows(deleted), []);

      const old = await conversation();
      await attach(old, "note.txt", "Une note de service sur les congés.");
      const yaml = templateYaml("balanced").replace(
        "disclosure:",
        "retention:\n  conversationsDays: 30\n  journalDays: 60\ndisclosure:",
      );
      assert.equal((await call(app, "PUT", "/api/charter", admin, { yaml })).statusCode, 200);
      clock.advance(45 * DAY);
      assert.ok((await app.services.retention.purge()).conversations >= 1);
      assert.deepEqual(await rows(old), []);
      admin = await login(app, "dsi@ville.example");
    });
  },
  {
    BEFFROI_ATTACHMENTS__MAX_FILE_MEGABYTES: "1",
    BEFFROI_ATTACHMENTS__MAX_FILES_PER_MESSAGE: "2",
    BEFFROI_ATTACHMENTS__MAX_CHARACTERS: "60000",
  },
);
