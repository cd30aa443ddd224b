import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * Starts a worker thread on the module `name` beside `from` (a module's
 * `import.meta.url`). Compiled (`npm start`), the entry is the `.js` file;
 * from the sources (tests, benchmarks, a checkout run through
 * bin/beffroi.js) it is a `.ts` file that Node cannot load by itself: the
 * thread registers tsx first, as bin/beffroi.js does.
 */
export function startThread(from: string, name: string, options: WorkerOptions): Worker {
  const ownExtension = extname(fileURLToPath(from));
  const entry = new URL(`./${name}${ownExtension}`, from);
  if (ownExtension !== ".ts") return new Worker(entry, options);
  const tsx = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
