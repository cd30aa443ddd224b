import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { it } from "node:test";
import { sql } from "kysely";
import {
  AuditLog,
  AuditRepository,
  canonicalJson,
  entryHash,
  GENESIS_HASH,
} from "../../src/observatory/index.js";
import { systemClock } from "../../src/shared/clock.js";
import {
  type Dialect,
  ensureSchema,
  migrateToLatest,
  openStore,
  type Store,
} from "../../src/store/index.js";
import { describeEachDialect, freshLocation } from "../support/stores.js";

type Location = ReturnType<typeof freshLocation>;

/** A fresh, migrated database for one test. */
async function withLog(
  dialect: Dialect,
  run: (log: AuditLog, store: Store, location: Location) => Promise<void>,
): Promise<void> {
  const location = freshLocation(dialect);
  const store = openStore(location.url, { schema: location.schema, poolSize: 4 });
  try {
    await ensureSchema(store, location.schema);
    await migrateToLatest(store);
    await run(
      new AuditLog({ repository: new AuditRepository(store.db), clock: systemClock }),
      store,
      location,
    );
  } finally {
    await store.close();
    await location.cleanup();
  }
}

/**
 * Another Beffroi process on the same database, started and connected; `go()`
 * makes it append `count` entries at once, `done` settles when it has.
 */
async function anotherProcess(location: Location, count: number, label: string) {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "test/observatory/append-child.ts",
      location.url,
      location.schema ?? "",
      String(count),
      label,
    ],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      output += chunk;
      if (output.includes("ready")) resolve();
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.once("exit", () => reject(new Error(`child exited before ready: ${output}`)));
  });
  const done = once(child, "exit").then(([code]) => assert.equal(code, 0, output));
  await ready;
  return { go: () => child.stdin.end("go\n"), done };
}

const grant = (n: number) =>
  ({
    action: "role.granted",
    target: `user-${n}`,
    details: { role: "referent", n },
    actor: { kind: "user", id: "admin-1" },
  }) as const;

async function appendSome(log: AuditLog, count: number): Promise<void> {
  for (let n = 1; n <= count; n += 1) await log.record(grant(n));
}

it("serialises details canonically and hashes the documented array", () => {
  assert.equal(
    canonicalJson({ b: 1, a: [{ d: null, c: "é" }] }),
    '{"a":[{"c":"é","d":null}],"b":1}',
  );
  // An independent reimplementation of the documented formula.
  const entry = {
    seq: 1,
    at: "2026-01-05T08:00:00.000Z",
    actorKind: "cli",
    actorId: null,
    action: "provider.added",
    target: "albert",
    details: '{"sovereignty":"sovereign"}',
    prevHash: GENESIS_HASH,
  };
  const expected = createHashHex(
    JSON.stringify([
      "beffroi-audit-1",
      1,
      "2026-01-05T08:00:00.000Z",
      "cli",
      null,
      "provider.added",
      "albert",
      '{"sovereignty":"sovereign"}',
      GENESIS_HASH,
    ]),
  );
  assert.equal(entryHash(entry), expected);
});

function createHashHex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

