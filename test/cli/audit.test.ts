import assert from "node:assert/strict";
import { it } from "node:test";
import { sql } from "kysely";
import type { Store } from "../../src/store/index.js";
import { describeCli } from "../support/cli.js";

describeCli("beffroi audit", ({ cli, openDatabase }) => {
  /** Edits the log behind Beffroi's back, as someone with access to the database could. */
  async function tamper(statement: (db: Store["db"]) => Promise<unknown>) {
    const store = openDatabase();
    try {
      await statement(store.db);
    } finally {
      await store.close();
    }
  }

  let token = "";

  it("records what the command line does, and says the log is intact", async () => {
    assert.equal((await cli(["migrate"])).code, 0);
    const empty = await cli(["audit", "verify"]);
    assert.equal(empty.code, 0, empty.stderr);
    assert.match(empty.stdout, /Journal d'audit intact : aucune action/);
    assert.match((await cli(["audit", "head"])).stdout, /Le journal d'audit est vide/);

    const added = await cli([
      "user",
      "add",
      "--admin",
      "--email",
      "dsi@ville.example",
      "--name",
      "DSI",
      "--no-password",
    ]);
    assert.equal(added.code, 0, added.stderr);
    const key = await cli([
      "apikey",
      "create",
      "--email",
      "dsi@ville.example",
      "--name",
      "sauvegarde",
      "--scope",
      "audit:read",
    ]);
    assert.equal(key.code, 0, key.stderr);
    token = key.stdout.trim().split("\n").at(-1) ?? "";
    assert.match(token, /^bfr_/);

    const verified = await cli(["audit", "verify"]);
    assert.equal(verified.code, 0, verified.stderr);
    assert.match(
      verified.stdout,
      /^Journal d'audit intact : 2 entrée\(s\) vérifiée\(s\), la dernière n° 2 \(empreinte [0-9a-f]{64}\)\.\n$/,
    );

    const list = await cli(["audit", "list", "--json"]);
    assert.equal(list.code, 0, list.stderr);
    const entries = JSON.parse(list.stdout).entries;
    assert.deepEqual(
      entries.map((entry: { seq: number; action: string; actor: { kind: string } }) => [
        entry.seq,
        entry.action,
        entry.actor.kind,
      ]),
      [
        [2, "api-key.created", "cli"],
        [1, "user.created", "cli"],
      ],
    );
    assert.deepEqual(entries[1].details.roles, ["admin"]);
    assert.ok(!list.stdout.includes(token), "the key is not in the log");
    assert.ok(!list.stdout.includes("dsi@ville.example"), "nor the address");

    const text = await cli(["audit", "list", "--limit", "1"]);
    assert.match(text.stdout, /^2\t\S+\tligne de commande\tclé d'API créée \(api-key\.created\)\t/);
    assert.match(text.stdout, /Entrées plus anciennes : beffroi audit list --before 2/);
  });

  it("prints the head to keep elsewhere, and checks the log against it", async () => {
    const head = await cli(["audit", "head"]);
    assert.equal(head.code, 0, head.stderr);
    const anchor = /--anchor (\d+:[0-9a-f]{64})/.exec(head.stdout)?.[1];
    assert.ok(anchor, head.stdout);
    assert.match(head.stdout, /Dernière entrée du journal d'audit : n° 2/);
    assert.equal((await cli(["audit", "verify", "--anchor", anchor])).code, 0);
    const wrong = await cli(["audit", "verify", "--anchor", `2:${"f".repeat(64)}`]);
    assert.equal(wrong.code, 1);
    assert.match(
      wrong.stderr,
      /^Maillon rompu à l'entrée n° 2 : elle n'a plus l'empreinte conservée hors de Beffroi/,
    );
    const bad = await cli(["audit", "verify", "--anchor", "deux"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--anchor attend N:EMPREINTE/);
  });

  it("detects a tampered row: exit code 1 and the first broken link in French", async () => {
    await tamper((db) =>
      sql`update audit_log set details = ${'{"directionId":null,"roles":["agent"],"signIn":"none"}'} where seq = 1`.execute(
        db,
      ),
    );
    const broken = await cli(["audit", "verify"]);
    assert.equal(broken.code, 1);
    assert.equal(
      broken.stderr,
      "Maillon rompu à l'entrée n° 1 : son contenu ne correspond plus à son empreinte, elle a été modifiée après son écriture.\n",
    );
    const json = await cli(["audit", "verify", "--json"]);
    assert.equal(json.code, 1);
    assert.deepEqual(
      { ...JSON.parse(json.stdout), message: undefined },
      { ok: false, brokenAt: 1, reason: "hash", message: undefined },
    );
    await tamper((db) => sql`delete from audit_log where seq = 2`.execute(db));
    // The first break is still the edited entry.
    assert.match((await cli(["audit", "verify"])).stderr, /entrée n° 1 :/);
  });
});
