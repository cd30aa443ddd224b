import { parseArgs } from "node:util";
import type { Config } from "../config.js";
import { t } from "../i18n/index.js";
import { actionLabel, actorLabel, parseAnchor, verificationMessage } from "../observatory/index.js";
import { withServices } from "./context.js";
import { type CliIo, say, UsageError } from "./io.js";

const positiveInteger = (value: string | undefined, max: number, message: string) => {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || number > max)
    throw new UsageError(t("cli.bad_option", { reason: message }));
  return number;
};

/** beffroi audit verify|list|head: the tamper-evident log of administrative actions. */
export async function auditCommand(config: Config, io: CliIo, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      anchor: { type: "string" },
      limit: { type: "string" },
      before: { type: "string" },
      json: { type: "boolean" },
    },
    strict: true,
  });
  switch (action) {
    case "verify": {
      const anchor = values.anchor === undefined ? undefined : parseAnchor(values.anchor);
      if (values.anchor !== undefined && !anchor)
        throw new UsageError(t("cli.bad_option", { reason: t("cli.audit_anchor_format") }));
      return withServices(config, io, async ({ audit }) => {
        const result = await audit.verify(anchor ? { anchor } : {});
        const message = verificationMessage(result);
        if (values.json) io.stdout.write(`${JSON.stringify({ ...result, message }, null, 2)}\n`);
        else (result.ok ? io.stdout : io.stderr).write(`${message}\n`);
        return result.ok ? 0 : 1;
      });
    }
    case "list": {
      const limit = positiveInteger(values.limit, 500, t("cli.audit_limit")) ?? 50;
      const before = positiveInteger(values.before, Number.MAX_SAFE_INTEGER, t("cli.audit_before"));
      return withServices(config, io, async ({ audit }) => {
        const page = await audit.list({ limit, ...(before !== undefined && { before }) });
        if (values.json) io.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
        else if (page.entries.length === 0) say(io, "cli.none");
        else {
          for (const entry of page.entries) {
            const details = entry.details === null ? "?" : JSON.stringify(entry.details);
            io.stdout.write(
              `${entry.seq}\t${entry.at}\t${actorLabel(entry.actor)}\t${actionLabel(entry.action)} (${entry.action})\t${entry.target ?? "-"}\t${details}\n`,
            );
          }
          if (page.nextBefore !== null) say(io, "cli.audit_more", { before: page.nextBefore });
        }
        return 0;
      });
    }
    case "head":
      return withServices(config, io, async ({ audit }) => {
        const head = await audit.head();
        if (values.json) io.stdout.write(`${JSON.stringify(head, null, 2)}\n`);
        else if (head.seq === 0) say(io, "cli.audit_head_empty");
        else say(io, "cli.audit_head", { seq: head.seq, hash: head.hash, at: head.at ?? "?" });
        return 0;
      });
    default:
      throw new UsageError(t("cli.unknown_command", { command: `audit ${action ?? ""}`.trim() }));
  }
}
