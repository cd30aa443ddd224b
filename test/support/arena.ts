import type { App } from "../../src/app.js";
import { addProvider, type Session } from "./apps.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "./openai-upstream.js";

/**
 * Two contenders for a battle, each a local test upstream answering its own
 * text: `alpha/test-model` (local, 8 B parameters) and `beta/test-model`
 * (sovereign, 70 B), with a PUE, so each answer's energy is estimated.
 */
export async function twoContenders(
  app: App,
  admin: Session,
  replies: { alpha: string; beta: string },
): Promise<{ alpha: OpenAiUpstream; beta: OpenAiUpstream }> {
  const alpha = await startOpenAiUpstream();
  const beta = await startOpenAiUpstream();
  alpha.defaultReply = replies.alpha;
  beta.defaultReply = replies.beta;
  for (const [id, upstream, sovereignty, size] of [
    ["alpha", alpha, "local", 8],
    ["beta", beta, "sovereign", 70],
  ] as const)
    await addProvider(app, admin, {
      id,
      baseUrl: upstream.url,
      sovereignty,
      country: "FRA",
      pue: 1.2,
      models: [{ id: "test-model", activeParameters: size, totalParameters: size }],
    });
  return { alpha, beta };
}
