import assert from "node:assert/strict";
import { before, it } from "node:test";
import { call, describeApps, login, type Session, seedAdmin, seedUser } from "../support/apps.js";

/** What the guard finds personal: a named person, their e-mail address and mobile number. */
const PERSONAL =
  "Le courrier à M. Jean Martin (jean.martin@orange.fr, 06 12 34 56 78) est parti en cinq minutes.";
const WORKED = "La première version du courrier était juste ; il a suffi de relire les dates.";
const DID_NOT_WORK = "Les références des délibérations étaient parfois inventées.";

interface Report {
  id: string;
  subjectKind: string;
  subjectId: string;
  subjectName: string | null;
  status: string;
  curatable: boolean;
  minutesSaved: number | null;
  directionPath: string | null;
}

/**
 * « Retours d'expérience » and proposals over HTTP, on both stores: an agent
 * files a report on an assistant of their direction and on a shipped use
 * case; a text with personal data is refused, naming the field and the
 * types, and nothing is stored; the referent of the owning direction
 * publishes, a referent of another direction cannot, only administrators
 * curate what no direction owns; everyone reads the published ones; the
 * observatory counts them per subject; proposals on the charter or a
 * readable base, answered once by an administrator, read by auditors; every
 * curation and answer in the audit log, with ids only.
 */
