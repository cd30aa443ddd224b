import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type FeedServer, startFeedServer } from "../../../test/support/feed-server.js";
import {
  fetchWatched,
  isPublicAddress,
  WatchFetchFailed,
  type WatchFetchLimits,
  type WatchFetchResult,
} from "./fetch.js";

const limits = (overrides: Partial<WatchFetchLimits> = {}): WatchFetchLimits => ({
  maxBytes: 100_000,
  timeoutMs: 5_000,
  maxRedirects: 3,
  privateHosts: new Set(["127.0.0.1"]),
  ...overrides,
});

const failure = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof WatchFetchFailed, String(error));
    return error.code;
  }
  assert.fail("the reading should have failed");
};

const body = (result: WatchFetchResult) => {
  assert.equal(result.status, "ok");
  return result.status === "ok" ? result.body.toString("utf8") : "";
};

describe("watched addresses", () => {
  it("tells public addresses from loopback, private, link-local and mapped ones", () => {
    for (const address of ["8.8.8.8", "193.51.24.1", "2a01:e0a:1::1", "2001:4860:4860::8888"])
      assert.equal(isPublicAddress(address), true, address);
    for (const address of [
      "127.0.0.1",
      "127.1.2.3",
      "10.0.0.5",
      "172.16.3.4",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254", // a cloud's metadata service
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "::",
      "fe80::1",
      "fd12:3456::1",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
      "not an address",
    ])
      assert.equal(isPublicAddress(address), false, address);
  });
});

describe("fetchWatched over loopback", () => {
  let server: FeedServer;
  before(async () => {
    server = await startFeedServer();
  });
  after(() => server.close());

  it("reads a feed from an allowed host, and keeps its validators", async () => {
    server.serve("/flux.xml", {
      body: "<rss></rss>",
      etag: '"v1"',
      headers: { "content-type": "application/rss+xml" },
    });
    const result = await fetchWatched({ url: `${server.url}/flux.xml` }, limits());
    assert.equal(body(result), "<rss></rss>");
    assert.equal(result.status === "ok" && result.etag, '"v1"');
    assert.equal(result.status === "ok" && result.contentType, "application/rss+xml");
    const again = await fetchWatched({ url: `${server.url}/flux.xml`, etag: '"v1"' }, limits());
    assert.deepEqual(again, { status: "not-modified" });
  });

  it("refuses loopback and private addresses unless their host is allowed, by literal or by name", async () => {
    server.serve("/interne", { body: "secret" });
    const none = limits({ privateHosts: new Set() });
    assert.equal(
      await failure(fetchWatched({ url: `${server.url}/interne` }, none)),
      "address_refused",
    );
    // A name is judged on what it resolves to.
    assert.equal(
      await failure(fetchWatched({ url: `${server.namedUrl}/interne` }, none)),
      "address_refused",
    );
    const named = limits({ privateHosts: new Set(["localhost"]) });
    assert.equal(body(await fetchWatched({ url: `${server.namedUrl}/interne` }, named)), "secret");
    const before = server.requests.length;
    await failure(fetchWatched({ url: `${server.url}/interne` }, none));
    assert.equal(server.requests.length, before, "a refused address is never connected to");
  });

  it("checks every redirect's address again, and stops at the redirect limit", async () => {
    server.serve("/final", { body: "arrivé" });
    server.serve("/relais", { status: 302, headers: { location: "/final" } });
    assert.equal(body(await fetchWatched({ url: `${server.url}/relais` }, limits())), "arrivé");
    // Allowed by name (localhost), sent on to an address that is not allowed.
    server.serve("/vers-interne", {
      status: 301,
      headers: { location: `${server.url}/final` },
    });
    const named = limits({ privateHosts: new Set(["localhost"]) });
    assert.equal(
      await failure(fetchWatched({ url: `${server.namedUrl}/vers-interne` }, named)),
      "address_refused",
    );
    server.serve("/boucle", { status: 302, headers: { location: "/boucle" } });
    assert.equal(
      await failure(fetchWatched({ url: `${server.url}/boucle` }, limits())),
      "too_many_redirects",
    );
    server.serve("/ailleurs", { status: 302, headers: { location: "file:///etc/passwd" } });
    assert.equal(
      await failure(fetchWatched({ url: `${server.url}/ailleurs` }, limits())),
      "url_invalid",
    );
  });

  it("stops at the size limit, declared or not, compressed or not", async () => {
    const big = "a".repeat(200_000);
    server.serve("/gros", { body: big });
    assert.equal(await failure(fetchWatched({ url: `${server.url}/gros` }, limits())), "too_large");
    // 200 kB of text compress to a few hundred bytes: counted once decompressed.
    server.serve("/bombe", { body: big, gzip: true });
    assert.equal(
      await failure(fetchWatched({ url: `${server.url}/bombe` }, limits())),
      "too_large",
    );
    server.serve("/compresse", { body: "petit contenu", gzip: true });
    assert.equal(
      body(await fetchWatched({ url: `${server.url}/compresse` }, limits())),
      "petit contenu",
    );
  });

  it("gives up on a server that stalls, and says which status a server answered", async () => {
    server.serve("/lent", { stall: true });
    assert.equal(
      await failure(fetchWatched({ url: `${server.url}/lent` }, limits({ timeoutMs: 300 }))),
      "timeout",
    );
    assert.equal(
      await failure(fetchWatched({ url: `${server.url}/absent` }, limits())),
      "http_status",
    );
  });

  it("reads only http(s) addresses without credentials", async () => {
    for (const url of [
      "file:///etc/passwd",
      "ftp://ftp.example.fr/flux.xml",
      "https://agent:secret@www.example.fr/flux.xml",
      "pas une adresse",
    ])
      assert.equal(await failure(fetchWatched({ url }, limits())), "url_invalid", url);
  });
});
