/**
 * What searching one's conversations costs, with a huge history: one agent
 * with BENCH_SEARCH_MESSAGES messages (default 40,000, about 20 MB of text)
 * among other agents' as many again, on SQLite and, when reachable,
 * PostgreSQL. Baseline, same run, same store: the agent's list of
 * conversations, which the page reads at every visit. Compared: searches
 * through the indexes (`ConversationsRepository.search`) — a rare word, a
 * common one, a short beginning of a word, two words spread over a
 * conversation, a word that is nowhere — and, for scale, a plain scan of the
 * agent's messages (`lower(content) like '%…%'`), what a search without the
 * indexes would cost. On SQLite a query runs on the event loop: its time is
 * how long every other request waits.
 */
import { createRequire } from "node:module";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { sql } from "kysely";
import { ConversationsRepository } from "../src/chat/index.js";
import { type Dialect, type Store, searchWords } from "../src/store/index.js";
import { freshStore, postgresSkip } from "../test/support/stores.js";

const MESSAGES = Number(process.env.BENCH_SEARCH_MESSAGES ?? 40_000);
const PER_CONVERSATION = 20;
const WORDS_PER_MESSAGE = 80;
const OTHER_AGENTS = 20;
const RUNS = 15;
const AT = "2026-03-02T09:00:00.000Z";

/** French words, drawn with a skew (a few very common, most rare), from a fixed seed. */
const vocabulary = (
  createRequire(import.meta.url)("an-array-of-french-words/index.json") as string[]
).filter((_, index) => index % 7 === 0);
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const word = () => vocabulary[Math.floor(vocabulary.length * random() ** 4)] ?? "mot";
const sentence = () => Array.from({ length: WORDS_PER_MESSAGE }, word).join(" ");

async function fill(store: Store, user: string, messages: number, rare: boolean): Promise<void> {
  const { db } = store;
  await db
    .insertInto("users")
    .values({
      id: user,
      email: `${user}@ville.example`,
      display_name: user,
      password_hash: null,
      direction_id: null,
      oidc_issuer: null,
      oidc_subject: null,
      disabled_at: null,
      last_login_at: null,
      created_at: AT,
      updated_at: AT,
    })
    .execute();
  const conversations = Math.ceil(messages / PER_CONVERSATION);
  for (let start = 0; start < conversations; start += 50) {
    await db.transaction().execute(async (trx) => {
      for (let index = start; index < Math.min(conversations, start + 50); index += 1) {
        const id = `${user}-${index}`;
        const at = new Date(Date.parse(AT) + index * 60_000).toISOString();
        await trx
          .insertInto("conversations")
          .values({
            id,
            user_id: user,
            assistant_id: null,
            title: `${word()} ${word()}`,
            created_at: at,
            updated_at: at,
          })
          .execute();
        await trx
          .insertInto("messages")
          .values(
            Array.from({ length: PER_CONVERSATION }, (_, ordinal) => ({
              id: `${id}-${ordinal}`,
              conversation_id: id,
              ordinal,
              role: ordinal % 2 === 0 ? "user" : "assistant",
              // A few messages hold a word found nowhere else, and the two halves of a pair.
              content:
                rare && index % 400 === 7 && ordinal === 3
                  ? `${sentence()} Déménagement-Zéphyrin ${sentence()}`
                  : rare && index % 300 === 11
                    ? `${sentence()} ${ordinal === 2 ? "Quokka" : ordinal === 5 ? "Ornithorynque" : ""}`
                    : sentence(),
              metadata: "{}",
              created_at: at,
            })),
          )
          .execute();
      }
    });
  }
}

interface Measured {
  median: number;
  max: number;
  /** The longest the event loop went without a turn while it ran: what other requests waited. */
  held: number;
}

