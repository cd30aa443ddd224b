// A local OpenAI-compatible upstream for bench/gateway.ts, in its own process: streams a fixed reply.
import { startOpenAiUpstream } from "../test/support/openai-upstream.js";

const upstream = await startOpenAiUpstream();
upstream.defaultReply =
  "La délibération est adoptée à l'unanimité des membres présents et représentés, après lecture du rapport de la commission des finances.";
process.stdout.write(`${upstream.url}\n`);
process.on("SIGTERM", () => {
  void upstream.close().then(() => process.exit(0));
});
