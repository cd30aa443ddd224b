/**
 * npm run bench:guard
 *
 * The personal-data guard's speed on French text: the demo base's sheets
 * (agents' prose) with personal data mixed in, cut into 2,000-character
 * prompts. Reports the scan time of one prompt (p50, p99) and the throughput
 * over all of them on one core, after one untimed pass over them (warm), against
 * a baseline measured in the same run
 * on the same text: one pass of a single combined regular expression (an
 * e-mail, a phone number or a long run of digits), the least any scanner
 * must do.
 */
import { readdirSync, readFileSync } from "node:fs";
import { DEFAULT_RECOGNIZERS, PIECE, scanText } from "../src/guard/index.js";
import { repeated, WORST_UNITS } from "../test/guard/worst-cases.js";
import { ONE_REGEX } from "./fixtures.js";

const folder = new URL("../src/knowledge/demo/documents/", import.meta.url);
const prose = readdirSync(folder)
  .map((name) => readFileSync(new URL(name, folder), "utf8"))
  .join("\n\n");
const inserts = [
  "Mme Jeanne DURAND (jeanne.durand@example.fr, 06 12 34 56 78) a appelé.",
  "Le dossier de M. Karim Benali, né le 12/03/1985, est complet.",
  "IBAN FR76 3000 6000 0112 3456 7890 189 communiqué par la famille Martin.",
  "Son fils est autiste ; la MDPH a été saisie.",
];
let text = "";
let turn = 0;
while (text.length < 4_000_000) {
  for (const paragraph of prose.split("\n\n")) {
    text += `${paragraph}\n\n`;
    if (turn++ % 3 === 0) text += `${inserts[turn % inserts.length]}\n\n`;
  }
}
const prompts: string[] = [];
for (let start = 0; start + 2000 <= text.length; start += 2000)
  prompts.push(text.slice(start, start + 2000));

const combined = ONE_REGEX;
const baseline = (prompt: string) => {
  let found = 0;
  combined.lastIndex = 0;
  while (combined.exec(prompt)) found += 1;
  return found;
};

function measure(run: (prompt: string) => unknown) {
  // One untimed pass first: a server's guard is warm, and the engine takes about that long to
  // compile the scanner's functions and patterns (timed from the first prompts on, the figures
  // mostly measure that compilation).
  for (const prompt of prompts) run(prompt);
  const times: number[] = [];
  const started = performance.now();
  for (const prompt of prompts) {
    const t0 = performance.now();
    run(prompt);
    times.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const at = (p: number) =>
    times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0;
  return { p50: at(50), p99: at(99), mbPerSecond: (prompts.length * 2000) / 1e6 / seconds };
}

const guard = measure((prompt) => scanText(prompt, DEFAULT_RECOGNIZERS));
const regex = measure(baseline);
console.log(
  `${prompts.length} prompts of 2,000 characters (${((prompts.length * 2000) / 1e6).toFixed(1)} MB of French text)`,
);
console.log("            p50 ms   p99 ms   MB/s");
for (const [name, r] of [
  ["guard", guard],
  ["one regex", regex],
] as const) {
  console.log(
    `${name.padEnd(10)} ${r.p50.toFixed(3).padStart(7)}  ${r.p99.toFixed(3).padStart(7)}  ${r.mbPerSecond.toFixed(1).padStart(6)}`,
  );
}
console.log(
  `ratio guard / one regex: p99 ${(guard.p99 / regex.p99).toFixed(1)}, throughput ${(guard.mbPerSecond / regex.mbPerSecond).toFixed(2)}`,
);

// Crafted worst cases, beside the normal text: one piece as the service scans it (16,384
// characters, the event loop given back between pieces), and the same text four and sixteen
// times longer, to show that the time grows with the length and no faster.
const piece = PIECE;
const normal = text.slice(0, piece);
const timeOf = (input: string) => {
  scanText(input, DEFAULT_RECOGNIZERS);
  const rounds = 3;
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) scanText(input, DEFAULT_RECOGNIZERS);
  return (performance.now() - started) / rounds;
};
const normalMs = timeOf(normal);
console.log("");
console.log(`worst cases: ms to scan one piece of ${piece} characters, then ×4 and ×16 the length`);
console.log(`${"text".padEnd(26)} piece ms  vs normal   ×4 ms  ×16 ms  growth ×16/×1`);
for (const [name, input] of [
  ["normal text", normal] as const,
  ...Object.entries(WORST_UNITS).map(([label, unit]) => [label, repeated(unit, piece)] as const),
]) {
  const one = name === "normal text" ? normalMs : timeOf(input);
  const unit = name === "normal text" ? text : (WORST_UNITS[name] as string);
  const four = timeOf(repeated(unit, 4 * piece));
  const sixteen = timeOf(repeated(unit, 16 * piece));
  console.log(
    `${name.padEnd(26)} ${one.toFixed(1).padStart(8)}  ${(one / normalMs).toFixed(1).padStart(8)}  ${four.toFixed(1).padStart(6)}  ${sixteen.toFixed(1).padStart(6)}  ${(sixteen / one).toFixed(1).padStart(12)}`,
  );
}
