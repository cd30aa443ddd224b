import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { Config } from "../config.js";
import { t } from "../i18n/index.js";
import { withServices } from "./context.js";
import { type CliIo, say, UsageError } from "./io.js";

/**
 * beffroi charter show [--version N] | versions [--json] | template NAME |
 * apply FILE | accept --email EMAIL (a service account's acceptance, for
 * an API key used by a workflow tool: the charter must be accepted before a
 * first use, and such an account never opens the page).
 */
export async function charterCommand(config: Config, io: CliIo, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    options: { json: { type: "boolean" }, version: { type: "string" }, email: { type: "string" } },
    allowPositionals: true,
    strict: true,
  });
  switch (action) {
    case "show":
      return withServices(config, io, async ({ charter }) => {
        const version = values.version === undefined ? undefined : Number(values.version);
        if (version !== undefined && !(Number.isInteger(version) && version > 0)) {
          throw new UsageError(t("cli.option_value", { option: "--version" }));
        }
        const shown =
          version === undefined ? await charter.current() : await charter.version(version);
        say(io, "cli.charter_header", { version: shown.version, title: shown.title });
        io.stdout.write(shown.yaml.endsWith("\n") ? shown.yaml : `${shown.yaml}\n`);
        return 0;
      });
    case "versions":
      return withServices(config, io, async ({ charter }) => {
        await charter.current();
        const versions = await charter.versions();
        if (values.json) io.stdout.write(`${JSON.stringify(versions, null, 2)}\n`);
        else {
          for (const v of versions) {
            say(io, "cli.charter_version", {
              version: v.version,
              at: v.createdAt,
              title: v.title,
              changes: v.changes.join(", ") || "—",
            });
          }
        }
        return 0;
      });
    case "template": {
      const [name] = positionals;
      if (!name) throw new UsageError(t("cli.missing_option", { option: "modèle" }));
      return withServices(config, io, async ({ charter }) => {
        io.stdout.write(charter.template(name));
        return 0;
      });
    }
    case "apply": {
      const [file] = positionals;
      if (!file) throw new UsageError(t("cli.missing_option", { option: "fichier" }));
      const yaml = readFileSync(file, "utf8");
      return withServices(config, io, async ({ charter }) => {
        const saved = await charter.update(null, yaml);
        say(io, "cli.charter_applied", {
          version: saved.version,
          changes: saved.changes.join(", ") || "—",
        });
        return 0;
      });
    }
    case "accept": {
      const email = values.email;
      if (!email) throw new UsageError(t("cli.missing_option", { option: "--email" }));
      return withServices(config, io, async ({ charter, users }) => {
        const user = await users.findByEmail(email);
        if (!user) throw new UsageError(t("error.user_not_found"));
        const accepted = await charter.accept(user.id, { actor: null });
        say(io, "cli.charter_accepted", { email, version: accepted.version });
        return 0;
      });
    }
    default:
      throw new UsageError(t("cli.unknown_command", { command: `charter ${action ?? ""}`.trim() }));
  }
}
