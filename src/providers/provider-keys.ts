import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readSync,
  realpathSync,
  statSync,
} from "node:fs";
import path from "node:path";
import type { Config } from "../config.js";
import type { VaultCipher } from "../guard/index.js";
import { t } from "../i18n/index.js";
import { appError } from "../shared/errors.js";
import { ProviderError } from "./model-provider.js";
import { PRESETS } from "./presets.js";
import type { ProviderDefinition } from "./provider.schema.js";

/** The variables the presets name: the ones a provider may read its key from when the configuration lists none. */
export const DEFAULT_KEY_VARIABLES: readonly string[] = [
  ...new Set(
    Object.values(PRESETS).flatMap(({ provider }) =>
      provider.apiKeyEnv ? [provider.apiKeyEnv] : [],
    ),
  ),
];

/** A variable's name, or a prefix of names ending in `*` (`VILLE_LLM_*`). */
export const KEY_VARIABLE_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*\*?$/;

/** Beffroi's own configuration (the vault key, the database address…): never a provider's key. */
export const isOwnVariable = (name: string) => name.toUpperCase().startsWith("BEFFROI_");

/** A key file is one line: anything larger is not read (a device or a log would never end). */
const MAX_KEY_FILE_BYTES = 16 * 1024;

/** What the configuration lets a provider read its key from. */
export interface KeyRules {
  /** The only directory key files are read from (its real path); none: no key file at all. */
  directory?: string | undefined;
  /** Variable names, or prefixes ending in `*`. */
  variables: readonly string[];
  /** Files and variables the configuration's own providers name: the operator wrote them. */
  declared?: { files: readonly string[]; variables: readonly string[] };
  /** Beffroi's own secrets (the vault key file, the data folder…): refused even inside the directory. */
  ownSecrets?: readonly string[];
}

const realOrSelf = (file: string) => {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
};

const within = (directory: string, file: string) =>
  file === directory || file.startsWith(`${directory}${path.sep}`);

/**
 * At start: the key directory's real path (it must exist, apart from the
 * data folder), and the declared providers' key files resolved against the
 * working directory. Returns the problems found, for the configuration's list.
 */
export function settleProviderKeys(config: Config, cwd: string): string[] {
  const problems: string[] = [];
  const settings = config.modelProviders;
  if (settings.keyDirectory) {
    const wanted = path.resolve(cwd, settings.keyDirectory);
    let real: string | undefined;
    try {
      real = realpathSync(wanted);
      if (!statSync(real).isDirectory()) real = undefined;
    } catch {
      real = undefined;
    }
    const data = realOrSelf(path.resolve(cwd, config.dataDir));
    if (!real) problems.push(t("config.key_directory", { path: wanted }));
    else if (within(data, real) || within(real, data)) {
      problems.push(t("config.key_directory_data", { path: real }));
    } else settings.keyDirectory = real;
  }
  for (const [index, provider] of config.providers.entries()) {
    if (provider.apiKeyEnv && isOwnVariable(provider.apiKeyEnv)) {
      problems.push(
        t("config.problem", {
          path: `providers.${index}.apiKeyEnv`,
          message: t("config.key_variable_own", { name: provider.apiKeyEnv }),
        }),
      );
    }
    if (provider.apiKeyFile) provider.apiKeyFile = path.resolve(cwd, provider.apiKeyFile);
  }
  return problems;
}

/** The rules the configuration sets (read once at start, like the rest of it). */
export function keyRulesOf(config: Config): KeyRules {
  const declared = config.providers;
  return {
    directory: config.modelProviders.keyDirectory,
    variables: config.modelProviders.keyVariables,
    declared: {
      files: declared.flatMap((provider) => (provider.apiKeyFile ? [provider.apiKeyFile] : [])),
      variables: declared.flatMap((provider) => (provider.apiKeyEnv ? [provider.apiKeyEnv] : [])),
    },
    ownSecrets: [
      config.dataDir,
      config.guard.vaultKeyFile,
      config.oidc?.clientSecretFile,
      config.knowledge.embeddings?.apiKeyFile,
      config.guard.external?.apiKeyFile,
    ].filter((file): file is string => Boolean(file)),
  };
}

/** The key a provider definition and its sealed key resolve to, for one call. */
type KeySource = Pick<ProviderDefinition, "apiKeyEnv" | "apiKeyFile">;

/**
 * Where providers' API keys come from, and the rules that keep every other
 * secret of the server out of an administrator's reach: the administration
 * API names a provider's address, so whatever key it reads is sent there.
 * A key file is read only inside the configured directory (real paths, so
 * neither `..` nor a link leads out of it); a variable only when the
 * configuration lists it; a key entered through the API is kept sealed
 * (AES-256-GCM under the vault key) and bound to its provider.
 */
