import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { createServices } from "../app.js";
import { type Config, databaseUrl, maskConfig } from "../config.js";
import { sovereigntyName, t } from "../i18n/index.js";
import { UsersRepository } from "../identity/index.js";
import { describeFailure } from "../providers/index.js";
import { randomIds, systemClock } from "../shared/clock.js";
import { openStore, pendingMigrations, ping } from "../store/index.js";
import { type CliIo, say } from "./io.js";

/** Prints the resolved configuration (secrets masked) and checks the installation; exit 1 if a check fails. */
export async function doctorCommand(config: Config, io: CliIo): Promise<number> {
  say(io, "cli.doctor_config");
  io.stdout.write(`${stringify(maskConfig(config))}\n`);
  const url = databaseUrl(config);
  // Opening a SQLite file creates it: a check must not, so a missing file is reported as such.
  const file = url.startsWith("sqlite:") ? url.slice("sqlite:".length) : undefined;
  if (file !== undefined && file !== ":memory:" && !existsSync(file)) {
    say(io, "cli.doctor_check_fail", {
      check: t("cli.doctor.database", { dialect: "sqlite" }),
      reason: t("cli.doctor.database_missing"),
    });
    return 1;
  }
  const store = openStore(url, { poolSize: 1 });
  let failed = 0;
  const check = async (label: string, run: () => Promise<string | undefined>) => {
    try {
      const problem = await run();
      if (problem === undefined) say(io, "cli.doctor_check_ok", { check: label });
      else {
        failed += 1;
        say(io, "cli.doctor_check_fail", { check: label, reason: problem });
      }
    } catch (error) {
      failed += 1;
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      say(io, "cli.doctor_check_fail", { check: label, reason });
    }
  };
  try {
    await check(t("cli.doctor.database", { dialect: store.dialect }), async () => {
      await ping(store);
      return undefined;
    });
    await check(t("cli.doctor.migrations"), async () => {
      const pending = await pendingMigrations(store);
      return pending.length === 0
        ? undefined
        : t("cli.doctor.migrations_pending", { count: pending.length });
    });
    await check(t("cli.doctor.admin"), async () =>
      (await new UsersRepository(store.db, store.rowLocks).countActiveAdmins()) > 0
        ? undefined
        : t("cli.doctor.no_admin"),
    );
    // The pseudonym vault's key: configured, or made at first start on a single instance (not by doctor).
    const keyFile = path.join(config.dataDir, "vault.key");
    const configured = Boolean(config.guard.vaultKey || config.guard.vaultKeyFile);
    let vaultReady = true;
    await check(t("cli.doctor.vault"), async () => {
      if (configured) return undefined;
      if (store.shared) {
        vaultReady = false;
        return t("config.vault_key_required");
      }
      say(io, existsSync(keyFile) ? "cli.doctor.vault_file" : "cli.doctor.vault_first_start", {
        file: keyFile,
      });
      return undefined;
    });
    if (!vaultReady) return 1;
    const checked =
      configured || existsSync(keyFile)
        ? config
        : { ...config, guard: { vaultKey: randomBytes(32).toString("base64") } };
    const { oidc, dense, providers } = createServices({
      config: checked,
      store,
      clock: systemClock,
      ids: randomIds,
    });
    if ((await pendingMigrations(store)).length === 0) {
      for (const provider of await providers.list()) {
        if (!provider.enabled || provider.kind !== "openai-compatible") continue;
        await check(
          t("cli.doctor.provider", {
            id: provider.id,
            sovereignty: sovereigntyName(provider.sovereignty),
          }),
          async () => {
            try {
              const { missing } = await providers.test(provider.id);
              return missing.length === 0
                ? undefined
                : t("cli.doctor.provider_models_missing", { models: missing.join(", ") });
            } catch (error) {
              return describeFailure(error);
            }
          },
        );
      }
    }
    const embeddings = config.knowledge.embeddings;
    if (embeddings) {
      await check(t("cli.doctor.embeddings", { model: embeddings.model }), async () => {
        const status = await dense.status();
        if (status.state === "unavailable") return await dense.describe();
        try {
          await dense.probe();
        } catch (error) {
          const { code, status: http } = error as { code?: string; status?: number };
          return t("cli.doctor.embeddings_failed", {
            reason: [code, http].filter(Boolean).join(" ") || (error as Error).name,
          });
        }
        return undefined;
      });
    }
    if (oidc && config.oidc) {
      await check(t("cli.doctor.oidc", { issuer: config.oidc.issuer }), async () => {
        await oidc.checkProvider();
        return undefined;
      });
    }
  } finally {
    await store.close();
  }
  return failed === 0 ? 0 : 1;
}