describeApps("capitalising experience", (get) => {
  let admin: Session;
  let referent: Session;
  let otherReferent: Session;
  let agent: Session;
  let outsider: Session;
  let auditor: Session;
  let assistantId = "";
  let baseId = "";
  let reportId = "";
  let useCaseReportId = "";
  let proposalId = "";

  before(async () => {
    const { app } = get();
    admin = await seedAdmin(app);
    await seedUser(app, "referent@ville.example", ["referent"], "Communication");
    await seedUser(app, "voirie-ref@ville.example", ["referent"], "Voirie");
    await seedUser(app, "agent@ville.example", ["agent"], "Communication > Presse");
    await seedUser(app, "dehors@ville.example", ["agent"], "Voirie");
    await seedUser(app, "dpo@ville.example", ["auditor"]);
    referent = await login(app, "referent@ville.example");
    otherReferent = await login(app, "voirie-ref@ville.example");
    agent = await login(app, "agent@ville.example");
    outsider = await login(app, "dehors@ville.example");
    auditor = await login(app, "dpo@ville.example");
    const communication = await app.services.directions.find("Communication");
    const created = await call(app, "POST", "/api/assistants", admin, {
      name: "Communiqués",
      description: "Rédiger les communiqués de presse",
      instructions: "Rédige un communiqué clair.",
      category: "drafting",
      ownerDirectionId: communication?.id,
    });
    assert.equal(created.statusCode, 201, created.body);
    assistantId = created.json().id;
    const base = await app.services.knowledge.create("cli", {
      name: "Fiches presse",
      description: "",
      ownerDirectionId: communication?.id,
      readers: [],
    });
    baseId = base.id;
  });

  const rows = async (table: "experience_reports" | "proposals") =>
    Number(
      (
        await get()
          .app.store.db.selectFrom(table)
          .select((eb) => eb.fn.countAll<number | string>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("files a report on an assistant or a use case, and lists the author's own", async () => {
    const { app } = get();
    const file = (body: Record<string, unknown>, who = agent) =>
      call(app, "POST", "/api/experiences", who, body);
    const both = await file({ useCaseId: "langage-clair", assistantId, worked: WORKED });
    assert.equal(both.statusCode, 400);
    assert.equal(both.json().error.code, "experience_subject_required");
    const unknown = await file({ useCaseId: "nulle-part", worked: WORKED });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.code, "usecase_not_found");
    const empty = await file({ assistantId, worked: "   " });
    assert.equal(empty.statusCode, 400);
    assert.equal(empty.json().error.code, "invalid_request");
    const long = await file({ assistantId, worked: "a".repeat(2001) });
    assert.equal(long.statusCode, 400);
    assert.equal((await call(app, "POST", "/api/experiences", auditor, {})).statusCode, 403);

    const filed = await file({
      assistantId,
      worked: `  ${WORKED}  `,
      didNotWork: DID_NOT_WORK,
      minutesSaved: 20,
    });
    assert.equal(filed.statusCode, 201, filed.body);
    const report: Report & { worked: string } = filed.json();
    reportId = report.id;
    assert.equal(report.worked, WORKED, "trimmed");
    assert.equal(report.status, "submitted");
    assert.equal(report.subjectName, "Communiqués");
    assert.equal(report.directionPath, "Communication > Presse");
    assert.equal(report.curatable, false);
    const onUseCase = await file({ useCaseId: "langage-clair", worked: WORKED, minutesSaved: 10 });
    assert.equal(onUseCase.statusCode, 201, onUseCase.body);
    useCaseReportId = onUseCase.json().id;

    const mine = await call(app, "GET", "/api/experiences/mine", agent);
    assert.deepEqual(
      mine
        .json()
        .map((r: Report) => r.id)
        .sort(),
      [reportId, useCaseReportId].sort(),
    );
    assert.deepEqual((await call(app, "GET", "/api/experiences/mine", outsider)).json(), []);
    assert.deepEqual((await call(app, "GET", "/api/experiences", outsider)).json(), []);
  });

  it("refuses a text with personal data, naming the field and the types, and stores nothing", async () => {
    const { app } = get();
    const reports = await rows("experience_reports");
    const refused = await call(app, "POST", "/api/experiences", agent, {
      assistantId,
      worked: WORKED,
      didNotWork: PERSONAL,
    });
    assert.equal(refused.statusCode, 400, refused.body);
    const { error } = refused.json();
    assert.equal(error.code, "experience_personal_data");
    assert.match(error.message, /« Ce qui n'a pas marché »/);
    assert.match(error.message, /adresse électronique/);
    assert.doesNotMatch(error.message, /Martin|orange\.fr/, "the values are never repeated");
    assert.equal(error.details.field, "didNotWork");
    assert.equal(await rows("experience_reports"), reports);

    const proposals = await rows("proposals");
    const proposal = await call(app, "POST", "/api/proposals", agent, {
      kind: "charter",
      text: PERSONAL,
    });
    assert.equal(proposal.statusCode, 400);
    assert.equal(proposal.json().error.code, "experience_personal_data");
    assert.equal(await rows("proposals"), proposals);
  });

  it("lets the owning direction's referents and administrators curate, no one else", async () => {
    const { app } = get();
    const curate = (id: string, who: Session, status: string) =>
      call(app, "POST", `/api/experiences/${id}/curation`, who, { status });
    assert.equal((await curate(reportId, agent, "published")).statusCode, 403);
    const other = await curate(reportId, otherReferent, "published");
    assert.equal(other.statusCode, 403);
    assert.equal(other.json().error.code, "experience_not_curatable");
    // A shipped use case belongs to no direction: administrators only.
    const noOwner = await curate(useCaseReportId, referent, "published");
    assert.equal(noOwner.json().error.code, "experience_not_curatable");
    assert.equal((await curate("nulle-part", admin, "published")).statusCode, 404);

    const queue = await call(app, "GET", "/api/experiences/queue", referent);
    assert.deepEqual(
      queue.json().map((r: Report) => r.id),
      [reportId],
    );
    assert.deepEqual((await call(app, "GET", "/api/experiences/queue", otherReferent)).json(), []);
    assert.equal((await call(app, "GET", "/api/experiences/queue", agent)).statusCode, 403);
    const adminQueue = await call(app, "GET", "/api/experiences/queue", admin);
    assert.equal(adminQueue.json().length, 2);

    const published = await curate(reportId, referent, "published");
    assert.equal(published.statusCode, 200, published.body);
    assert.equal(published.json().status, "published");
    const setAside = await curate(useCaseReportId, admin, "set-aside");
    assert.equal(setAside.json().status, "set-aside");

    const list = await call(app, "GET", "/api/experiences", outsider);
    assert.deepEqual(
      list.json().map((r: Report) => r.id),
      [reportId],
    );
    const perSubject = await call(
      app,
      "GET",
      `/api/experiences?assistantId=${assistantId}`,
      auditor,
    );
    assert.equal(perSubject.json().length, 1);
    const none = await call(app, "GET", "/api/experiences?useCaseId=langage-clair", agent);
    assert.deepEqual(none.json(), [], "set aside: not listed");
    const mine = (await call(app, "GET", "/api/experiences/mine", agent)).json() as Report[];
    assert.deepEqual(mine.map((r) => r.status).sort(), ["published", "set-aside"]);
  });

  it("counts the reports per subject for the observatory", async () => {
    const { app } = get();
    assert.equal(
      (await call(app, "GET", "/api/observatory/experiences", agent)).json().error.code,
      "observatory_forbidden",
    );
    for (const who of [admin, auditor, referent]) {
      const figures = await call(app, "GET", "/api/observatory/experiences", who);
      assert.equal(figures.statusCode, 200, figures.body);
      const { subjects, reports } = figures.json();
      assert.deepEqual(
        reports.map((r: Report) => r.id),
        [reportId],
      );
      assert.deepEqual(subjects, [
        {
          kind: "assistant",
          id: assistantId,
          name: "Communiqués",
          submitted: 0,
          published: 1,
          setAside: 0,
          minutesSavedMean: 20,
        },
        {
          kind: "usecase",
          id: "langage-clair",
          name: "Langage clair",
          submitted: 0,
          published: 0,
          setAside: 1,
          minutesSavedMean: null,
        },
      ]);
    }
  });

  it("takes proposals on the charter or a readable base, answered once by an administrator", async () => {
    const { app } = get();
    const propose = (body: Record<string, unknown>, who = agent) =>
      call(app, "POST", "/api/proposals", who, body);
    const noBase = await propose({ kind: "base", text: "Ajouter la fiche sur les cartes grises." });
    assert.equal(noBase.json().error.code, "proposal_base_required");
    const unreadable = await propose(
      { kind: "base", baseId, text: "Ajouter la fiche sur les cartes grises." },
      outsider,
    );
    assert.equal(unreadable.statusCode, 404);
    assert.equal(unreadable.json().error.code, "knowledge_base_not_found");
    const onBase = await propose({
      kind: "base",
      baseId,
      text: "Ajouter les communiqués de 2025.",
    });
    assert.equal(onBase.statusCode, 201, onBase.body);
    assert.equal(onBase.json().baseId, baseId);
    const onCharter = await propose({
      kind: "charter",
      text: "Autoriser les modèles souverains pour les données personnelles.",
    });
    assert.equal(onCharter.statusCode, 201);
    proposalId = onCharter.json().id;
    assert.equal(onCharter.json().status, "open");

    assert.equal((await call(app, "GET", "/api/proposals", referent)).statusCode, 403);
    const listed = await call(app, "GET", "/api/proposals?status=open", auditor);
    assert.equal(listed.json().length, 2);
    const byAuditor = await call(app, "POST", `/api/proposals/${proposalId}/answer`, auditor, {
      decision: "accepted",
      answer: "D'accord.",
    });
    assert.equal(byAuditor.statusCode, 403, "auditors read only");
    const answer = (body: Record<string, unknown>) =>
      call(app, "POST", `/api/proposals/${proposalId}/answer`, admin, body);
    const personal = await answer({ decision: "declined", answer: PERSONAL });
    assert.equal(personal.json().error.code, "experience_personal_data");
    assert.match(personal.json().error.message, /« Réponse »/);
    const declined = await answer({
      decision: "declined",
      answer: "La charte de la collectivité le permet déjà pour les modèles hébergés en France.",
    });
    assert.equal(declined.statusCode, 200, declined.body);
    assert.equal(declined.json().status, "declined");
    const twice = await answer({ decision: "accepted", answer: "Finalement oui." });
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().error.code, "proposal_already_answered");
    assert.equal(
      (
        await call(app, "POST", "/api/proposals/nulle-part/answer", admin, {
          decision: "accepted",
          answer: "Oui.",
        })
      ).statusCode,
      404,
    );

    const mine = (await call(app, "GET", "/api/proposals/mine", agent)).json() as {
      id: string;
      status: string;
      answer: string | null;
    }[];
    const answered = mine.find((p) => p.id === proposalId);
    assert.equal(answered?.status, "declined");
    assert.match(answered?.answer ?? "", /hébergés en France/);
    assert.deepEqual((await call(app, "GET", "/api/proposals/mine", outsider)).json(), []);
    assert.equal((await call(app, "GET", "/api/proposals?status=open", admin)).json().length, 1);
  });

  it("records every curation and answer in the audit log, with ids only", async () => {
    const { app } = get();
    const audit = await call(app, "GET", "/api/audit?limit=500", auditor);
    const entries = (
      audit.json().entries as {
        action: string;
        target: string;
        actor: { id: string | null };
        details: Record<string, unknown>;
      }[]
    ).filter((entry) => /^(experience|proposal)\./.test(entry.action));
    assert.deepEqual(
      entries.map((entry) => [entry.action, entry.target]).sort(),
      [
        ["experience.published", reportId],
        ["experience.set-aside", useCaseReportId],
        ["proposal.declined", proposalId],
      ].sort(),
    );
    const published = entries.find((entry) => entry.action === "experience.published");
    assert.deepEqual(published?.details, {
      subject: `assistant:${assistantId}`,
      before: "submitted",
    });
    const text = JSON.stringify(entries);
    assert.doesNotMatch(text, /relire|hébergés|Communiqués/, "no free text, no name");
  });
});
