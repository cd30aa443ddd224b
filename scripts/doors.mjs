// The doors between domains: a file of src/<domain>/ may import another domain only through
// its index.ts (`../<other>/index.js`). `shared/` (errors, clock, log…) is everyone's, and the
// files at the top of src/ (app.ts, cli.ts, config.ts…) wire the domains together. And SQL is
// written only in repositories (`*.repository.ts`) and in store/. Run by `npm run lint`;
// `doorBypasses` and `sqlOutsideRepositories` are also checked by the tests.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const SHARED = new Set(["shared", "i18n"]);
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+"(\.{1,2}\/[^"]+)"/g;

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

/** Every import of one domain that reaches into another's files: `file → specifier`. */
export function doorBypasses(srcRoot) {
  const bypasses = [];
  for (const file of sources(srcRoot).sort()) {
    const [domain, ...rest] = path.relative(srcRoot, file).split(path.sep);
    if (rest.length === 0) continue; // a composition root at the top of src/
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1];
      const target = path.relative(srcRoot, path.resolve(path.dirname(file), specifier));
      const [other, ...inside] = target.split(path.sep);
      if (other === domain || SHARED.has(other) || inside.length === 0) continue;
      if (inside.length === 1 && inside[0] === "index.js") continue;
      bypasses.push(`${path.relative(process.cwd(), file)} → ${specifier}`);
    }
  }
  return bypasses;
}

const SQL = /\.(?:selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql`/;

/** Files outside store/ that write SQL though they are not repositories. */
export function sqlOutsideRepositories(srcRoot) {
  return sources(srcRoot)
    .sort()
    .filter((file) => {
      const [domain] = path.relative(srcRoot, file).split(path.sep);
      if (domain === "store" || file.endsWith(".repository.ts")) return false;
      return SQL.test(readFileSync(file, "utf8"));
    })
    .map((file) => path.relative(process.cwd(), file));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "src");
  const found = doorBypasses(root);
  if (found.length > 0) {
    console.error(
      `Import(s) qui contournent la porte d'un domaine (passez par son index.ts) :\n${found.join("\n")}`,
    );
  }
  const sqlFiles = sqlOutsideRepositories(root);
  if (sqlFiles.length > 0) {
    console.error(
      `SQL écrit hors d'un dépôt (*.repository.ts) ou de store/ :\n${sqlFiles.join("\n")}`,
    );
  }
  if (found.length > 0 || sqlFiles.length > 0) process.exit(1);
}
