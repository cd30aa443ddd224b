import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import {
  call,
  describeApps,
  healthWhile,
  login,
  type Session,
  seedAdmin,
  seedUser,
} from "../support/apps.js";
import { type FeedServer, rss, startFeedServer } from "../support/feed-server.js";

interface Source {
  id: string;
  status: string;
  statusDetail: string | null;
  failures: number;
  nextCheckAt: string;
  checkedAt: string | null;
  items: number;
}

interface Item {
  title: string;
  sourceName: string;
  link: string | null;
  text: string;
  topics: string[];
  excerpt: string[];
}

const DECREE = {
  title: "Décret relatif aux seuils de la commande publique",
  link: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000001",
  guid: "JORFTEXT000001",
  pubDate: "Mon, 04 Jan 2026 08:00:00 GMT",
  description:
    "<p>Le seuil de dispense de procédure des marchés publics passe à 50 000 € HT.</p><p>Il entre en vigueur le 1er avril.</p>",
};
const CALL = {
  title: "Appel à projets pour les associations sportives",
  link: "https://www.prefecture.gouv.fr/appel",
  guid: "AP-2026-1",
  pubDate: "Sun, 03 Jan 2026 08:00:00 GMT",
  description: "Les associations peuvent demander une subvention avant le 31 janvier.",
};
const BUDGET = {
  title: "Circulaire sur la préparation budgétaire",
  link: "https://www.collectivites-locales.gouv.fr/budget",
  guid: "CIRC-7",
  description: "Les dotations de l'État aux collectivités pour 2026 sont publiées.",
};

const page = (paragraphs: string[]) =>
  `<html><head><title>Arrêtés préfectoraux</title></head><body>
<nav><a href="/">Accueil</a></nav>
<main><h1>Arrêtés préfectoraux</h1>${paragraphs.map((p) => `<p>${p}</p>`).join("")}</main>
<footer>Mentions légales</footer></body></html>`;

/**
 * The document watch over HTTP, on both stores: sources declared by those
 * who may, read from feeds and pages served on loopback, new items stored
 * once, failures spaced out and said in stable codes, the scheduler's claim,
 * the topics filter, and the event loop kept free while a large feed is read.
 */
