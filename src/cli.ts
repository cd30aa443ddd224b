import { aidsCommand } from "./cli/aids.command.js";
import { apikeyCommand } from "./cli/apikey.command.js";
import { arenaCommand } from "./cli/arena.command.js";
import { auditCommand } from "./cli/audit.command.js";
import { charterCommand } from "./cli/charter.command.js";
import { cliConfig, withServices } from "./cli/context.js";
import { directionCommand } from "./cli/directions.command.js";
import { doctorCommand } from "./cli/doctor.command.js";
import { guardCommand } from "./cli/guard.command.js";
import { impactCommand } from "./cli/impact.command.js";
import { type CliIo, processIo, say, UsageError } from "./cli/io.js";
import { askCommand, ingestCommand, kbCommand, searchCommand } from "./cli/knowledge.command.js";
import { providerCommand } from "./cli/provider.command.js";
import { serveCommand } from "./cli/serve.command.js";
import { usecasesCommand } from "./cli/usecases.command.js";
import { userCommand } from "./cli/users.command.js";
import { watchCommand } from "./cli/watch.command.js";
import { ConfigError, databaseUrl } from "./config.js";
import { t } from "./i18n/index.js";
import { AppError } from "./shared/errors.js";
import { migrateToLatest, openStore } from "./store/index.js";

/**
 * The `beffroi` command. Returns the exit code: 0 done, 1 failure
 * (configuration, database, refused operation), 2 usage mistake.
 */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const { options, rest } = globalOptions(argv);
  const [command, ...args] = rest;
  if (options.help || command === undefined || command === "help") {
    say(io, "cli.usage");
    return command === undefined && !options.help ? 2 : 0;
  }
  try {
    const config = cliConfig(io, options.config);
    switch (command) {
      case "serve":
        return await serveCommand(config, io);
      case "migrate": {
        const store = openStore(databaseUrl(config), { poolSize: 1 });
        try {
          say(io, "cli.migrated", { count: (await migrateToLatest(store)).length });
        } finally {
          await store.close();
        }
        return 0;
      }
      case "user":
        return await userCommand(config, io, args);
      case "direction":
        return await directionCommand(config, io, args);
      case "apikey":
        return await apikeyCommand(config, io, args);
      case "kb":
        return await kbCommand(config, io, args);
      case "ingest":
        return await ingestCommand(config, io, args);
      case "aids":
        return await aidsCommand(config, io, args);
      case "search":
        return await searchCommand(config, io, args);
      case "ask":
        return await askCommand(config, io, args);
      case "guard":
        return await guardCommand(config, io, args);
      case "charter":
        return await charterCommand(config, io, args);
      case "impact":
        return await impactCommand(io, args);
      case "usecases":
        return await usecasesCommand(config, io, args);
      case "watch":
        return await watchCommand(config, io, args);
      case "arena":
        return await arenaCommand(config, io, args);
      case "provider":
        return await providerCommand(config, io, args);
      case "audit":
        return await auditCommand(config, io, args);
      case "purge":
        return await withServices(config, io, async ({ retention }) => {
          say(io, "cli.purged", await retention.purge());
          return 0;
        });
      case "doctor":
        return await doctorCommand(config, io);
      default:
        throw new UsageError(t("cli.unknown_command", { command }));
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`${t("cli.error", { message: error.message })}\n`);
      return 2;
    }
    const parseProblem = argumentProblem(error);
    if (parseProblem) {
      io.stderr.write(
        `${t("cli.error", { message: t("cli.bad_option", { reason: parseProblem }) })}\n`,
      );
      return 2;
    }
    if (error instanceof AppError) {
      io.stderr.write(`${t("cli.error", { message: error.message })}\n`);
      return 1;
    }
    const message = systemProblem(error) ?? (error as Error).message;
    io.stderr.write(`${t("cli.error", { message })}\n`);
    return 1;
  }
}

/** --config FILE (or --config=FILE) and --help may stand anywhere; everything else goes to the command. */
function globalOptions(argv: string[]): {
  options: { config?: string; help: boolean };
  rest: string[];
} {
  const options: { config?: string; help: boolean } = { help: false };
  const rest: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    if (arg === "--help" || arg === "-h") options.help = true;
    else if (arg === "--config") {
      options.config = argv[index + 1];
      index += 1;
    } else if (arg.startsWith("--config=")) options.config = arg.slice("--config=".length);
    else rest.push(arg);
  }
  return { options, rest };
}

/** node:util parseArgs speaks English; say the same in French. */
function argumentProblem(error: unknown): string | undefined {
  const { code, message } = error as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(message ?? "")?.[1] ?? "";
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return t("cli.option_unknown", { option: quoted });
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return t("cli.option_value", { option: quoted });
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return t("cli.argument_unexpected", { argument: quoted });
    default:
      return undefined;
  }
}

/**
 * The system errors an administrator meets when starting Beffroi (port taken,
 * no right, database down, file missing), said in French with what to check.
 */
function systemProblem(error: unknown): string | undefined {
  type SystemError = NodeJS.ErrnoException & { port?: number; address?: string; hostname?: string };
  // A connection tried on several addresses (localhost: ::1 then 127.0.0.1) fails as a whole.
  const first = error instanceof AggregateError ? (error.errors[0] as SystemError) : undefined;
  const { code, path, syscall, hostname } = error as SystemError;
  const { port, address } = first ?? (error as SystemError);
  const where = [address, port].filter((part) => part !== undefined).join(":");
  switch (code) {
    case "EADDRINUSE":
      return t("cli.system.address_in_use", { port: port ?? "?" });
    case "EACCES":
    case "EPERM":
      return t("cli.system.access_denied", {
        target: path ?? (syscall === "listen" ? `port ${port ?? "?"}` : where || "?"),
      });
    case "ECONNREFUSED":
      return t("cli.system.database_refused", { address: where || "?" });
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return t("cli.system.host_not_found", { host: hostname ?? "?" });
    case "ENOENT":
      return t("cli.system.not_found", { path: path ?? "?" });
    default:
      return code ? `${code} ${(error as Error).message}` : undefined;
  }
}