describeEachDialect("audit log", (dialect) => {
  it("appends chained entries, lists them newest first and verifies an intact chain", async () => {
    await withLog(dialect, async (log) => {
      assert.deepEqual(await log.verify(), {
        ok: true,
        count: 0,
        head: { seq: 0, hash: GENESIS_HASH },
      });
      const first = await log.record(grant(1));
      assert.equal(first.seq, 1);
      assert.equal(first.prevHash, GENESIS_HASH);
      assert.deepEqual(first.actor, { kind: "user", id: "admin-1" });
      await appendSome(log, 4);
      const page = await log.list({ limit: 2 });
      assert.deepEqual(
        page.entries.map((entry) => entry.seq),
        [5, 4],
      );
      assert.equal(page.nextBefore, 4);
      const next = await log.list({ limit: 2, before: 4 });
      assert.deepEqual(
        next.entries.map((entry) => entry.seq),
        [3, 2],
      );
      const last = await log.list({ limit: 2, before: 2 });
      assert.deepEqual(
        last.entries.map((entry) => entry.seq),
        [1],
      );
      assert.equal(last.nextBefore, null);
      assert.equal(page.entries[1]?.prevHash, next.entries[0]?.hash);
      assert.deepEqual(page.entries[0]?.details, { n: 4, role: "referent" });
      const head = await log.head();
      assert.equal(head.seq, 5);
      assert.equal(head.hash, page.entries[0]?.hash);
      const verified = await log.verify();
      assert.deepEqual(verified, { ok: true, count: 5, head: { seq: 5, hash: head.hash } });
    });
  });

  it("never chains two concurrent appends onto the same entry, in one process or several", async () => {
    await withLog(dialect, async (log, _store, location) => {
      // Two other processes append twenty-five each, at the moment this one appends fifty.
      const children = await Promise.all(
        ["one", "two"].map((label) => anotherProcess(location, 25, label)),
      );
      for (const child of children) child.go();
      await Promise.all([
        ...Array.from({ length: 50 }, (_, n) => log.record(grant(n))),
        ...children.map((child) => child.done),
      ]);
      const here = 50;
      const total = here + 50;
      const verified = await log.verify();
      assert.equal(verified.ok, true, JSON.stringify(verified));
      assert.equal(verified.ok && verified.count, total);
      const entries = (await log.list({ limit: 500 })).entries;
      assert.deepEqual(
        entries.map((entry) => entry.seq),
        Array.from({ length: total }, (_, n) => total - n),
      );
      assert.equal(new Set(entries.map((entry) => entry.prevHash)).size, total);
      assert.equal(entries.filter((entry) => entry.target?.startsWith("two-")).length, 25);
      const times = entries.map((entry) => entry.at).reverse();
      assert.deepEqual(times, [...times].sort(), "times follow the numbering");
    });
  });

  it("reports an edited entry at its number", async () => {
    await withLog(dialect, async (log, store) => {
      await appendSome(log, 5);
      await sql`update audit_log set details = ${'{"n":3,"role":"admin"}'} where seq = 3`.execute(
        store.db,
      );
      assert.deepEqual(await log.verify(), { ok: false, brokenAt: 3, reason: "hash" });
      // Editing the actor is seen the same way.
      await sql`update audit_log set details = ${canonicalJson({ n: 3, role: "referent" })} where seq = 3`.execute(
        store.db,
      );
      assert.equal((await log.verify()).ok, true);
      await sql`update audit_log set actor_id = ${"someone-else"} where seq = 2`.execute(store.db);
      assert.deepEqual(await log.verify(), { ok: false, brokenAt: 2, reason: "hash" });
    });
  });

  it("reports a deleted entry, in the middle or at the end", async () => {
    await withLog(dialect, async (log, store) => {
      await appendSome(log, 5);
      await sql`delete from audit_log where seq = 5`.execute(store.db);
      assert.deepEqual(await log.verify(), { ok: false, brokenAt: 5, reason: "gap" });
      await sql`delete from audit_log where seq = 3`.execute(store.db);
      assert.deepEqual(await log.verify(), { ok: false, brokenAt: 3, reason: "gap" });
    });
  });

  it("reports a rewritten or reordered entry at the first link that no longer holds", async () => {
    await withLog(dialect, async (log, store) => {
      await appendSome(log, 5);
      // Entry 2 edited and its hash recomputed: entry 3 no longer points at it.
      const [row] = (
        await sql<{
          seq: number;
          at: string;
          actor_kind: string;
          actor_id: string | null;
          action: string;
          target: string | null;
          prev_hash: string;
        }>`select * from audit_log where seq = 2`.execute(store.db)
      ).rows;
      assert.ok(row);
      const details = canonicalJson({ n: 2, role: "admin" });
      const hash = entryHash({
        seq: 2,
        at: row.at,
        actorKind: row.actor_kind,
        actorId: row.actor_id,
        action: row.action,
        target: row.target,
        details,
        prevHash: row.prev_hash,
      });
      await sql`update audit_log set details = ${details}, hash = ${hash} where seq = 2`.execute(
        store.db,
      );
      assert.deepEqual(await log.verify(), { ok: false, brokenAt: 3, reason: "link" });
    });
    await withLog(dialect, async (log, store) => {
      await appendSome(log, 4);
      // Two entries swapped: each keeps its content under the other's number.
      await sql`update audit_log set seq = 100 where seq = 2`.execute(store.db);
      await sql`update audit_log set seq = 2 where seq = 3`.execute(store.db);
      await sql`update audit_log set seq = 3 where seq = 100`.execute(store.db);
      const verified = await log.verify();
      assert.equal(verified.ok, false);
      assert.equal(!verified.ok && verified.brokenAt, 2);
    });
  });

  it("catches a whole rewritten chain only against a head kept elsewhere (anchor)", async () => {
    await withLog(dialect, async (log, store) => {
      await appendSome(log, 4);
      const anchor = await log.head();
      assert.equal((await log.verify({ anchor })).ok, true);
      // Someone with write access rewrites entry 2 and every hash after it, head included.
      const rows = (
        await sql<{
          seq: number;
          at: string;
          actor_kind: string;
          actor_id: string | null;
          action: string;
          target: string | null;
          details: string;
          prev_hash: string;
        }>`select * from audit_log order by seq`.execute(store.db)
      ).rows;
      let previous = GENESIS_HASH;
      for (const row of rows) {
        const details =
          Number(row.seq) === 2 ? canonicalJson({ n: 2, role: "admin" }) : row.details;
        const hash = entryHash({
          seq: Number(row.seq),
          at: row.at,
          actorKind: row.actor_kind,
          actorId: row.actor_id,
          action: row.action,
          target: row.target,
          details,
          prevHash: previous,
        });
        await sql`update audit_log set details = ${details}, prev_hash = ${previous}, hash = ${hash} where seq = ${row.seq}`.execute(
          store.db,
        );
        previous = hash;
      }
      await sql`update audit_head set hash = ${previous} where id = 1`.execute(store.db);
      assert.equal((await log.verify()).ok, true, "a plain chain cannot see a full rewrite");
      assert.deepEqual(await log.verify({ anchor }), { ok: false, brokenAt: 4, reason: "anchor" });
      // An anchor beyond the log (entries cut off and the head rewound) is a break too.
      assert.deepEqual(await log.verify({ anchor: { seq: 9, hash: anchor.hash } }), {
        ok: false,
        brokenAt: 9,
        reason: "anchor",
      });
    });
  });

  it("writes within the caller's transaction: a rolled-back change leaves no entry", async () => {
    await withLog(dialect, async (log, store) => {
      await appendSome(log, 2);
      await assert.rejects(
        store.db.transaction().execute(async (trx) => {
          await log.record(grant(3), trx);
          throw new Error("the change failed");
        }),
        /the change failed/,
      );
      assert.equal((await log.head()).seq, 2);
      await store.db.transaction().execute(async (trx) => {
        await log.record(grant(3), trx);
      });
      assert.deepEqual(await log.verify(), {
        ok: true,
        count: 3,
        head: { seq: 3, hash: (await log.head()).hash },
      });
    });
  });
});
