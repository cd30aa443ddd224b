import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import OpenAI from "openai";
import { templateYaml } from "../../src/charter/index.js";
import {
  addProvider,
  apiAgent,
  call,
  describeApps,
  healthWhile,
  type Session,
  seedAdmin,
} from "../support/apps.js";
import { type OpenAiUpstream, startOpenAiUpstream } from "../support/openai-upstream.js";

const TOOLS = [
  {
    type: "function" as const,
    function: {
      name: "envoyer_courriel",
      description: "Envoie un courriel à un usager",
      parameters: {
        type: "object",
        properties: { destinataire: { type: "string" }, objet: { type: "string" } },
        required: ["destinataire", "objet"],
      },
    },
  },
];

/**
 * Tools and structured output through `/v1`, under the charter: the caller's
 * tools go to the model (Beffroi never runs one), the model's calls come back
 * in OpenAI's shape, streamed or not; for a model abroad, personal data in
 * the conversation reaches it as placeholders and comes back restored in the
 * calls' arguments; the charter may forbid tools; a model that does not take
 * structured output is refused up front.
 */
describeApps("OpenAI-compatible API: tools and structured output", (get) => {
  let upstream: OpenAiUpstream;
  let client: OpenAI;
  let admin: Session;
  let base: string;

  before(async () => {
    upstream = await startOpenAiUpstream();
    upstream.models = ["test-model", "texte-seul"];
    const { app } = get();
    admin = await seedAdmin(app);
    await addProvider(app, admin, {
      id: "outre-atlantique",
      baseUrl: upstream.url,
      sovereignty: "extraterritorial",
      country: "USA",
      models: [
        { id: "test-model", capabilities: ["chat"] },
        { id: "texte-seul", capabilities: ["chat"], parameters: ["top_p", "stop"] },
      ],
    });
    const agent = await apiAgent(app);
    const { key } = agent;
    base = agent.base;
    client = new OpenAI({ apiKey: key, baseURL: `${base}/v1`, maxRetries: 0 });
  });
  after(() => upstream.close());

  const model = "outre-atlantique/test-model";
  const messages = [
    { role: "user" as const, content: "Préviens le demandeur que son dossier est complet." },
  ];

  it("passes the tools on and returns the model's calls in OpenAI's shape, whole or streamed", async () => {
    const calls = [
      {
        id: "call_1",
        name: "envoyer_courriel",
        arguments: '{"destinataire":"accueil","objet":"Dossier complet"}',
      },
    ];
    upstream.script({ kind: "reply", text: "", toolCalls: calls });
    const whole = await client.chat.completions.create({
      model,
      messages,
      tools: TOOLS,
      tool_choice: "required",
    });
    const sent = upstream.requests.at(-1)?.body as Record<string, unknown>;
    assert.deepEqual((sent.tools as typeof TOOLS)[0]?.function.name, "envoyer_courriel");
    assert.equal(sent.tool_choice, "required");
    const choice = whole.choices[0];
    assert.equal(choice?.finish_reason, "tool_calls");
    assert.equal(choice?.message.content, null);
    assert.deepEqual(choice?.message.tool_calls, [
      {
        id: "call_1",
        type: "function",
        function: { name: "envoyer_courriel", arguments: calls[0]?.arguments },
      },
    ]);

    upstream.script({ kind: "reply", text: "", toolCalls: calls });
    const stream = await client.chat.completions.create({
      model,
      messages,
      tools: TOOLS,
      stream: true,
    });
    let name = "";
    let args = "";
    let reason = "";
    for await (const chunk of stream) {
      for (const piece of chunk.choices[0]?.delta.tool_calls ?? []) {
        name += piece.function?.name ?? "";
        args += piece.function?.arguments ?? "";
      }
      reason = chunk.choices[0]?.finish_reason ?? reason;
    }
    assert.equal(name, "envoyer_courriel");
    assert.equal(args, calls[0]?.arguments);
    assert.equal(reason, "tool_calls");

    // The caller's tool results go back to the model, with the call they answer.
    await client.chat.completions.create({
      model,
      tools: TOOLS,
      messages: [
        ...messages,
        {
          role: "assistant",
          content: null,
          tool_calls: whole.choices[0]?.message.tool_calls ?? [],
        },
        { role: "tool", tool_call_id: "call_1", content: "Courriel envoyé." },
      ],
    });
    const followed =
      (upstream.requests.at(-1)?.body as { messages?: Record<string, unknown>[] })?.messages ?? [];
    assert.equal(followed.at(-1)?.role, "tool");
    assert.equal(followed.at(-1)?.tool_call_id, "call_1");
    assert.equal((followed.at(-2)?.tool_calls as unknown[] | undefined)?.length, 1);
  });

  it("sends a model abroad placeholders, and restores the real values in the calls' arguments", async () => {
    const phone = "06 12 34 56 78";
    upstream.script({
      kind: "reply",
      text: "",
      toolCalls: [
        {
          id: "call_2",
          name: "envoyer_courriel",
          arguments: '{"destinataire":"[TELEPHONE_1]","objet":"Rappel"}',
        },
      ],
    });
    const answer = await client.chat.completions.create({
      model,
      tools: TOOLS,
      messages: [{ role: "user", content: `Rappelle la demandeuse au ${phone} pour son dossier.` }],
    });
    const sent = JSON.stringify(upstream.requests.at(-1)?.body);
    assert.doesNotMatch(sent, /06 12 34 56 78/, "no phone number abroad in clear");
    assert.match(sent, /\[TELEPHONE_1\]/);
    const first = answer.choices[0]?.message.tool_calls?.[0];
    const args = JSON.parse(first?.type === "function" ? first.function.arguments : "{}");
    assert.equal(args.destinataire, phone);
  });

  it("passes structured output on to a model that takes it, and refuses up front one that does not", async () => {
    upstream.script({ kind: "reply", text: '{"complet":true}' });
    const json = await client.chat.completions.create({
      model,
      messages,
      response_format: { type: "json_object" },
    });
    assert.deepEqual(JSON.parse(json.choices[0]?.message.content ?? ""), { complet: true });
    const asked = upstream.requests.at(-1)?.body as Record<string, unknown> | undefined;
    assert.deepEqual(asked?.response_format, {
      type: "json_object",
    });
    const before = upstream.requests.length;
    const refused = await client.chat.completions
      .create({
        model: "outre-atlantique/texte-seul",
        messages,
        response_format: { type: "json_object" },
      })
      .catch((error) => error);
    assert.equal(refused.status, 400);
    assert.equal(refused.code, "parameter_not_supported");
    assert.match(refused.message, /« response_format »/);
    assert.equal(upstream.requests.length, before);
  });

  it("bounds what it walks: a schema nested too deep is refused, arguments nested too deep are restored as text, a huge tool keeps /healthz answering", async () => {
    let deep: Record<string, unknown> = { type: "string" };
    for (let level = 0; level < 200; level += 1) deep = { type: "object", properties: { x: deep } };
    const refused = await client.chat.completions
      .create({
        model,
        messages,
        tools: [{ type: "function", function: { name: "profond", parameters: deep } }],
      })
      .catch((error) => error);
    assert.equal(refused.status, 400);
    assert.match(String(refused.param), /tools/);

    const nested = `${"[".repeat(5000)}"[TELEPHONE_1]"${"]".repeat(5000)}`;
    upstream.script({
      kind: "reply",
      text: "",
      toolCalls: [{ id: "call_9", name: "envoyer_courriel", arguments: nested }],
    });
    const answer = await client.chat.completions.create({
      model,
      tools: TOOLS,
      messages: [{ role: "user", content: "Rappelle la demandeuse au 06 12 34 56 78." }],
    });
    const call = answer.choices[0]?.message.tool_calls?.[0];
    const restored = call?.type === "function" ? call.function.arguments : "";
    assert.equal(restored, nested.replace("[TELEPHONE_1]", "06 12 34 56 78"));

    // 128 tools of 7,000 characters each: 0.9 MB, the most a request body may hold.
    const huge = Array.from({ length: 128 }, (_, index) => ({
      type: "function" as const,
      function: {
        name: `service_${index}`,
        description: "Service de l'état civil, guichet 2. ".repeat(200),
      },
    }));
    // The guard reads every description: on a loaded machine its budget may run out first, and the
    // turn fails closed (502 guard_timeout). Either way the server keeps answering, which is what is
    // tested here; the upstream's default reply serves whatever gets through (no script left queued).
    const send = () =>
      client.chat.completions
        .create({ model, messages, tools: huge })
        .then(() => "answered")
        .catch((error: { status?: number; error?: { details?: { rule?: string }[] } }) => {
          const rules = (error.error?.details ?? []).map((decision) => decision.rule ?? "");
          assert.equal(error.status, 502, String(error));
          assert.ok(rules.includes("guard.failed"), rules.join());
          return "failed closed";
        });
    // Once before measuring, as guard-load does: the first request of a process this
    // large pays once for compiling the code that reads it (up to 90 ms here, 200 in CI).
    await send();
    const waits = await healthWhile(base, async () => {
      await send();
    });
    assert.ok(Math.max(...waits) < 200, `slowest /healthz answer ${Math.max(...waits)} ms`);
  });

  it("refuses tools where the charter forbids them, saying why", async () => {
    const { app } = get();
    const yaml = templateYaml("balanced").replace(/(toolUse:.*\n\s+allowed:) true/, "$1 false");
    assert.match(yaml, /allowed: false/);
    const saved = await call(app, "PUT", "/api/charter", admin, { yaml });
    assert.equal(saved.statusCode, 200, saved.body);
    // The new version must be accepted before anything else.
    const agent = await app.services.users.findByEmail("agent@ville.example");
    if (agent) await app.services.charter.accept(agent.id);
    const before = upstream.requests.length;
    const refused = await client.chat.completions
      .create({ model, messages, tools: TOOLS })
      .catch((error) => error);
    assert.equal(refused.status, 403);
    assert.match(refused.message, /pas d'agent autonome/);
    assert.equal(upstream.requests.length, before);
    upstream.script({ kind: "reply", text: "Sans outil, c'est permis." });
    const plain = await client.chat.completions.create({ model, messages });
    assert.equal(plain.choices[0]?.message.content, "Sans outil, c'est permis.");
  });
});
