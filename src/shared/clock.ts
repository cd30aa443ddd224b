import { randomBytes, randomUUID } from "node:crypto";

/** Time, injected so that tests can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current = new Date("2026-01-05T08:00:00.000Z")) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}

/** Identifiers, injected for deterministic tests. */
export interface Ids {
  /** A new opaque record id. */
  id(): string;
  /** A secret token with `bytes` of entropy, URL-safe. */
  secret(bytes?: number): string;
}

export const randomIds: Ids = {
  id: () => randomUUID(),
  secret: (bytes = 32) => randomBytes(bytes).toString("base64url"),
};

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
