import { parseArgs } from "node:util";
import { TAGS } from "../arena/index.js";
import type { Config } from "../config.js";
import { t } from "../i18n/index.js";
import { withServices } from "./context.js";
import { type CliIo, say, UsageError } from "./io.js";

const decimal = (value: number) =>
  new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 }).format(value);

/**
 * beffroi arena list [--json] | arena ranking CAMPAIGN [--json] [--seed N] [--tag T]
 * A campaign's Bradley–Terry ranking with its 95 % intervals and verdict,
 * recomputed from the votes in the database (deterministic for a seed).
 */
export async function arenaCommand(config: Config, io: CliIo, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      json: { type: "boolean" },
      seed: { type: "string" },
      tag: { type: "string" },
    },
    allowPositionals: true,
    strict: true,
  });
  switch (action) {
    case "list":
      return withServices(config, io, async ({ arena }) => {
        const list = await arena.listAll();
        if (values.json) io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        else if (list.length === 0) say(io, "cli.none");
        else
          for (const campaign of list)
            say(io, "cli.arena_line", {
              id: campaign.id,
              name: campaign.name,
              subject: campaign.subject,
              status: t(`cli.arena_status.${campaign.status}`),
              votes: campaign.votes,
            });
        return 0;
      });
    case "ranking": {
      const [id] = positionals;
      if (!id) throw new UsageError(t("cli.missing_option", { option: "CAMPAGNE" }));
      const seed = values.seed === undefined ? undefined : Number(values.seed);
      if (seed !== undefined && (!Number.isInteger(seed) || seed < 0 || seed > 2_147_483_647))
        throw new UsageError(t("cli.arena_seed"));
      const tag = values.tag as (typeof TAGS)[number] | undefined;
      if (tag !== undefined && !TAGS.includes(tag))
        throw new UsageError(t("cli.arena_tag", { tags: TAGS.join(", ") }));
      return withServices(config, io, async ({ arena }) => {
        const ranking = await arena.ranking("cli", id, {
          ...(seed !== undefined && { seed }),
          ...(tag !== undefined && { tag }),
        });
        if (values.json) {
          io.stdout.write(`${JSON.stringify(ranking, null, 2)}\n`);
          return 0;
        }
        say(io, "cli.arena_header", { votes: ranking.votes, seed: ranking.seed });
        ranking.contenders.forEach((contender, index) => {
          say(io, "cli.arena_row", {
            rank: index + 1,
            label: contender.label,
            score: decimal(contender.score),
            low: decimal(contender.low),
            high: decimal(contender.high),
            votes: contender.votes,
            wins: decimal(contender.wins),
          });
        });
        io.stdout.write(`\n${ranking.verdict.text}\n`);
        return 0;
      });
    }
    default:
      throw new UsageError(t("cli.unknown_command", { command: `arena ${action ?? ""}`.trim() }));
  }
}
