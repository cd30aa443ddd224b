import { parseArgs } from "node:util";
import { WATCH_KINDS, type WatchKind, watchStatusLabel } from "../assistants/index.js";
import type { Config } from "../config.js";
import { t } from "../i18n/index.js";
import { withServices } from "./context.js";
import { type CliIo, say, UsageError } from "./io.js";

/**
 * beffroi watch add NAME --url URL --kind feed|page [--every MINUTES] [--direction PATH]
 *             | list [--json] | check [ID] [--json] | remove ID
 * The document watch's sources from the command line: `check` reads one
 * source now, or every source whose check is due (what the server does on
 * its schedule), and prints each outcome.
 */
export async function watchCommand(config: Config, io: CliIo, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      url: { type: "string" },
      kind: { type: "string" },
      every: { type: "string" },
      direction: { type: "string" },
      json: { type: "boolean" },
    },
    allowPositionals: true,
    strict: true,
  });
  switch (action) {
    case "add": {
      const name = positionals.join(" ").trim();
      if (!name) throw new UsageError(t("cli.missing_option", { option: "nom" }));
      if (!values.url) throw new UsageError(t("cli.missing_option", { option: "--url" }));
      const kind = (values.kind ?? "feed") as WatchKind;
      if (!WATCH_KINDS.includes(kind))
        throw new UsageError(t("cli.watch_kind", { kinds: WATCH_KINDS.join(", ") }));
      const every = values.every === undefined ? 360 : Number(values.every);
      if (!Number.isInteger(every) || every < 15 || every > 10_080)
        throw new UsageError(t("cli.watch_every"));
      return withServices(config, io, async ({ watch, directions }) => {
        const directionId = values.direction
          ? (await directions.resolve(values.direction)).id
          : null;
        const source = await watch.create("cli", {
          name,
          url: values.url ?? "",
          kind,
          intervalMinutes: every,
          directionId,
        });
        say(io, "cli.watch_added", { name: source.name, id: source.id });
        return 0;
      });
    }
    case "list":
      return withServices(config, io, async ({ watch }) => {
        const list = await watch.list();
        if (values.json) io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        else if (list.length === 0) say(io, "cli.none");
        else
          for (const source of list)
            say(io, "cli.watch_line", {
              id: source.id,
              name: source.name,
              kind: source.kind,
              status: watchStatusLabel(source.status),
              items: source.items,
            });
        return 0;
      });
    case "check":
      return withServices(config, io, async ({ watch }) => {
        const [id] = positionals;
        if (id) {
          const outcome = await watch.checkNow("cli", id);
          if (values.json) io.stdout.write(`${JSON.stringify(outcome)}\n`);
          else
            say(io, "cli.watch_checked", {
              status: watchStatusLabel(outcome.status),
              count: outcome.newItems,
            });
          return outcome.status === "ok" || outcome.status === "not_modified" ? 0 : 1;
        }
        const count = await watch.checkDue(1_000);
        if (values.json) io.stdout.write(`${JSON.stringify({ checked: count })}\n`);
        else say(io, "cli.watch_checked_due", { count });
        return 0;
      });
    case "remove": {
      const [id] = positionals;
      if (!id) throw new UsageError(t("cli.missing_option", { option: "ID" }));
      return withServices(config, io, async ({ watch }) => {
        await watch.remove("cli", id);
        say(io, "cli.watch_removed", { id });
        return 0;
      });
    }
    default:
      throw new UsageError(t("cli.unknown_command", { command: `watch ${action ?? ""}`.trim() }));
  }
}