export class ProviderKeys {
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    private readonly deps: { rules: KeyRules; cipher: VaultCipher; env?: NodeJS.ProcessEnv },
  ) {
    this.env = deps.env ?? process.env;
  }

  /** Throws a 400 when a definition reads its key from a file or variable the configuration does not allow. */
  check(source: KeySource): void {
    if (source.apiKeyEnv) {
      const refusal = this.variableRefusal(source.apiKeyEnv);
      if (refusal) throw appError("provider_key_variable_refused", { reason: refusal });
    }
    if (source.apiKeyFile) {
      const resolved = this.resolveFile(source.apiKeyFile);
      if ("refusal" in resolved) {
        throw appError("provider_key_file_refused", { reason: resolved.refusal });
      }
    }
  }

  seal(providerId: string, key: string): string {
    return this.deps.cipher.seal(key, `provider-key/${providerId}`);
  }

  /**
   * The key to send, read at each call (a rotated secret needs no restart).
   * The rules are checked again: a definition stored before them, or before
   * the configuration changed, reads nothing it no longer may.
   */
  read(provider: KeySource & { id: string }, sealed: string | undefined): string | undefined {
    if (sealed) {
      try {
        return this.deps.cipher.open(sealed, `provider-key/${provider.id}`);
      } catch {
        // Sealed under another vault key, or altered.
        throw new ProviderError("key_unavailable");
      }
    }
    if (provider.apiKeyEnv) {
      if (this.variableRefusal(provider.apiKeyEnv)) throw new ProviderError("key_unavailable");
      return this.env[provider.apiKeyEnv] || undefined;
    }
    if (provider.apiKeyFile) {
      const resolved = this.resolveFile(provider.apiKeyFile);
      if ("refusal" in resolved) throw new ProviderError("key_unavailable");
      return resolved.key;
    }
    return undefined;
  }

  /** Whether a key would be sent: a sealed one, or an allowed source that holds one. */
  configured(provider: KeySource & { id: string }, sealed: string | undefined): boolean {
    try {
      return this.read(provider, sealed) !== undefined;
    } catch {
      return false;
    }
  }

  private variableRefusal(name: string): string | undefined {
    const { variables, declared } = this.deps.rules;
    if (isOwnVariable(name)) return t("provider.key_variable.own", { name });
    const listed = [...variables, ...(declared?.variables ?? [])].some((pattern) =>
      pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : name === pattern,
    );
    if (listed) return undefined;
    return t("provider.key_variable.unlisted", {
      name,
      allowed: variables.join(", ") || t("provider.key_variable.none"),
    });
  }

  /**
   * A key file's real path and first line, or why it is refused. Whether a
   * path outside the directory exists is never told: the refusal is the same.
   */
  private resolveFile(file: string): { key: string } | { refusal: string } {
    const { directory, declared, ownSecrets = [] } = this.deps.rules;
    const outside = directory
      ? t("provider.key_file.outside", { directory })
      : t("provider.key_file.no_directory");
    const wanted = directory ? path.resolve(directory, file) : path.resolve(file);
    const isDeclared = (declared?.files ?? []).includes(wanted);
    if (!isDeclared && !(directory && within(directory, wanted))) return { refusal: outside };
    const where = { file, directory: directory ?? path.dirname(wanted) };
    let real: string;
    try {
      real = realpathSync(wanted);
    } catch {
      return { refusal: t("provider.key_file.missing", where) };
    }
    if (!isDeclared && !(directory && within(directory, real))) return { refusal: outside };
    if (ownSecrets.some((secret) => within(realOrSelf(secret), real))) return { refusal: outside };
    let descriptor: number | undefined;
    try {
      // Non-blocking: a named pipe would otherwise hold the event loop until someone writes to it.
      descriptor = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
      const stat = fstatSync(descriptor);
      if (!stat.isFile() || stat.size > MAX_KEY_FILE_BYTES) {
        return { refusal: t("provider.key_file.not_a_key", where) };
      }
      const buffer = Buffer.alloc(stat.size);
      const read = readSync(descriptor, buffer, 0, stat.size, 0);
      const key = buffer.subarray(0, read).toString("utf8").split(/\r?\n/)[0]?.trim() ?? "";
      return key ? { key } : { refusal: t("provider.key_file.not_a_key", where) };
    } catch {
      return { refusal: t("provider.key_file.missing", where) };
    } finally {
      if (descriptor !== undefined) closeSync(descriptor);
    }
  }
}