describeApps(
  "the document watch",
  (get) => {
    let feeds: FeedServer;
    let admin: Session;
    let agent: Session;
    let referent: Session;
    let auditor: Session;
    let feedId = "";
    let pageId = "";

    before(async () => {
      feeds = await startFeedServer();
      const { app } = get();
      admin = await seedAdmin(app);
      await seedUser(app, "agent@ville.example", ["agent"], "Culture");
      await seedUser(app, "referent@ville.example", ["referent"], "Culture");
      await seedUser(app, "dpo@ville.example", ["auditor"]);
      agent = await login(app, "agent@ville.example");
      referent = await login(app, "referent@ville.example");
      auditor = await login(app, "dpo@ville.example");
    });
    after(() => feeds.close());

    const sources = async (): Promise<Source[]> =>
      (await call(get().app, "GET", "/api/watch/sources", agent)).json();
    const source = async (id: string) => (await sources()).find((s) => s.id === id);

    it("declares a feed, reads it on demand, and stores each item once", async () => {
      const { app } = get();
      feeds.serve("/jo.xml", {
        body: rss([DECREE, CALL], "Journal officiel"),
        etag: '"jo-1"',
        headers: { "content-type": "application/rss+xml; charset=utf-8" },
      });
      const created = await call(app, "POST", "/api/watch/sources", admin, {
        name: "Journal officiel",
        url: `${feeds.url}/jo.xml`,
        kind: "feed",
        intervalMinutes: 60,
      });
      assert.equal(created.statusCode, 201, created.body);
      feedId = created.json().id;
      assert.equal(created.json().status, "pending");
      const checked = await call(app, "POST", `/api/watch/sources/${feedId}/check`, admin);
      assert.equal(checked.statusCode, 200, checked.body);
      assert.deepEqual(checked.json(), { status: "ok", statusDetail: null, newItems: 2 });
      // The server answers 304 to the entity tag it gave: nothing read, nothing added.
      const again = await call(app, "POST", `/api/watch/sources/${feedId}/check`, admin);
      assert.deepEqual(again.json(), { status: "not_modified", statusDetail: null, newItems: 0 });
      assert.equal(feeds.requests.at(-1)?.headers["if-none-match"], '"jo-1"');
      // A new item among the known ones: only it is added.
      feeds.serve("/jo.xml", { body: rss([BUDGET, DECREE, CALL]), etag: '"jo-2"' });
      const third = await call(app, "POST", `/api/watch/sources/${feedId}/check`, admin);
      assert.equal(third.json().newItems, 1);
      assert.equal((await source(feedId))?.items, 3);
    });

    it("gives agents the new items, filtered by topics, with the sentences that name them", async () => {
      const { app } = get();
      const all = await call(app, "GET", "/api/watch/items", agent);
      assert.equal(all.statusCode, 200, all.body);
      assert.equal(all.json().length, 3);
      const response = await call(
        app,
        "GET",
        `/api/watch/items?topics=${encodeURIComponent("marchés publics, subventions associatives")}`,
        agent,
      );
      const items: Item[] = response.json();
      assert.deepEqual(
        items.map((item) => item.title),
        [DECREE.title, CALL.title],
      );
      assert.deepEqual(items[0]?.topics, ["marchés publics"]);
      assert.deepEqual(items[0]?.excerpt, [
        "Le seuil de dispense de procédure des marchés publics passe à 50 000 € HT.",
      ]);
      assert.equal(items[0]?.sourceName, "Journal officiel");
      assert.equal(items[0]?.link, DECREE.link);
      // Found today: asking from tomorrow on gives nothing.
      const later = await call(app, "GET", "/api/watch/items?since=2026-01-06", agent);
      assert.deepEqual(later.json(), []);
      const bad = await call(app, "GET", "/api/watch/items?since=hier", agent);
      assert.equal(bad.statusCode, 400);
    });

    it("watches a page: its main text first, then only the passages that changed", async () => {
      const { app } = get();
      const first = [
        "Arrêté du 2 janvier 2026 portant interdiction de la circulation sur la RD 12 pendant les travaux du pont.",
        "Arrêté du 3 janvier 2026 réglementant la pêche dans les étangs communaux pendant la saison hivernale.",
      ];
      feeds.serve("/arretes", {
        body: page(first),
        headers: { "content-type": "text/html; charset=utf-8" },
      });
      const created = await call(app, "POST", "/api/watch/sources", admin, {
        name: "Préfecture — arrêtés",
        url: `${feeds.url}/arretes`,
        kind: "page",
        intervalMinutes: 1440,
      });
      assert.equal(created.statusCode, 201, created.body);
      pageId = created.json().id;
      const read = await call(app, "POST", `/api/watch/sources/${pageId}/check`, admin);
      assert.deepEqual(read.json(), { status: "ok", statusDetail: null, newItems: 1 });
      const unchanged = await call(app, "POST", `/api/watch/sources/${pageId}/check`, admin);
      assert.equal(unchanged.json().newItems, 0, "the same page again: nothing new");
      const added =
        "Arrêté du 5 janvier 2026 instaurant une zone de protection autour du captage d'eau potable de la commune.";
      feeds.serve("/arretes", {
        body: page([...first, added]),
        headers: { "content-type": "text/html" },
      });
      const changed = await call(app, "POST", `/api/watch/sources/${pageId}/check`, admin);
      assert.equal(changed.json().newItems, 1);
      const items: Item[] = (
        await call(app, "GET", `/api/watch/items?topics=${encodeURIComponent("captage")}`, agent)
      ).json();
      assert.equal(items.length, 1);
      assert.equal(items[0]?.title, "Arrêtés préfectoraux");
      assert.match(items[0]?.text ?? "", /captage d'eau potable/);
      assert.doesNotMatch(items[0]?.text ?? "", /Accueil|Mentions légales/, "menus left out");
    });

    it("says why a source failed, in a stable code, and spaces out its next checks", async () => {
      const { app, clock } = get();
      const created = await call(app, "POST", "/api/watch/sources", admin, {
        name: "Flux disparu",
        url: `${feeds.url}/disparu.xml`,
        kind: "feed",
        intervalMinutes: 60,
      });
      const id = created.json().id;
      const first = await call(app, "POST", `/api/watch/sources/${id}/check`, admin);
      assert.deepEqual(first.json(), { status: "http_status", statusDetail: "404", newItems: 0 });
      await call(app, "POST", `/api/watch/sources/${id}/check`, admin);
      const failing = await source(id);
      assert.equal(failing?.failures, 2);
      const wait = Date.parse(failing?.nextCheckAt ?? "") - clock.now().getTime();
      assert.equal(wait, 120 * 60_000, "the second failure in a row waits twice the interval");
      feeds.serve("/pas-un-flux", { body: "<html><body><p>Bonjour</p></body></html>" });
      const notFeed = await call(app, "POST", "/api/watch/sources", admin, {
        name: "Pas un flux",
        url: `${feeds.url}/pas-un-flux`,
        kind: "feed",
      });
      const checked = await call(
        app,
        "POST",
        `/api/watch/sources/${notFeed.json().id}/check`,
        admin,
      );
      assert.equal(checked.json().status, "not_a_feed");
      for (const doomed of [id, notFeed.json().id])
        assert.equal(
          (await call(app, "DELETE", `/api/watch/sources/${doomed}`, admin)).statusCode,
          204,
        );
    });

    it("lets administrators and the direction's referents manage sources, nobody else", async () => {
      const { app } = get();
      const body = {
        name: "Ministère de la Culture",
        url: `${feeds.url}/culture.xml`,
        kind: "feed",
      };
      const byAgent = await call(app, "POST", "/api/watch/sources", agent, body);
      assert.equal(byAgent.statusCode, 403);
      const culture = (await app.services.directions.find("Culture"))?.id;
      const mine = await call(app, "POST", "/api/watch/sources", referent, {
        ...body,
        directionId: culture,
      });
      assert.equal(mine.statusCode, 201, mine.body);
      const collectiviteWide = await call(app, "POST", "/api/watch/sources", referent, body);
      assert.equal(collectiviteWide.statusCode, 403);
      assert.equal(collectiviteWide.json().error.code, "watch_source_not_manageable");
      const others = await call(app, "PATCH", `/api/watch/sources/${feedId}`, referent, {
        enabled: false,
      });
      assert.equal(others.statusCode, 403);
      const renamed = await call(app, "PATCH", `/api/watch/sources/${mine.json().id}`, referent, {
        name: "Culture — actualités",
        intervalMinutes: 720,
      });
      assert.equal(renamed.statusCode, 200, renamed.body);
      assert.equal(renamed.json().intervalMinutes, 720);
      assert.equal(
        (await call(app, "DELETE", `/api/watch/sources/${mine.json().id}`, referent)).statusCode,
        204,
      );
      const audit = await call(app, "GET", "/api/audit?limit=500", auditor);
      const entries = (audit.json().entries as { action: string; target: string }[]).filter(
        (entry) => entry.target === mine.json().id,
      );
      assert.deepEqual(entries.map((entry) => entry.action).sort(), [
        "watch-source.created",
        "watch-source.deleted",
        "watch-source.updated",
      ]);
    });

    it("refuses bad addresses with a clear reason, and internal ones unless allowed", async () => {
      const { app } = get();
      const cases: [string, string][] = [
        ["file:///etc/passwd", "watch_url_invalid"],
        ["https://agent:secret@intranet.example/flux", "watch_url_invalid"],
        ["pas une adresse", "watch_url_invalid"],
        ["http://10.0.0.8/flux.xml", "watch_address_refused"],
        ["http://169.254.169.254/latest/meta-data/", "watch_address_refused"],
        ["http://[::1]:8080/flux", "watch_address_refused"],
      ];
      for (const [url, code] of cases) {
        const response = await call(app, "POST", "/api/watch/sources", admin, {
          name: "Essai",
          url,
          kind: "feed",
        });
        assert.equal(response.statusCode, 400, url);
        assert.equal(response.json().error.code, code, url);
        assert.match(response.json().error.message, /adresse/i);
      }
      const tooOften = await call(app, "POST", "/api/watch/sources", admin, {
        name: "Trop souvent",
        url: "https://www.example.gouv.fr/flux.xml",
        kind: "feed",
        intervalMinutes: 1,
      });
      assert.equal(tooOften.statusCode, 400);
      const unknown = await call(app, "POST", "/api/watch/sources/inconnue/check", admin);
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json().error.code, "watch_source_not_found");
    });

    it("keeps answering while a large feed is read, and never logs what a source holds", async () => {
      const { app } = get();
      const huge = rss(
        Array.from({ length: 2_500 }, (_, index) => ({
          title: `Avis n° ${index} relatif à la voirie`,
          link: `https://www.example.gouv.fr/avis/${index}`,
          guid: `avis-${index}`,
          description: `<div>${"<p>Le conseil départemental informe les communes riveraines. </p>".repeat(25)}</div>`,
        })),
      );
      assert.ok(huge.length > 4_000_000, `${huge.length} characters`);
      feeds.serve("/enorme.xml", { body: huge });
      const created = await call(app, "POST", "/api/watch/sources", admin, {
        name: "Avis départementaux",
        url: `${feeds.url}/enorme.xml`,
        kind: "feed",
      });
      const id = created.json().id;
      const base = await app.server.listen({ host: "127.0.0.1", port: 0 });
      let outcome: { status: string; newItems: number } | undefined;
      const waits = await healthWhile(base, async () => {
        outcome = await app.services.watch.checkNow("cli", id);
      });
      assert.equal(outcome?.status, "ok");
      assert.equal(outcome?.newItems, 200, "the first 200 items of a reading");
      assert.ok(Math.max(...waits) < 200, `slowest /healthz answer ${Math.max(...waits)} ms`);
      assert.doesNotMatch(get().logs(), /conseil départemental|seuil de dispense|captage/);
      assert.match(get().logs(), /watch source read/);
    });

    it("reads due sources on schedule, each claimed once, and purges old items", async () => {
      const { app, clock } = get();
      feeds.serve("/jo.xml", {
        body: rss([
          { ...BUDGET, guid: "CIRC-8", title: "Nouvelle circulaire budgétaire" },
          BUDGET,
          DECREE,
          CALL,
        ]),
      });
      // Nothing is due yet: the feed was read just now, the page too.
      assert.equal(await app.services.watch.checkDue(), 0);
      clock.advance(61 * 60_000);
      const before = feeds.requests.length;
      // Two rounds at once (two instances): the feed is read once.
      const rounds = await Promise.all([
        app.services.watch.checkDue(),
        app.services.watch.checkDue(),
      ]);
      assert.equal(
        rounds.reduce((a, b) => a + b, 0),
        1,
      );
      assert.equal(feeds.requests.length, before + 1);
      // (Services, not HTTP, from here on: an hour later the sessions have expired.)
      const listed = await app.services.watch.list();
      assert.equal(listed.find((s) => s.id === feedId)?.items, 4);
      // Ninety days later (the default retention), the items go; the sources stay.
      clock.advance(91 * 24 * 3600_000);
      await app.services.watch.checkDue(0);
      const kept = await app.services.watch.list();
      assert.equal(kept.find((s) => s.id === feedId)?.items, 0);
      assert.equal(kept.find((s) => s.id === pageId)?.items, 0);
    });
  },
  { BEFFROI_WATCH__PRIVATE_HOSTS: "127.0.0.1", BEFFROI_LOG_LEVEL: "info" },
);
