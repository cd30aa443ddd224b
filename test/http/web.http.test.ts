import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { type App, createApp } from "../../src/app.js";
import { freshLocation, testConfig } from "../support/stores.js";

/** The page's files as Vite lays them out: index.html and hashed assets. */
function builtPage(): string {
  const root = mkdtempSync(path.join(tmpdir(), "beffroi-web-"));
  mkdirSync(path.join(root, "assets"));
  writeFileSync(
    path.join(root, "index.html"),
    '<!doctype html><html lang="fr"><script type="module" src="/assets/index-abc123.js"></script></html>',
  );
  writeFileSync(
    path.join(root, "assets", "index-abc123.js"),
    `console.log("${"page ".repeat(500)}");`,
  );
  writeFileSync(path.join(root, "assets", "index-abc123.css"), "body { margin: 0 }");
  return root;
}

describe("the web page served by the API's own process", () => {
  const location = freshLocation("sqlite");
  const root = builtPage();
  let app: App;
  let bare: App;
  before(async () => {
    app = await createApp(testConfig(location), { webRoot: root });
    bare = await createApp(testConfig(location), { webRoot: path.join(root, "missing") });
  });
  after(async () => {
    await app.close();
    await bare.close();
    await location.cleanup();
    rmSync(root, { recursive: true, force: true });
  });

  test("every page address answers the page, revalidated on each visit, under the strict CSP", async () => {
    for (const url of ["/", "/conversations/42", "/bases/7?q=état", "/administration/charte"]) {
      const response = await app.server.inject({ method: "GET", url });
      assert.equal(response.statusCode, 200, url);
      assert.match(response.headers["content-type"] as string, /^text\/html/);
      assert.equal(response.headers["cache-control"], "no-cache");
      assert.match(response.headers["content-security-policy"] as string, /script-src 'self'/);
      assert.match(response.body, /index-abc123\.js/);
    }
  });

  test("hashed assets are cached for a year and sent gzipped to browsers that accept it", async () => {
    const plain = await app.server.inject({ method: "GET", url: "/assets/index-abc123.js" });
    assert.equal(plain.statusCode, 200);
    assert.match(plain.headers["content-type"] as string, /^text\/javascript/);
    assert.equal(plain.headers["cache-control"], "public, max-age=31536000, immutable");
    const zipped = await app.server.inject({
      method: "GET",
      url: "/assets/index-abc123.js",
      headers: { "accept-encoding": "gzip, deflate, br" },
    });
    assert.equal(zipped.headers["content-encoding"], "gzip");
    assert.ok(zipped.rawPayload.length < plain.rawPayload.length / 10);
    assert.equal(gunzipSync(zipped.rawPayload).toString(), plain.body);
    const css = await app.server.inject({ method: "GET", url: "/assets/index-abc123.css" });
    assert.match(css.headers["content-type"] as string, /^text\/css/);
  });

  test("the API keeps its JSON errors; an unknown asset or file is a 404, not the page", async () => {
    const api = await app.server.inject({ method: "GET", url: "/api/nothing-here" });
    assert.equal(api.statusCode, 404);
    assert.equal(api.json().error.code, "route_not_found");
    const v1 = await app.server.inject({ method: "GET", url: "/v1/nothing" });
    assert.equal(v1.json().error.code, "route_not_found");
    const asset = await app.server.inject({ method: "GET", url: "/assets/index-old.js" });
    assert.equal(asset.statusCode, 404);
    assert.match(asset.body, /rechargez/);
    const file = await app.server.inject({ method: "GET", url: "/favicon.ico" });
    assert.equal(file.statusCode, 404);
    const post = await app.server.inject({ method: "POST", url: "/conversations" });
    assert.equal(post.statusCode, 404);
  });

  test("without a built page, its addresses say in French how to build it", async () => {
    const response = await bare.server.inject({ method: "GET", url: "/" });
    assert.equal(response.statusCode, 503);
    assert.match(response.body, /npm run build/);
  });
});
