import assert from "node:assert/strict";
import { it } from "node:test";
import { ConversationsRepository } from "../../src/chat/index.js";
import { down, up } from "../../src/store/migrations/0019-message-versions.js";
import { describeStores } from "../support/stores.js";

const AT = "2026-03-02T09:00:00.000Z";

/** A message row as the repository appends it. */
const message = (id: string, role: string, parent: string | null | undefined = undefined) => ({
  id,
  role,
  content: id,
  metadata: "{}",
  created_at: AT,
  ...(parent !== undefined && { parent_id: parent }),
});

describeStores("message versions in the store", (get) => {
  const conversation = async (id: string) => {
    const { db } = get();
    await db
      .insertInto("users")
      .values({
        id: `user-${id}`,
        email: `${id}@ville.example`,
        display_name: id,
        password_hash: null,
        direction_id: null,
        oidc_issuer: null,
        oidc_subject: null,
        disabled_at: null,
        last_login_at: null,
        created_at: AT,
        updated_at: AT,
      })
      .execute();
    await db
      .insertInto("conversations")
      .values({
        id,
        user_id: `user-${id}`,
        assistant_id: null,
        title: id,
        created_at: AT,
        updated_at: AT,
      })
      .execute();
    return new ConversationsRepository(db);
  };
  const rows = async (id: string) =>
    (await new ConversationsRepository(get().db).messages(id)).map((row) => [
      row.id,
      row.parent_id,
      row.superseded_at,
    ]);

  it("hangs each message stored before versions under the one before it", async () => {
    const repository = await conversation("before");
    // Stored as before migration 0019: no parent.
    await repository.append(
      "before",
      [message("q1", "user"), message("a1", "assistant"), message("q2", "user")],
      AT,
    );
    await down(get().db as never);
    await up(get().db as never);
    assert.deepEqual(await rows("before"), [
      ["q1", null, null],
      ["a1", "q1", null],
      ["q2", "a1", null],
    ]);
  });

  it("supersedes the other versions of the messages shown, in the same transaction as the append", async () => {
    const repository = await conversation("shown");
    await repository.append(
      "shown",
      [message("sq", "user", null), message("sa1", "assistant", "sq")],
      AT,
      [{ id: "sq", parent_id: null }],
    );
    const later = "2026-03-02T10:00:00.000Z";
    await repository.append("shown", [message("sa2", "assistant", "sq")], later, [
      { id: "sa2", parent_id: "sq" },
    ]);
    assert.deepEqual(await rows("shown"), [
      ["sq", null, null],
      ["sa1", "sq", later],
      ["sa2", "sq", null],
    ]);
    // Shown again: the first answer; the other is superseded then.
    const again = "2026-03-02T11:00:00.000Z";
    await repository.show("shown", [{ id: "sa1", parent_id: "sq" }], again);
    assert.deepEqual(await rows("shown"), [
      ["sq", null, null],
      ["sa1", "sq", null],
      ["sa2", "sq", again],
    ]);
  });
});
