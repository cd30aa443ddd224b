import { parseArgs } from "node:util";
import type { Config } from "../config.js";
import { t } from "../i18n/index.js";
import { withServices } from "./context.js";
import { type CliIo, say, UsageError } from "./io.js";

/** beffroi direction add PATH | list */
export async function directionCommand(config: Config, io: CliIo, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    options: { json: { type: "boolean" } },
    allowPositionals: true,
    strict: true,
  });
  switch (action) {
    case "add": {
      const path = positionals.join(" ").trim();
      if (!path) throw new UsageError(t("cli.missing_option", { option: "chemin" }));
      return withServices(config, io, async ({ directions }) => {
        const direction = await directions.add(path);
        say(io, "cli.direction_added", { path: direction.path });
        return 0;
      });
    }
    case "list":
      return withServices(config, io, async ({ directions }) => {
        const list = await directions.list();
        if (values.json) io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        else if (list.length === 0) say(io, "cli.none");
        else for (const direction of list) io.stdout.write(`${direction.path}\n`);
        return 0;
      });
    default:
      throw new UsageError(
        t("cli.unknown_command", { command: `direction ${action ?? ""}`.trim() }),
      );
  }
}
