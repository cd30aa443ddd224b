import { parseArgs } from "node:util";
import type { Config } from "../config.js";
import { t } from "../i18n/index.js";
import { isRole, ROLES, type Role } from "../identity/index.js";
import { withServices } from "./context.js";
import { askSecret, type CliIo, readLine, say, UsageError } from "./io.js";

const required = (value: string | undefined, option: string): string => {
  if (!value) throw new UsageError(t("cli.missing_option", { option }));
  return value;
};

async function readPassword(
  io: CliIo,
  fromStdin: boolean,
  none: boolean,
): Promise<string | undefined> {
  if (none) return undefined;
  if (fromStdin) return (await readLine(io)).replace(/\r$/, "");
  if (io.stdin.isTTY) return askSecret(io, t("cli.password_prompt"));
  throw new UsageError(t("cli.bad_option", { reason: t("cli.password_needs_terminal") }));
}

/** beffroi user add|list|disable|enable */
export async function userCommand(config: Config, io: CliIo, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string", multiple: true },
      admin: { type: "boolean" },
      direction: { type: "string" },
      "password-stdin": { type: "boolean" },
      "no-password": { type: "boolean" },
      json: { type: "boolean" },
    },
    strict: true,
  });
  switch (action) {
    case "add": {
      const email = required(values.email, "email");
      const name = required(values.name, "name");
      const roles = [...(values.role ?? []), ...(values.admin ? ["admin"] : [])];
      const bad = roles.find((role) => !isRole(role));
      if (bad) {
        const reason = t("cli.role_unknown", { role: bad, roles: ROLES.join(", ") });
        throw new UsageError(t("cli.bad_option", { reason }));
      }
      const password = await readPassword(
        io,
        Boolean(values["password-stdin"]),
        Boolean(values["no-password"]),
      );
      return withServices(config, io, async ({ users, directions }) => {
        const direction = values.direction ? await directions.resolve(values.direction) : undefined;
        const user = await users.create({
          email,
          displayName: name,
          roles: (roles.length > 0 ? roles : ["agent"]) as Role[],
          directionId: direction?.id ?? null,
          ...(password !== undefined && { password }),
        });
        say(io, "cli.user_added", { email: user.email, roles: user.roles.join(", ") });
        return 0;
      });
    }
    case "list":
      return withServices(config, io, async ({ users }) => {
        const list = await users.list();
        if (values.json) {
          io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        } else if (list.length === 0) {
          say(io, "cli.none");
        } else {
          for (const user of list) {
            const state = user.disabledAt ? ` ${t("cli.user_disabled_mark")}` : "";
            io.stdout.write(
              `${user.email}\t${user.displayName}\t${user.roles.join(",")}\t${user.direction?.path ?? "-"}${state}\n`,
            );
          }
        }
        return 0;
      });
    case "disable":
    case "enable": {
      const email = required(values.email, "email");
      const disabled = action === "disable";
      return withServices(config, io, async ({ users, auth }) => {
        const user = await users.findByEmail(email);
        if (!user) throw new UsageError(t("error.user_not_found"));
        await users.update(user.id, { disabled });
        if (disabled) await auth.endSessions(user.id);
        say(io, disabled ? "cli.user_disabled" : "cli.user_enabled", { email: user.email });
        return 0;
      });
    }
    default:
      throw new UsageError(t("cli.unknown_command", { command: `user ${action ?? ""}`.trim() }));
  }
}
