/**
 * npm run bench:guard-public
 *
 * How often the personal-data guard flags real public French text, which
 * holds no personal data about anyone: citizens' questions (the titles of
 * service-public.fr sheets and of aid schemes) and the sheets themselves
 * (as a knowledge base holds them). At both operating points: `documents`
 * (what a knowledge base's ingestion reads: a flag there quarantines a
 * public sheet under the default setting) and `egress` (what leaves for a
 * model: a flag there pseudonymises or blocks a harmless request; the
 * possible findings are masked without flagging the text). Reads ../shared/data
 * when present (a fresh clone has none: the script says so and stops). The
 * baseline, measured in the same run, is one combined regular expression
 * (an e-mail, a phone number or a long run of digits): what a naive filter
 * flags on the same texts.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { DEFAULT_RECOGNIZERS, scanText } from "../src/guard/index.js";
import { ONE_REGEX } from "./fixtures.js";

const root = new URL("../../shared/data/", import.meta.url);
if (!existsSync(root)) {
  console.log("../shared/data est absent : rien à mesurer.");
  process.exit(0);
}

const lines = (file: string) =>
  readFileSync(new URL(file, root), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
const folder = (dir: string) =>
  readdirSync(new URL(dir, root)).map((name) =>
    readFileSync(new URL(`${dir}${name}`, root), "utf8"),
  );

const sets: Record<string, string[]> = {
  "questions (service-public)": lines("service-public-qr/queries.jsonl").map((q) =>
    String(q.query),
  ),
  "titres d'aides (aides-jeunes)": lines("aides-jeunes/benefits.jsonl").map((b) => String(b.title)),
  "fiches (service-public)": folder("service-public-qr/docs/"),
  "aides (aides-jeunes)": folder("aides-jeunes/docs/"),
};

const naive = new RegExp(ONE_REGEX.source);

console.log(
  "| textes publics | n | signalés : documents (quarantaine) | dont sensibles | signalés : envoi à un modèle | avec quelque chose à masquer (certain ou possible) | signalés par l'expression naïve | coordonnées d'organismes reconnues | types les plus fréquents (documents) |",
);
console.log("|---|---|---|---|---|---|---|---|---|");
for (const [name, texts] of Object.entries(sets)) {
  let flagged = 0;
  let sensitive = 0;
  let egressFlagged = 0;
  let masked = 0;
  let naiveFlagged = 0;
  let organisations = 0;
  const types: Record<string, number> = {};
  for (const text of texts) {
    const result = scanText(text, DEFAULT_RECOGNIZERS, { purpose: "documents" });
    if (result.dataClass !== "public") flagged += 1;
    if (result.dataClass === "sensitive") sensitive += 1;
    organisations += result.organisations.length;
    const egress = scanText(text, DEFAULT_RECOGNIZERS, { purpose: "egress" });
    if (egress.dataClass !== "public") egressFlagged += 1;
    if (egress.entities.length > 0) masked += 1;
    if (naive.test(text)) naiveFlagged += 1;
    for (const type of new Set(result.entities.map((e) => e.type)))
      types[type] = (types[type] ?? 0) + 1;
  }
  const pct = (n: number) => `${((100 * n) / texts.length).toFixed(1)} %`;
  const top = Object.entries(types)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([type, n]) => `${type} ${n}`)
    .join(", ");
  console.log(
    `| ${name} | ${texts.length} | ${pct(flagged)} (${flagged}) | ${pct(sensitive)} | ${pct(egressFlagged)} | ${pct(masked)} | ${pct(naiveFlagged)} | ${organisations} | ${top} |`,
  );
}
