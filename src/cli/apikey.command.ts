import { parseArgs } from "node:util";
import type { Config } from "../config.js";
import { t } from "../i18n/index.js";
import { isPermission, type Permission } from "../identity/index.js";
import { withServices } from "./context.js";
import { type CliIo, say, UsageError } from "./io.js";

/** beffroi apikey create|list|revoke */
export async function apikeyCommand(config: Config, io: CliIo, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      scope: { type: "string", multiple: true },
      days: { type: "string" },
      id: { type: "string" },
      json: { type: "boolean" },
    },
    strict: true,
  });
  switch (action) {
    case "create": {
      if (!values.email) throw new UsageError(t("cli.missing_option", { option: "email" }));
      if (!values.name) throw new UsageError(t("cli.missing_option", { option: "name" }));
      const scopes = (values.scope ?? []).flatMap((scope) => scope.split(","));
      if (scopes.length === 0) throw new UsageError(t("cli.missing_option", { option: "scope" }));
      const bad = scopes.find((scope) => !isPermission(scope));
      if (bad) {
        throw new UsageError(
          t("cli.bad_option", { reason: t("cli.scope_unknown", { scope: bad }) }),
        );
      }
      const days = values.days === undefined ? undefined : Number(values.days);
      const { email, name } = values;
      return withServices(config, io, async ({ users, apiKeys }) => {
        const user = await users.findByEmail(email);
        if (!user) throw new UsageError(t("error.user_not_found"));
        const { key, token } = await apiKeys.create(user.id, {
          name,
          scopes: scopes as Permission[],
          ...(days !== undefined && { expiresInDays: days }),
        });
        say(io, "cli.apikey_created", { id: key.id });
        io.stdout.write(`${token}\n`);
        return 0;
      });
    }
    case "list":
      return withServices(config, io, async ({ users, apiKeys }) => {
        const owner = values.email ? await users.findByEmail(values.email) : undefined;
        if (values.email && !owner) throw new UsageError(t("error.user_not_found"));
        const keys = await apiKeys.list(owner ? { userId: owner.id } : "all");
        if (values.json) io.stdout.write(`${JSON.stringify(keys, null, 2)}\n`);
        else if (keys.length === 0) say(io, "cli.none");
        else {
          for (const key of keys) {
            const state = key.revokedAt
              ? t("cli.apikey_state_revoked")
              : t("cli.apikey_state_expires", { date: key.expiresAt.slice(0, 10) });
            io.stdout.write(
              `${key.id}\t${key.prefix}…\t${key.name}\t${key.scopes.join(",")}\t${state}\n`,
            );
          }
        }
        return 0;
      });
    case "revoke": {
      const { id } = values;
      if (!id) throw new UsageError(t("cli.missing_option", { option: "id" }));
      return withServices(config, io, async ({ apiKeys }) => {
        await apiKeys.revoke("cli", id);
        say(io, "cli.apikey_revoked", { id });
        return 0;
      });
    }
    default:
      throw new UsageError(t("cli.unknown_command", { command: `apikey ${action ?? ""}`.trim() }));
  }
}
