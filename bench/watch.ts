/**
 * npm run bench:watch
 *
 * The document watch's feed reader (`readFeed`, streamed a chunk per turn of
 * the event loop) on feeds crafted against it — a description nesting
 * elements as deep as its size allows (285,000 levels at 4 MB), one description of the whole size, the size in
 * entity references, the size in tiny items — against a normal feed of the
 * same size (the 200 items a reading keeps, with long HTML descriptions)
 * measured in the same run: the time to read each (median of three
 * after a warm-up), the ratio crafted / normal, how the time grows when the
 * feed is four times larger (about 4 for linear work, 16 for quadratic), and
 * the longest stall of the event loop while it is read.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { readFeed } from "../src/assistants/watch/read.js";

/** The default reading limit (`watch.maxMegabytes`). */
const BYTES = 4_000_000;

const channel = (items: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Banc</title>${items}</channel></rss>`;

/** Items until the feed reaches `bytes`. */
function fill(bytes: number, item: (index: number) => string): string {
  const parts: string[] = [];
  let size = 0;
  for (let index = 0; size < bytes; index++) {
    const part = item(index);
    parts.push(part);
    size += part.length;
  }
  return channel(parts.join(""));
}

/** A normal feed: the 200 items a reading keeps, their descriptions long enough to fill `bytes`. */
const normal = (bytes: number) => {
  const paragraph =
    "<p>Le conseil départemental informe les communes riveraines des travaux prévus sur la route ; la circulation sera alternée du lundi au vendredi.</p>";
  const perItem = Math.max(1, Math.floor(bytes / 200 / paragraph.length));
  return fill(
    bytes,
    (index) =>
      `<item><title>Avis n° ${index} relatif à la voirie départementale</title><link>https://www.example.gouv.fr/avis/${index}</link><guid>avis-${index}</guid><pubDate>Mon, 04 Jan 2026 08:00:00 GMT</pubDate><description><![CDATA[${paragraph.repeat(perItem)}]]></description></item>`,
  );
};

const CASES: { name: string; make: (bytes: number) => string }[] = [
  {
    name: "elements nested, 7 bytes a level",
    make: (bytes) => {
      const depth = Math.floor(bytes / 7 / 2);
      return channel(
        `<item><title>Profond</title><description>${"<x>".repeat(depth)}texte${"</x>".repeat(depth)}</description></item>`,
      );
    },
  },
  {
    name: "one description of the whole size",
    make: (bytes) =>
      channel(
        `<item><title>Long</title><description>${"Le conseil informe les communes. ".repeat(Math.floor(bytes / 34))}</description></item>`,
      ),
  },
  {
    name: "entity references",
    make: (bytes) =>
      channel(
        `<item><title>Entités</title><description>${"&amp;&#233;&lt;".repeat(Math.floor(bytes / 15))}</description></item>`,
      ),
  },
  {
    name: "tiny items",
    make: (bytes) => fill(bytes, (index) => `<item><title>${index}</title></item>`),
  },
];

/** Median of three timed readings after an untimed one, and the longest loop stall meanwhile. */
async function measure(text: string): Promise<{ ms: number; stall: number }> {
  await readFeed(text);
  const times: number[] = [];
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    await readFeed(text);
    times.push(performance.now() - started);
  }
  delay.disable();
  return { ms: times.sort((a, b) => a - b)[1] as number, stall: delay.max / 1e6 };
}

const column = (value: string, width: number) => value.padStart(width);

const baseline = await measure(normal(BYTES));
const baselineQuarter = await measure(normal(BYTES / 4));
console.log(
  `normal feed, ${(BYTES / 1e6).toFixed(1)} MB: ${baseline.ms.toFixed(0)} ms (×${(baseline.ms / baselineQuarter.ms).toFixed(1)} for ×4 the size), longest loop stall ${baseline.stall.toFixed(1)} ms`,
);
console.log(
  `${"feed".padEnd(36)}${column("crafted ms", 12)}${column("/ normal", 10)}${column("× for ×4", 10)}${column("stall ms", 10)}`,
);
for (const { name, make } of CASES) {
  const full = await measure(make(BYTES));
  const quarter = await measure(make(BYTES / 4));
  console.log(
    `${name.padEnd(36)}${column(full.ms.toFixed(0), 12)}${column((full.ms / baseline.ms).toFixed(2), 10)}${column((full.ms / quarter.ms).toFixed(1), 10)}${column(full.stall.toFixed(1), 10)}`,
  );
}
