import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { after, before, describe } from "node:test";
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
} from "playwright-core";
import { type App, createApp } from "../../src/app.js";
import { loadDemoBase } from "../../src/knowledge/index.js";
import { type ProviderInput, ProviderSchema } from "../../src/providers/index.js";
import type { Dialect } from "../../src/store/index.js";
import { PASSWORD } from "./apps.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "./openai-upstream.js";
import { DIALECTS, describeEachDialect, freshLocation, testConfig } from "./stores.js";

/** Debian's Chromium (`apt-get install chromium`); another with BEFFROI_TEST_CHROMIUM. */
export const CHROMIUM = process.env.BEFFROI_TEST_CHROMIUM ?? "/usr/bin/chromium";

/** As the machine's page advises: no background traffic to Google's hosts, which this network refuses. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

/** The RGAA 4.1 level: WCAG 2.1 A and AA. */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const axeSource: string = createRequire(import.meta.url)("axe-core").source;

function chromiumSkip(): string | false {
  if (existsSync(CHROMIUM)) return false;
  if (process.env.CI === "true")
    throw new Error(`Chromium is required in CI and missing at ${CHROMIUM}`);
  return `Chromium missing at ${CHROMIUM} (apt-get install chromium)`;
}

export interface BrowserApp {
  app: App;
  dialect: Dialect;
  /** http://127.0.0.1:PORT */
  url: string;
  /** A new page in a fresh browser context (its own cookies), closed after the suite. */
  page(): Promise<Page>;
}

/**
 * Runs `suite` against a whole Beffroi listening on a loopback port, with its
 * built page, the demo base ingested, and one headless Chromium. The page
 * cannot tell which store is behind the API (the API's own tests run on
 * both): on SQLite alone by default, on both stores in CI or with
 * `BEFFROI_BROWSER_STORES=both`, where the PostgreSQL half follows the store
 * rule (skipped locally when unreachable, required in CI). Without Chromium
 * the suite is skipped locally and fails in CI.
 */
export function describeBrowser(
  name: string,
  suite: (get: () => BrowserApp) => void,
  env: Record<string, string> = {},
): void {
  const skip = chromiumSkip();
  if (skip) {
    describe(name, { skip }, () => {});
    return;
  }
  const bothStores = process.env.CI === "true" || process.env.BEFFROI_BROWSER_STORES === "both";
  describeEachDialect(
    name,
    (dialect) => {
      const location = freshLocation(dialect);
      let current: BrowserApp | undefined;
      let browser: Browser | undefined;
      const contexts: BrowserContext[] = [];
      before(async () => {
        const app = await createApp(
          testConfig(location, { BEFFROI_KNOWLEDGE__DEMO: "true", ...env }),
          {
            store: { schema: location.schema, poolSize: 4 },
          },
        );
        const address = await app.server.listen({ host: "127.0.0.1", port: 0 });
        await loadDemoBase(app.services);
        await app.services.worker.drain();
        app.services.worker.start();
        browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
        current = {
          app,
          dialect,
          url: address,
          page: async () => {
            if (!browser) throw new Error("browser not ready");
            const context = await browser.newContext({ locale: "fr-FR", baseURL: address });
            context.setDefaultTimeout(10_000);
            contexts.push(context);
            return context.newPage();
          },
        };
      });
      after(async () => {
        for (const context of contexts) await context.close().catch(() => {});
        await browser?.close();
        await current?.app.close();
        await location.cleanup();
      });
      suite(() => {
        if (!current) throw new Error("app not ready");
        return current;
      });
    },
    bothStores ? DIALECTS : ["sqlite"],
  );
}

/** Signs in through the page's form, as an agent does. */
export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/");
  await page.getByLabel("Adresse électronique", { exact: true }).fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

/**
 * Runs axe-core on the page as it stands, at the RGAA level; throws with every
 * violation (rule, impact, the elements) when there is one. Evaluated through
 * the DevTools protocol, so the page's own CSP (script-src 'self') stays on.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // The test files compile without the DOM library: what runs in the page is given as text.
  if (!(await page.evaluate("typeof axe !== 'undefined'"))) await page.evaluate(axeSource);
  const violations = (await page.evaluate(`
    axe.run(document, { runOnly: { type: "tag", values: ${JSON.stringify(AXE_TAGS)} } }).then((result) =>
      result.violations.map((violation) =>
        violation.id + " (" + violation.impact + "): " + violation.help + " — " +
        violation.nodes.map((node) => node.target.join(" ")).join(", ")))
  `)) as string[];
  if (violations.length > 0)
    throw new Error(
      `axe found ${violations.length} violation(s) on ${label}:\n${violations.join("\n")}`,
    );
}

/**
 * Waits until `expression` (text evaluated in the page) is truthy, reading it
 * through the DevTools protocol every 50 ms: `page.waitForFunction` evaluates
 * its text with `eval` inside the page once it polls, which the page's CSP
 * (`script-src 'self'`) refuses.
 */
export async function waitForPage(
  page: Page,
  expression: string,
  timeoutMs = 10_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await page.evaluate(`Boolean(${expression})`))) {
    if (Date.now() > until) throw new Error(`still false after ${timeoutMs} ms: ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The focused element's `expression` (text evaluated in the page: the tests
 * compile without the DOM library), once it matches `expected`, or as it is
 * after 5 s. Read through the DevTools protocol every 50 ms.
 */
export async function focusedValue(
  page: Page,
  expression: string,
  expected: string | RegExp,
): Promise<string> {
  // Read again while the focus has not moved yet: an element without the property reads "".
  const read = async () =>
    String(
      await page.evaluate(
        `(() => { try { return document.activeElement?.${expression} ?? ""; } catch { return ""; } })()`,
      ),
    );
  const matches = (value: string) =>
    typeof expected === "string" ? value === expected : expected.test(value);
  for (const until = Date.now() + 5000; Date.now() < until; ) {
    const value = await read();
    if (matches(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return read();
}

/**
 * Fails unless the texts of the elements `locator` matches become `expected`,
 * in order, within 5 s: a list the page fills after a request is read once it
 * has settled, not as it happens to be the moment the test looks.
 */
export async function expectTexts(locator: Locator, expected: readonly string[]): Promise<void> {
  let texts = await locator.allTextContents();
  for (const until = Date.now() + 5000; Date.now() < until; ) {
    if (texts.length === expected.length && texts.every((text, i) => text === expected[i])) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
    texts = await locator.allTextContents();
  }
  assert.deepEqual(texts, expected);
}

/** Fails unless the focused element's `expression` becomes `expected` within 5 s. */
export async function expectFocus(page: Page, expression: string, expected: string): Promise<void> {
  assert.equal(await focusedValue(page, expression, expected), expected);
}

/**
 * A browser suite's model: the local OpenAI-compatible test upstream, started
 * before the suite's tests and closed after them, registered as the provider
 * `local` (hosted by the collectivité, one model `test-model`) unless
 * `provider` says otherwise. Returns how to reach the upstream.
 */
export function upstreamProvider(
  get: () => BrowserApp,
  provider: Partial<Omit<ProviderInput, "baseUrl">> = {},
): () => OpenAiUpstream {
  let upstream: OpenAiUpstream | undefined;
  before(async () => {
    upstream = await startOpenAiUpstream();
    await get().app.services.providers.create(
      ProviderSchema.parse({
        id: "local",
        sovereignty: "local",
        country: "FRA",
        models: [{ id: "test-model" }],
        ...provider,
        baseUrl: upstream.url,
      }),
    );
  });
  after(() => upstream?.close());
  return () => {
    if (!upstream) throw new Error("upstream not started");
    return upstream;
  };
}
