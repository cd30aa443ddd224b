import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MessageVersions } from "./message-versions.js";

let ordinal = 0;
const row = (id: string, parent: string | null, superseded = false) => ({
  id,
  ordinal: ordinal++,
  parent_id: parent,
  superseded_at: superseded ? "2026-03-02T09:00:00.000Z" : null,
});

/**
 * q1 → a1 (superseded) → q2 → a2
 *    → a1b (shown)
 * a1b → q3 (superseded) → a3
 *     → q3b (shown) → a3b
 */
const conversation = () => [
  row("q1", null),
  row("a1", "q1", true),
  row("q2", "a1"),
  row("a2", "q2"),
  row("a1b", "q1"),
  row("q3", "a1b", true),
  row("a3", "q3"),
  row("q3b", "a1b"),
  row("a3b", "q3b"),
];

describe("message versions", () => {
  it("goes on from the version shown at each step", () => {
    const versions = new MessageVersions(conversation());
    assert.deepEqual(
      versions.path().map((r) => r.id),
      ["q1", "a1b", "q3b", "a3b"],
    );
    const a1b = versions.get("a1b");
    assert.ok(a1b);
    assert.deepEqual(
      versions.versionsOf(a1b).map((r) => r.id),
      ["a1", "a1b"],
    );
    assert.deepEqual(
      versions.lineage("a3").map((r) => r.id),
      ["q1", "a1b", "q3", "a3"],
    );
    assert.deepEqual(versions.lineage(null), []);
  });

  it("takes the latest version when none (or several) is marked shown", () => {
    const versions = new MessageVersions([row("q", null), row("a1", "q"), row("a2", "q")]);
    assert.deepEqual(
      versions.path().map((r) => r.id),
      ["q", "a2"],
    );
    assert.deepEqual(new MessageVersions([]).path(), []);
  });

  it("lists every earlier version with what followed it, each message once", () => {
    const versions = new MessageVersions(conversation());
    const branches = versions.branches();
    assert.deepEqual(
      branches.map((branch) => [branch.messages.map((r) => r.id), branch.number, branch.count]),
      [
        [["a1", "q2", "a2"], 1, 2],
        [["q3", "a3"], 1, 2],
      ],
    );
    const all = [...versions.path(), ...branches.flatMap((branch) => branch.messages)];
    assert.deepEqual(
      all.map((r) => r.id).sort(),
      conversation()
        .map((r) => r.id)
        .sort(),
    );
  });
});
