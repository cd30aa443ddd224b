import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { sql } from "kysely";
import type { App } from "../../src/app.js";
import {
  addProvider,
  call,
  describeApps,
  login,
  type Session,
  seedAdmin,
  seedUser,
} from "../support/apps.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

const DAY = 24 * 3600 * 1000;

interface Found {
  results: {
    conversation: { id: string; title: string; archivedAt: string | null };
    excerpt: { text: string; match: boolean }[] | null;
  }[];
  more: boolean;
}

/** An agent's own conversations: search, pins and archives, on both stores. */
describeApps(
  "conversations: search, pins and archives",
  (get) => {
    let upstream: OpenAiUpstream;
    let agent: Session;
    let other: Session;
    /** The agent's conversations, oldest first, then the other agent's. */
    let moving: string;
    let summer: string;
    let library: string;
    let theirs: string;

    /** Opens a conversation, sends `question`, the model answers `answer`; a minute passes. */
    async function converse(session: Session, question: string, answer: string) {
      const { app, clock } = get();
      const id = (await call(app, "POST", "/api/conversations", session, {})).json().id as string;
      upstream.script({ kind: "reply", text: answer });
      const sent = await call(app, "POST", `/api/conversations/${id}/messages`, session, {
        content: question,
      });
      assert.equal(sent.statusCode, 200, sent.body);
      clock.advance(60_000);
      return id;
    }

    const search = async (session: Session, query: string) => {
      const response = await call(
        get().app,
        "GET",
        `/api/conversations/search?${new URLSearchParams({ q: query })}`,
        session,
      );
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as Found;
    };
    const ids = (found: Found) => found.results.map((result) => result.conversation.id);
    const marked = (found: Found, index = 0) =>
      (found.results[index]?.excerpt ?? []).filter((part) => part.match).map((part) => part.text);
    const listed = async (app: App, session: Session, archived = false) =>
      (
        await call(app, "GET", `/api/conversations${archived ? "?archived=true" : ""}`, session)
      ).json() as { id: string; pinnedAt: string | null; updatedAt: string }[];

    before(async () => {
      upstream = await startOpenAiUpstream();
      const { app } = get();
      const admin = await seedAdmin(app);
      await seedUser(app, "agent@ville.example", ["agent"], "Accueil");
      await seedUser(app, "autre@ville.example", ["agent"], "Accueil");
      agent = await login(app, "agent@ville.example");
      other = await login(app, "autre@ville.example");
      await addProvider(app, admin, {
        id: "local",
        baseUrl: upstream.url,
        sovereignty: "local",
        country: "FRA",
      });
      moving = await converse(
        agent,
        "Organiser le déménagement du service état civil",
        "Prévoyez des cartons étiquetés par bureau.",
      );
      summer = await converse(
        agent,
        "Rédige une note sur les congés d'été",
        "Voici la note. Pensez aussi au DÉMÉNAGEMENT des bureaux prévu en septembre, qui réduira l'accueil.",
      );
      library = await converse(
        agent,
        "Horaires de la médiathèque",
        "La médiathèque ouvre le samedi ; le chœur de l'église voisine répète le soir.",
      );
      theirs = await converse(other, "Déménagement de la mairie annexe", "Voici un planning.");
    });
    after(() => upstream.close());

    it("finds the agent's own conversations by title and message text, accents and case aside, the latest first, with an excerpt", async () => {
      const found = await search(agent, "demenagement");
      assert.deepEqual(
        ids(found),
        [summer, moving],
        "the other agent's conversation is not theirs",
      );
      assert.equal(found.more, false);
      // The answer holds the word in capitals and with accents; the excerpt marks it as written.
      assert.deepEqual(marked(found, 0), ["DÉMÉNAGEMENT"]);
      const excerpt = (found.results[0]?.excerpt ?? []).map((part) => part.text).join("");
      assert.match(excerpt, /Pensez aussi au DÉMÉNAGEMENT des bureaux/);
      assert.deepEqual(marked(found, 1), ["déménagement"]);

      assert.deepEqual(ids(await search(agent, "DÉMÉNAG")), [summer, moving], "a word's beginning");
      assert.deepEqual(ids(await search(agent, "Etat CIVIL")), [moving], "every word, any case");
      assert.deepEqual(ids(await search(agent, "cartons")), [moving], "an answer's words too");
      assert.deepEqual(ids(await search(agent, "déménagement cartons")), [moving]);
      assert.deepEqual(ids(await search(agent, "choeur")), [library], "œ typed as oe");
      assert.deepEqual(marked(await search(agent, "choeur")), ["chœur"]);
      assert.deepEqual(ids(await search(agent, "ca")), [], "a short word is a whole word");
      assert.deepEqual(ids(await search(agent, "piscine")), []);
      assert.deepEqual(ids(await search(other, "demenagement")), [theirs]);

      // A word only in the title: found, without an excerpt.
      const renamed = await call(get().app, "PATCH", `/api/conversations/${library}`, agent, {
        title: "Médiathèque municipale",
      });
      assert.equal(renamed.statusCode, 200, renamed.body);
      const titled = await search(agent, "MUNICIPALE");
      assert.deepEqual(ids(titled), [library]);
      assert.equal(titled.results[0]?.excerpt, null);
      assert.equal(titled.results[0]?.conversation.title, "Médiathèque municipale");
    });

    it("bounds a search and refuses bad input with a code; only a signed-in agent searches", async () => {
      const { app } = get();
      const refused = async (query: string, code: string) => {
        const response = await call(app, "GET", `/api/conversations/search?${query}`, agent);
        assert.equal(response.statusCode, 400, `${query}: ${response.body}`);
        assert.equal(response.json().error.code, code, query);
      };
      await refused("", "invalid_request");
      await refused("q=a", "invalid_request");
      await refused(`q=${"mot ".repeat(60)}`, "invalid_request");
      await refused("q=demenagement&limit=0", "invalid_request");
      await refused("q=demenagement&limit=51", "invalid_request");
      await refused(`q=${encodeURIComponent("a ? b ! c")}`, "conversation_search_empty");
      await refused(
        `q=${encodeURIComponent("un deux trois quatre cinq six sept huit neuf dix onze")}`,
        "conversation_search_too_many_words",
      );
      const first = await call(
        app,
        "GET",
        "/api/conversations/search?q=demenagement&limit=1",
        agent,
      );
      assert.deepEqual(ids(first.json()), [summer]);
      assert.equal(first.json().more, true);
      assert.equal(
        (await call(app, "GET", "/api/conversations/search?q=demenagement")).statusCode,
        401,
      );
      // Nothing of a search reaches the logs: the request line names the route, not its query.
      assert.match(get().logs(), /\/api\/conversations\/search/);
      assert.doesNotMatch(get().logs(), /demenag|cartons|choeur|municipale/i);
    });

    it("lists pinned conversations first; pinning is the owner's and leaves the activity as it was", async () => {
      const { app } = get();
      assert.deepEqual(
        (await listed(app, agent)).map((c) => c.id),
        [library, summer, moving],
      );
      const before = (await listed(app, agent)).find((c) => c.id === moving);
      const pinned = await call(app, "PUT", `/api/conversations/${moving}/pin`, agent, {
        pinned: true,
      });
      assert.equal(pinned.statusCode, 200, pinned.body);
      assert.ok(pinned.json().pinnedAt);
      assert.equal(pinned.json().updatedAt, before?.updatedAt, "pinning is not activity");
      assert.deepEqual(
        (await listed(app, agent)).map((c) => c.id),
        [moving, library, summer],
      );
      await call(app, "PUT", `/api/conversations/${summer}/pin`, agent, { pinned: true });
      assert.deepEqual(
        (await listed(app, agent)).map((c) => c.id),
        [summer, moving, library],
        "pinned ones by their activity, then the others",
      );
      const stolen = await call(app, "PUT", `/api/conversations/${library}/pin`, other, {
        pinned: true,
      });
      assert.equal(stolen.statusCode, 404);
      assert.equal(stolen.json().error.code, "conversation_not_found");
      const bad = await call(app, "PUT", `/api/conversations/${library}/pin`, agent, {
        pinned: "oui",
      });
      assert.equal(bad.json().error.code, "invalid_request");
      await call(app, "PUT", `/api/conversations/${summer}/pin`, agent, { pinned: false });
      assert.deepEqual(
        (await listed(app, agent)).map((c) => c.id),
        [moving, library, summer],
      );
    });

    it("archives a conversation out of the main list into the archives, and restores it", async () => {
      const { app } = get();
      const archived = await call(app, "PUT", `/api/conversations/${library}/archive`, agent, {
        archived: true,
      });
      assert.equal(archived.statusCode, 200, archived.body);
      assert.ok(archived.json().archivedAt);
      assert.deepEqual(
        (await listed(app, agent)).map((c) => c.id),
        [moving, summer],
      );
      assert.deepEqual(
        (await listed(app, agent, true)).map((c) => c.id),
        [library],
      );
      assert.equal(
        (await call(app, "GET", `/api/conversations/${library}`, agent)).statusCode,
        200,
      );
      const found = await search(agent, "mediatheque");
      assert.deepEqual(ids(found), [library], "a search covers the archives");
      assert.ok(found.results[0]?.conversation.archivedAt);
      assert.equal(
        (
          await call(app, "PUT", `/api/conversations/${library}/archive`, other, {
            archived: false,
          })
        ).statusCode,
        404,
      );
      assert.deepEqual(await listed(app, other, true), []);

      await call(app, "PUT", `/api/conversations/${library}/archive`, agent, { archived: false });
      assert.deepEqual(
        (await listed(app, agent)).map((c) => c.id),
        [moving, library, summer],
      );
      assert.deepEqual(await listed(app, agent, true), []);
    });

    it("deletes an archived conversation at its owner's request, and by retention, from the search too", async () => {
      const { app, clock } = get();
      await call(app, "PUT", `/api/conversations/${library}/archive`, agent, { archived: true });
      assert.equal(
        (await call(app, "DELETE", `/api/conversations/${library}`, agent)).statusCode,
        204,
      );
      assert.deepEqual(await listed(app, agent, true), []);
      assert.deepEqual(ids(await search(agent, "mediatheque")), []);

      // The oldest conversation, pinned and archived, idle past the charter's 365 days.
      await call(app, "PUT", `/api/conversations/${moving}/archive`, agent, { archived: true });
      clock.advance(400 * DAY);
      agent = await login(app, "agent@ville.example");
      other = await login(app, "autre@ville.example");
      const fresh = await converse(
        agent,
        "Préparer le déménagement de la crèche",
        "Voici un plan.",
      );
      const purged = await app.services.retention.purge();
      assert.equal(purged.conversations, 3, "the archived one, the other and the other agent's");
      assert.equal((await call(app, "GET", `/api/conversations/${moving}`, agent)).statusCode, 404);
      assert.deepEqual(await listed(app, agent, true), []);
      assert.deepEqual(ids(await search(agent, "demenagement")), [fresh]);
      assert.deepEqual(ids(await search(other, "demenagement")), []);
      // The indexes keep no entry of what was deleted (the triggers follow the cascade).
      const count = async (table: string) =>
        Number(
          (
            await sql<{ count: number }>`select count(*) as count from ${sql.table(table)}`.execute(
              app.store.db,
            )
          ).rows[0]?.count,
        );
      assert.equal(await count("messages_search"), await count("messages"));
      assert.equal(await count("conversation_titles_search"), await count("conversations"));
    });
  },
  { BEFFROI_LOG_LEVEL: "info" },
);
