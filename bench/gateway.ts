/**
 * npm run bench:gateway [-- --requests N]
 *
 * Beffroi's added latency as a gateway. A local OpenAI-compatible upstream
 * (its own process) streams a fixed reply; Beffroi (its own process, built,
 * SQLite) is registered in front of it. The same streamed chat requests are
 * sent directly to the upstream and through Beffroi's /v1/chat/completions
 * with an API key, at 1, 50 and 200 concurrent streams, in one run. Reports
 * time to first token and total time at p50 and p99, Beffroi's added
 * latency (through minus direct), and the ratio of throughputs.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { requests: { type: "string", default: "2000" } } });
const perLevel = Number(values.requests);
const root = new URL("..", import.meta.url).pathname;
const dataDir = mkdtempSync(path.join(tmpdir(), "beffroi-bench-gateway-"));
const env = {
  ...process.env,
  BEFFROI_DATA_DIR: dataDir,
  BEFFROI_PORT: "0",
  BEFFROI_LOG_LEVEL: "warn",
  BEFFROI_KNOWLEDGE__DEMO: "false",
  BEFFROI_RATE_LIMIT__REQUESTS_PER_MINUTE: "100000000",
};

/** Starts a process and waits for a line matching `ready`; returns the process and the match. */
async function start(
  args: string[],
  ready: RegExp,
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  // Its output is read to the end: a pipe closed once ready would fail its next line (EPIPE).
  return new Promise((resolve, reject) => {
    let output = "";
    let isReady = false;
    child.stdout?.on("data", (chunk) => {
      output += chunk;
      const match = ready.exec(output);
      if (match && !isReady) {
        isReady = true;
        resolve({ child, match });
      }
    });
    child.once("exit", () => {
      if (!isReady) reject(new Error(`process ended before it was ready: ${output}`));
    });
  });
}

async function cli(args: string[]): Promise<string> {
  const child = spawn(process.execPath, ["bin/beffroi.js", ...args], { cwd: root, env });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  const [code] = await once(child, "exit");
  if (code !== 0) throw new Error(`beffroi ${args.join(" ")} failed`);
  return output;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** One streamed request: time to the first content chunk, and to the end. */
async function stream(url: string, headers: Record<string, string>, model: string) {
  const started = performance.now();
  const response = await fetch(`${url}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({
      model,
      stream: true,
      messages: [{ role: "user", content: "Résume la délibération en une phrase." }],
    }),
  });
  if (!response.ok || !response.body) throw new Error(`status ${response.status}`);
  let first = 0;
  const decoder = new TextDecoder();
  for await (const chunk of response.body) {
    if (!first && decoder.decode(chunk as Uint8Array).includes('"content":"L')) {
      first = performance.now() - started;
    }
  }
  return { first, total: performance.now() - started };
}

async function load(
  concurrency: number,
  total: number,
  run: () => Promise<{ first: number; total: number }>,
) {
  const firsts: number[] = [];
  const totals: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        const result = await run();
        firsts.push(result.first);
        totals.push(result.total);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  firsts.sort((a, b) => a - b);
  totals.sort((a, b) => a - b);
  return { firsts, totals, throughput: total / seconds };
}

const children: ChildProcess[] = [];
try {
  const upstream = await start(["--import", "tsx", "bench/upstream-server.ts"], /^(http:\S+)$/m);
  children.push(upstream.child);
  const upstreamUrl = upstream.match[1] as string;
  await cli(["migrate"]);
  await cli([
    "provider",
    "add",
    "--id",
    "amont",
    "--base-url",
    upstreamUrl,
    "--sovereignty",
    "local",
    "--country",
    "FRA",
    "--model",
    "test-model:8/8",
  ]);
  await cli([
    "user",
    "add",
    "--admin",
    "--email",
    "bench@ville.example",
    "--name",
    "Bench",
    "--no-password",
  ]);
  // The charter must be accepted before a first use: the bench account is a service account.
  await cli(["charter", "accept", "--email", "bench@ville.example"]);
  const key = (
    await cli([
      "apikey",
      "create",
      "--email",
      "bench@ville.example",
      "--name",
      "bench",
      "--scope",
      "chat",
    ])
  )
    .trim()
    .split("\n")
    .at(-1) as string;
  // BENCH_PROFILE=DIR writes a CPU profile of the Beffroi process there (node --cpu-prof).
  const profile = process.env.BENCH_PROFILE
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const beffroi = await start([...profile, "bin/beffroi.js", "serve"], /écoute sur (http:\S+)/);
  children.push(beffroi.child);
  const beffroiUrl = `${beffroi.match[1]}/v1`;

  const direct = () => stream(upstreamUrl, {}, "test-model");
  const through = () => stream(beffroiUrl, { authorization: `Bearer ${key}` }, "amont/test-model");
  // Warm both paths (connections, JIT, caches).
  await load(10, 200, direct);
  await load(10, 200, through);

  console.log(`${perLevel} streamed requests per level; times in ms`);
  console.log("streams  path      ttft p50  ttft p99  total p50  total p99  req/s");
  for (const concurrency of [1, 50, 200]) {
    // Open this level's connections first (both paths), so that p99 is not the cost of a handshake.
    await load(concurrency, concurrency * 2, direct);
    await load(concurrency, concurrency * 2, through);
    const a = await load(concurrency, perLevel, direct);
    const b = await load(concurrency, perLevel, through);
    const row = (name: string, r: typeof a) =>
      console.log(
        `${String(concurrency).padStart(7)}  ${name.padEnd(8)} ${percentile(r.firsts, 50).toFixed(2).padStart(9)} ${percentile(r.firsts, 99).toFixed(2).padStart(9)} ${percentile(r.totals, 50).toFixed(2).padStart(10)} ${percentile(r.totals, 99).toFixed(2).padStart(10)} ${r.throughput.toFixed(0).padStart(6)}`,
      );
    row("direct", a);
    row("beffroi", b);
    console.log(
      `         added: ttft p50 ${(percentile(b.firsts, 50) - percentile(a.firsts, 50)).toFixed(2)} ms, p99 ${(percentile(b.firsts, 99) - percentile(a.firsts, 99)).toFixed(2)} ms; total p50 ${(percentile(b.totals, 50) - percentile(a.totals, 50)).toFixed(2)} ms, p99 ${(percentile(b.totals, 99) - percentile(a.totals, 99)).toFixed(2)} ms; throughput ratio ${(b.throughput / a.throughput).toFixed(2)}`,
    );
  }
} finally {
  for (const child of children) child.kill("SIGTERM");
  await Promise.all(
    children.map((child) => (child.exitCode === null ? once(child, "exit") : null)),
  );
  rmSync(dataDir, { recursive: true, force: true });
}
