import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rss } from "../../../test/support/feed-server.js";
import { WatchFetchFailed } from "./fetch.js";
import { DEFAULT_READ_LIMITS, htmlParagraphs, readFeed, watchedText } from "./read.js";

const notAFeed = async (text: string) => {
  await assert.rejects(
    readFeed(text),
    (error) => error instanceof WatchFetchFailed && error.code === "not_a_feed",
  );
};

describe("reading feeds", () => {
  it("reads RSS 2.0: HTML descriptions in CDATA become text, entities decoded, dates in ISO", async () => {
    const feed = rss(
      [
        {
          title: "Décret n° 2026-112 relatif à la commande publique",
          link: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000001",
          guid: "JORFTEXT000001",
          pubDate: "Tue, 01 Dec 2026 08:00:00 GMT",
          description:
            "<p>Le seuil de dispense de procédure passe à <strong>50 000 €</strong>.</p><p>Entrée en vigueur le 1<sup>er</sup> janvier.</p><script>alert(1)</script>",
        },
        {
          title: "Appel à projets &amp; subventions",
          link: "https://www.prefecture.gouv.fr/ap",
          description: "Les associations peuvent déposer un dossier.",
        },
      ],
      "Veille juridique",
    );
    const { title, items } = await readFeed(feed);
    assert.equal(title, "Veille juridique");
    assert.equal(items.length, 2);
    const [decree, call] = items;
    assert.equal(decree?.title, "Décret n° 2026-112 relatif à la commande publique");
    assert.equal(decree?.link, "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000001");
    assert.equal(decree?.publishedAt, "2026-12-01T08:00:00.000Z");
    assert.equal(
      decree?.text,
      "Le seuil de dispense de procédure passe à 50 000 €.\nEntrée en vigueur le 1er janvier.",
    );
    assert.equal(call?.title, "Appel à projets & subventions");
    assert.equal(call?.publishedAt, null);
    // Keys are stable: the guid when there is one, else the link.
    const again = await readFeed(feed);
    assert.deepEqual(
      again.items.map((item) => item.key),
      items.map((item) => item.key),
    );
    assert.notEqual(decree?.key, call?.key);
  });

  it("reads Atom: the alternate link, XHTML and escaped HTML content, updated as a date", async () => {
    const { items } = await readFeed(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Ministère</title>
  <entry>
    <title type="html">Circulaire &lt;em&gt;budget&lt;/em&gt; 2027</title>
    <link rel="self" href="https://example.gouv.fr/self"/>
    <link rel="alternate" href="https://example.gouv.fr/circulaire"/>
    <id>urn:uuid:1</id>
    <updated>2026-11-30T10:00:00+01:00</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Les dotations</p><p>augmentent.</p></div></content>
  </entry>
  <entry>
    <title>Note</title>
    <link href="javascript:alert(1)"/>
    <id>urn:uuid:2</id>
    <summary type="html">&lt;p&gt;Texte &lt;b&gt;court&lt;/b&gt;.&lt;/p&gt;</summary>
  </entry>
</feed>`);
    assert.equal(items.length, 2);
    assert.equal(items[0]?.title, "Circulaire budget 2027");
    assert.equal(items[0]?.link, "https://example.gouv.fr/circulaire");
    assert.equal(items[0]?.publishedAt, "2026-11-30T09:00:00.000Z");
    assert.equal(items[0]?.text, "Les dotations augmentent.");
    assert.equal(items[1]?.link, null, "a javascript: link is dropped");
    assert.equal(items[1]?.text, "Texte court.");
  });

  it("reads RSS 1.0 (RDF) with Dublin Core dates", async () => {
    const { items } = await readFeed(`<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://example.fr/"><title>Agence</title></channel>
  <item rdf:about="https://example.fr/1">
    <title>Rapport annuel</title><link>https://example.fr/1</link>
    <dc:date>2026-10-15</dc:date><description>Le rapport est publié.</description>
  </item>
</rdf:RDF>`);
    assert.equal(items.length, 1);
    assert.equal(items[0]?.publishedAt, "2026-10-15T00:00:00.000Z");
    assert.equal(items[0]?.text, "Le rapport est publié.");
  });

  it("refuses what is not a feed", async () => {
    await notAFeed("<html><body><p>Une page</p></body></html>");
    await notAFeed("pas du tout du XML");
    await notAFeed("");
  });

  it("never expands declared entities: an entity bomb stays the size it was sent", async () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<rss><channel><item><title>Bombe</title><description>&d;&d;&d;&d;&d;&d;&d;&d;</description></item></channel></rss>`;
    const { items } = await readFeed(bomb);
    assert.equal(items.length, 1);
    assert.ok((items[0]?.text.length ?? 0) < 100, items[0]?.text);
  });

  it("keeps the first items only, each text cut, and survives deep nesting", async () => {
    const many = rss(
      Array.from({ length: 50 }, (_, index) => ({
        title: `Article ${index}`,
        link: `https://example.fr/${index}`,
        description: "mot ".repeat(5_000),
      })),
    );
    const limits = { ...DEFAULT_READ_LIMITS, maxItems: 10, maxItemCharacters: 500 };
    const { items } = await readFeed(many, limits);
    assert.equal(items.length, 10);
    assert.equal(items[9]?.title, "Article 9");
    assert.ok(items.every((item) => item.text.length <= 500));
    const deep = `<rss><channel><item><title>Profond</title><description>${"<x>".repeat(100_000)}fin${"</x>".repeat(100_000)}</description></item></channel></rss>`;
    const read = await readFeed(deep);
    assert.equal(read.items[0]?.title, "Profond");
  });

  it("decodes UTF-8 and Windows-1252 bytes, and refuses binary", async () => {
    assert.equal(watchedText(Buffer.from("élément", "utf8")), "élément");
    assert.equal(watchedText(Buffer.from([0xe9, 0x74, 0xe9])), "été");
    assert.throws(
      () => watchedText(Buffer.from([0x00, 0x01, 0x02, 0x03])),
      (error) => error instanceof WatchFetchFailed && error.code === "unreadable",
    );
  });

  it("reads an HTML fragment into paragraphs, scripts and styles left out", async () => {
    assert.deepEqual(
      await htmlParagraphs(
        "<div><h2>Titre</h2><p>Premier &eacute;l&eacute;ment.</p><style>p{}</style><ul><li>un</li><li>deux</li></ul></div>",
      ),
      ["Titre", "Premier élément.", "un", "deux"],
    );
  });
});
