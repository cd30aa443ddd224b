import assert from "node:assert/strict";
import { it } from "node:test";
import { ConversationsRepository, PURGE_BATCH } from "../../src/chat/conversations.repository.js";
import { describeStores, userRow } from "../support/stores.js";

const CUT = "2026-03-01T00:00:00.000Z";

/**
 * The retention's purge of conversations, on both stores: more than one
 * batch of conversations inactive before the cut go, with their messages;
 * those active since stay whole.
 */
describeStores("conversation purge in the store", (get) => {
  it("deletes the conversations inactive before the cut, in batches, with their messages", async () => {
    const { db } = get();
    const owner = "1f0c8a1e-7c2b-4f7e-9a55-0c2f4b1e9d01";
    await db
      .insertInto("users")
      .values(userRow(owner, 1, null, CUT))
      .execute();
    const old = PURGE_BATCH * 2 + 50;
    const conversations = Array.from({ length: old + 5 }, (_, n) => ({
      id: `c-${String(n).padStart(4, "0")}`,
      user_id: owner,
      assistant_id: null,
      title: `Conversation ${n}`,
      created_at: "2025-01-01T00:00:00.000Z",
      // The last five were active after the cut.
      updated_at: n < old ? "2026-02-27T10:00:00.000Z" : "2026-03-02T10:00:00.000Z",
    }));
    for (let start = 0; start < conversations.length; start += 200)
      await db
        .insertInto("conversations")
        .values(conversations.slice(start, start + 200))
        .execute();
    const messages = conversations.flatMap((conversation) =>
      [0, 1].map((ordinal) => ({
        id: `${conversation.id}-m${ordinal}`,
        conversation_id: conversation.id,
        ordinal,
        role: ordinal === 0 ? "user" : "assistant",
        content: "Bonjour",
        metadata: "{}",
        created_at: conversation.updated_at,
      })),
    );
    for (let start = 0; start < messages.length; start += 200)
      await db
        .insertInto("messages")
        .values(messages.slice(start, start + 200))
        .execute();

    assert.equal(await new ConversationsRepository(db).deleteInactiveBefore(CUT), old);
    const left = await db.selectFrom("conversations").select("id").orderBy("id").execute();
    assert.deepEqual(
      left.map((row) => row.id),
      conversations.slice(old).map((conversation) => conversation.id),
    );
    const kept = await db.selectFrom("messages").select("conversation_id").execute();
    assert.equal(kept.length, 10);
    assert.ok(kept.every((row) => left.some((c) => c.id === row.conversation_id)));
    assert.equal(await new ConversationsRepository(db).deleteInactiveBefore(CUT), 0);
  });
});
