import assert from "node:assert/strict";
import type { App } from "../../src/app.js";
import { addProvider, call, login, type Session } from "./apps.js";

/**
 * A suite's agents by their short names (`who@ville.example`, the password
 * of `seedUser`), signed in again whenever the suite's clock moves past their
 * sessions, and what they do through the API to fill the journal with real
 * turns: a message in a new conversation, a rating, a validation.
 */
export function castOf(app: () => App) {
  const sessions = new Map<string, Session>();
  const as = (who: string): Session => {
    const session = sessions.get(who);
    assert.ok(session, `${who} is not signed in`);
    return session;
  };
  const answer = (conversation: string, message: string, action: string) =>
    `/api/conversations/${conversation}/messages/${message}/${action}`;
  return {
    as,
    /** Signs the agents in (again): a session lasts less than the months a suite goes through. */
    async signIn(names: Iterable<string>): Promise<void> {
      for (const who of names) sessions.set(who, await login(app(), `${who}@ville.example`));
    },
    /** One message in a new conversation (with an assistant, or the default one); the answer. */
    async converse(who: string, content: string, assistantId?: string) {
      const created = await call(app(), "POST", "/api/conversations", as(who), {
        ...(assistantId && { assistantId }),
      });
      assert.equal(created.statusCode, 201, created.body);
      const id: string = created.json().id;
      const sent = await call(app(), "POST", `/api/conversations/${id}/messages`, as(who), {
        content,
      });
      return { conversation: id, status: sent.statusCode, body: sent.json() };
    },
    /** An opinion of an answer (`{ rating, minutesSaved? }`). */
    async rate(who: string, conversation: string, message: string, body: object): Promise<void> {
      const rated = await call(
        app(),
        "POST",
        answer(conversation, message, "feedback"),
        as(who),
        body,
      );
      assert.equal(rated.statusCode, 200, rated.body);
    },
    async validate(who: string, conversation: string, message: string): Promise<void> {
      const validated = await call(
        app(),
        "POST",
        answer(conversation, message, "validate"),
        as(who),
      );
      assert.equal(validated.statusCode, 200, validated.body);
    },
  };
}

/** The two models of the observatory's suites: one hosted by the collectivité, one abroad. */
export const LOCAL = "local/test-model";
export const ABROAD = "ailleurs/test-model";

/**
 * The test upstream registered as two providers, at home (France, PUE 1.3,
 * WUE 0.4) and abroad (United States, PUE 1.2, WUE 1.8), each serving
 * `test-model` with its parameters declared (so that every answer's impact
 * is estimated), and the assistant « Courriers aux usagers » that prefers
 * the model abroad. Returns the assistant's id.
 */
export async function twoHostings(app: App, admin: Session, upstreamUrl: string): Promise<string> {
  for (const [id, sovereignty, country, pue, wue] of [
    ["local", "local", "FRA", 1.3, 0.4],
    ["ailleurs", "extraterritorial", "USA", 1.2, 1.8],
  ] as const)
    await addProvider(app, admin, {
      id,
      baseUrl: upstreamUrl,
      sovereignty,
      country,
      pue,
      wue,
      models: [{ id: "test-model", activeParameters: 8, totalParameters: 8 }],
    });
  const assistant = await call(app, "POST", "/api/assistants", admin, {
    name: "Courriers aux usagers",
    preferredModels: [ABROAD],
  });
  assert.equal(assistant.statusCode, 201, assistant.body);
  return assistant.json().id;
}
