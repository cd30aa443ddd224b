// npm run bench [NAME…]: runs every bench/*.bench.ts, or those whose name contains NAME.
import { readdirSync } from "node:fs";

const filters = process.argv.slice(2);
const files = readdirSync(new URL(".", import.meta.url))
  .filter((file) => file.endsWith(".bench.ts"))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();
for (const file of files) {
  console.log(`\n# ${file}`);
  const bench = (await import(new URL(file, import.meta.url).href)) as { run(): Promise<void> };
  await bench.run();
}
