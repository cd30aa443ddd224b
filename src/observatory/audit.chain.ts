import { createHash } from "node:crypto";

/** The first entry's previous hash: 64 zeros (also written by migration 0008). */
export const GENESIS_HASH = "0".repeat(64);

/** Names the serialisation below, so that a future change of it can be told apart. */
const FORMAT = "beffroi-audit-1";

/** An entry as stored, hash included. */
export interface ChainedEntry {
  seq: number;
  at: string;
  actorKind: string;
  actorId: string | null;
  action: string;
  target: string | null;
  /** Canonical JSON (keys sorted, no spaces), hashed exactly as stored. */
  details: string;
  prevHash: string;
  hash: string;
}

/** JSON with object keys sorted at every level and no spaces: one text per value. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * SHA-256, in hexadecimal, of the JSON array
 * `["beffroi-audit-1", seq, at, actorKind, actorId, action, target, details, prevHash]`
 * (`details` as its stored text). Anyone can recompute it from an export.
 */
export function entryHash(entry: Omit<ChainedEntry, "hash">): string {
  const serialised = JSON.stringify([
    FORMAT,
    entry.seq,
    entry.at,
    entry.actorKind,
    entry.actorId,
    entry.action,
    entry.target,
    entry.details,
    entry.prevHash,
  ]);
  return createHash("sha256").update(serialised, "utf8").digest("hex");
}

/**
 * Why the chain breaks at an entry:
 * - `hash`: its content no longer matches its hash (edited);
 * - `link`: it does not point at the hash of the entry before it, or the last
 *   entry is not the one the head records (rewritten with a recomputed hash, or moved);
 * - `gap`: it is missing (deleted, in the middle or at the end);
 * - `anchor`: its hash differs from the one kept outside Beffroi (the chain was rewritten).
 */
export type BreakReason = "hash" | "link" | "gap" | "anchor";

export interface ChainBreak {
  brokenAt: number;
  reason: BreakReason;
}

/** Checks entries fed in `seq` order, one at a time, so that a long log is read page by page. */
export class ChainVerifier {
  private expected = 1;
  private previousHash = GENESIS_HASH;
  private anchorSeen = false;

  constructor(private readonly anchor?: { seq: number; hash: string }) {}

  /** How many entries were checked so far. */
  get count(): number {
    return this.expected - 1;
  }

  /** The first break this entry shows, if any. */
  next(entry: ChainedEntry): ChainBreak | undefined {
    if (entry.seq !== this.expected) return { brokenAt: this.expected, reason: "gap" };
    if (entry.prevHash !== this.previousHash) return { brokenAt: entry.seq, reason: "link" };
    if (entryHash(entry) !== entry.hash) return { brokenAt: entry.seq, reason: "hash" };
    if (this.anchor && this.anchor.seq === entry.seq) {
      if (this.anchor.hash.toLowerCase() !== entry.hash)
        return { brokenAt: entry.seq, reason: "anchor" };
      this.anchorSeen = true;
    }
    this.previousHash = entry.hash;
    this.expected += 1;
    return undefined;
  }

  /** Once every entry up to the head is fed: the head's record must match the last entry. */
  end(head: { seq: number; hash: string }): ChainBreak | undefined {
    if (this.count < head.seq) return { brokenAt: this.expected, reason: "gap" };
    if (this.previousHash !== head.hash) return { brokenAt: head.seq, reason: "link" };
    if (this.anchor && !this.anchorSeen) return { brokenAt: this.anchor.seq, reason: "anchor" };
    return undefined;
  }
}
