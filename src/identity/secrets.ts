import { createHash, timingSafeEqual } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { appError } from "../shared/errors.js";

/** sha256 of a high-entropy token: enough for session ids and API keys, which are never guessable. */
export const digest = (token: string): string => createHash("sha256").update(token).digest("hex");

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

// OWASP's argon2id floor (19 MiB, 2 passes), a little above it.
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Length is the only rule (8 to 128 characters, counted as the user sees them): no composition rules. */
export function checkPasswordLength(password: string): void {
  const length = [...password].length;
  if (length < 8 || length > 128) throw appError("password_length");
}

export async function hashPassword(password: string): Promise<string> {
  checkPasswordLength(password);
  return hash(password.normalize("NFC"), ARGON2);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password.normalize("NFC"));
  } catch {
    return false;
  }
}

/** Verifying against this keeps the time of a login for an unknown address like a real one. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hash("beffroi-decoy-password", ARGON2);
  return decoyHash;
}