async function time(run: () => Promise<unknown>): Promise<Measured> {
  await run();
  const times: number[] = [];
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  for (let index = 0; index < RUNS; index += 1) {
    const started = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    // A turn of the loop between runs, so that the monitor sees how late its timer came.
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  delay.disable();
  times.sort((a, b) => a - b);
  return {
    median: times[Math.floor(times.length / 2)] ?? 0,
    max: times.at(-1) ?? 0,
    held: delay.max / 1e6,
  };
}

async function benchDialect(dialect: Dialect): Promise<void> {
  const { store, cleanup } = await freshStore(dialect);
  seed = 42;
  try {
    const started = Date.now();
    const agent = "agent-0000-historique";
    await fill(store, agent, MESSAGES, true);
    for (let other = 0; other < OTHER_AGENTS; other += 1)
      await fill(store, `agent-${other}`, Math.ceil(MESSAGES / OTHER_AGENTS), false);
    if (dialect === "postgres") await sql`analyze`.execute(store.db);
    console.log(
      `${dialect}: ${MESSAGES} messages for the agent, ${MESSAGES} for ${OTHER_AGENTS} others, filled in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    const repository = new ConversationsRepository(store.db);
    // The most drawn word of four letters or more: in most messages, every agent's.
    const frequent = vocabulary.filter((candidate) => candidate.length >= 4);
    const common = frequent[0] ?? "mot";
    const searches: [string, string][] = [
      ["rare word", "demenagement-zephyrin"],
      [`common word ("${common}")`, common],
      ['beginning of a word ("dem")', "dem"],
      [`beginning of common words ("${common.slice(0, 4)}")`, common.slice(0, 4)],
      ["two words spread over a conversation", "quokka ornithorynque"],
      ["the ten commonest words (22 lookups)", frequent.slice(0, 10).join(" ")],
      ["a word found nowhere", "xylophonistes"],
    ];
    const baseline = await time(() => repository.listForUser(agent));
    const line = (label: string, measured: Measured, found?: number) =>
      console.log(
        `${dialect.padEnd(8)} ${label.padEnd(46)} median ${measured.median.toFixed(1).padStart(6)} ms  max ${measured.max.toFixed(1).padStart(6)} ms  loop held ${measured.held.toFixed(1).padStart(5)} ms  ratio ${(measured.median / baseline.median).toFixed(2).padStart(6)}${found === undefined ? "" : `  (${found} found)`}`,
      );
    line("baseline: the agent's list of conversations", baseline);
    for (const [label, query] of searches) {
      const words = searchWords(query);
      const found = (await repository.search(agent, words, 21)).hits.length;
      line(`search: ${label}`, await time(() => repository.search(agent, words, 21)), found);
    }
    const scan = await time(() =>
      sql`select m.id from messages m join conversations c on c.id = m.conversation_id
          where c.user_id = ${agent} and lower(m.content) like ${"%xylophonistes%"}`.execute(
        store.db,
      ),
    );
    line("for scale: a plain scan of the agent's messages", scan);
    if (dialect === "postgres") {
      const { rows } = await sql<{ "QUERY PLAN": string }>`explain analyze
        select s.message_id from messages_search s join conversations c on c.id = s.conversation_id
        where s.words @@ (${`'#${agent}'`}::tsquery && to_tsquery('simple'::regconfig, ${"'zephyrin':*"}))
          and c.user_id = ${agent}
        order by s.created_at desc limit 500`.execute(store.db);
      const plan = rows.map((row) => row["QUERY PLAN"]).join("\n");
      console.log(
        `postgres plan for a rare word reads the index messages_search_words: ${/messages_search_words/.test(plan)}`,
      );
      if (process.env.BENCH_PLAN) console.log(plan);
    }
  } finally {
    await cleanup();
  }
}

export async function run(): Promise<void> {
  for (const dialect of ["sqlite", "postgres"] as const) {
    const skip = await postgresSkip(dialect);
    if (skip) console.log(`${dialect}: skipped (${skip})`);
    else await benchDialect(dialect);
  }
}
