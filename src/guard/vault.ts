import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ENTITY_TYPES, type EntityType } from "./entity.js";
import { normaliseValue, type PseudonymEntry, PseudonymTable } from "./pseudonymiser.js";
import type { VaultRepository } from "./vault.repository.js";

/** The vault key: 32 random bytes, from the configuration. */
export const VAULT_KEY_BYTES = 32;

/**
 * Encryption of the values a conversation's placeholders stand for:
 * AES-256-GCM with a fresh nonce per value, and a keyed hash (HMAC-SHA-256)
 * of the normalised value so that the same value finds its placeholder
 * again without decrypting anything. Both keys derive from the one vault
 * key (HKDF), so a database copy without the configuration reveals nothing.
 */
export class VaultCipher {
  private readonly encryptionKey: Buffer;
  private readonly digestKey: Buffer;

  constructor(key: Buffer) {
    if (key.length !== VAULT_KEY_BYTES) throw new Error("vault key must be 32 bytes");
    const derive = (info: string) =>
      Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), info, VAULT_KEY_BYTES));
    this.encryptionKey = derive("beffroi vault encryption");
    this.digestKey = derive("beffroi vault digest");
  }

  seal(value: string, context: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.encryptionKey, nonce);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
    return Buffer.concat([nonce, cipher.getAuthTag(), body]).toString("base64");
  }

  /** Throws when the value was sealed with another key or altered. */
  open(sealed: string, context: string): string {
    const bytes = Buffer.from(sealed, "base64");
    const decipher = createDecipheriv("aes-256-gcm", this.encryptionKey, bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
  }

  digest(type: EntityType, value: string): string {
    return createHmac("sha256", this.digestKey)
      .update(`${type}\u0000${normaliseValue(type, value)}`)
      .digest("base64");
  }
}

/** A vault key written as base64 (what `openssl rand -base64 32` prints); undefined when it is not 32 bytes. */
export function decodeVaultKey(text: string): Buffer | undefined {
  const key = Buffer.from(text.trim(), "base64");
  return key.length === VAULT_KEY_BYTES ? key : undefined;
}

/**
 * The vault key: from the configuration (`guard.vaultKey`, or a file named
 * by `guard.vaultKeyFile`); without either, on a single instance, a key
 * made at first start in the data folder (`vault.key`, readable by its
 * owner only). Several instances must share one: undefined then, for the
 * caller to refuse to start.
 */
export function loadVaultKey(options: {
  vaultKey?: string | undefined;
  vaultKeyFile?: string | undefined;
  dataDir: string;
  shared: boolean;
}): Buffer | undefined {
  if (options.vaultKey) return decodeVaultKey(options.vaultKey);
  if (options.vaultKeyFile) return decodeVaultKey(readFileSync(options.vaultKeyFile, "utf8"));
  if (options.shared) return undefined;
  const file = path.join(options.dataDir, "vault.key");
  if (existsSync(file)) return decodeVaultKey(readFileSync(file, "utf8"));
  mkdirSync(options.dataDir, { recursive: true });
  const key = randomBytes(VAULT_KEY_BYTES);
  writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
  return key;
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(ENTITY_TYPES);

/** What is sealed for an entry: its value, or, for one standing for another placeholder, where that one was written too. */
const sealedText = (entry: PseudonymEntry): string =>
  entry.source === undefined ? entry.value : `\u0000${entry.source}\u0000${entry.value}`;

function openedText(text: string): { value: string; source?: string } {
  if (!text.startsWith("\u0000")) return { value: text };
  const end = text.indexOf("\u0000", 1);
  return { source: text.slice(1, end), value: text.slice(end + 1) };
}

/**
 * Each conversation's pseudonyms, kept encrypted in `guard_vault` and
 * deleted with the conversation (foreign key, on delete cascade). A turn
 * outside any conversation (the OpenAI-compatible API) gets a fresh table
 * that is never stored.
 */
export class Vault {
  private readonly cipher: VaultCipher;

  constructor(private readonly deps: { entries: VaultRepository; key: Buffer; now: () => Date }) {
    this.cipher = new VaultCipher(deps.key);
  }

  /** The conversation's table (empty for none); a value the key cannot open is left out, not guessed. */
  async open(conversationId: string | undefined): Promise<PseudonymTable> {
    if (!conversationId) return new PseudonymTable();
    const rows = await this.deps.entries.entries(conversationId);
    const entries: PseudonymEntry[] = [];
    for (const row of rows) {
      if (!KNOWN_TYPES.has(row.entity_type)) continue;
      try {
        entries.push({
          placeholder: row.placeholder,
          type: row.entity_type as EntityType,
          ...openedText(this.cipher.open(row.sealed, `${conversationId}/${row.placeholder}`)),
        });
      } catch {
        // Sealed under another key (a rotated one): the placeholder is numbered past, never reused.
        entries.push({
          placeholder: row.placeholder,
          type: row.entity_type as EntityType,
          value: row.placeholder,
        });
      }
    }
    return new PseudonymTable(entries);
  }

  /** Stores the table's new entries for the conversation; one already there (a concurrent turn) is kept. */
  async keep(conversationId: string, table: PseudonymTable): Promise<void> {
    const entries = table.unsaved();
    if (entries.length === 0) return;
    const at = this.deps.now().toISOString();
    await this.deps.entries.add(
      entries.map((entry) => ({
        conversation_id: conversationId,
        placeholder: entry.placeholder,
        entity_type: entry.type,
        digest: this.cipher.digest(entry.type, sealedText(entry)),
        sealed: this.cipher.seal(sealedText(entry), `${conversationId}/${entry.placeholder}`),
        created_at: at,
      })),
    );
    table.markSaved();
  }
}
