import type { AttachmentTable, Database } from "../store/index.js";

/** The only place that speaks SQL about the documents attached to conversations. */
export class AttachmentsRepository {
  constructor(private readonly db: Database) {}

  async insert(rows: AttachmentTable[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.insertInto("attachments").values(rows).execute();
  }

  byId(id: string): Promise<AttachmentTable | undefined> {
    return this.db.selectFrom("attachments").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** How many documents a conversation holds, sent or waiting. */
  async count(conversationId: string): Promise<number> {
    const row = await this.db
      .selectFrom("attachments")
      .select((eb) => eb.fn.countAll<number | string>().as("count"))
      .where("conversation_id", "=", conversationId)
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  /** The attachments with these ids, of this conversation, with their passages. */
  withIds(conversationId: string, ids: string[]): Promise<AttachmentTable[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom("attachments")
      .selectAll()
      .where("conversation_id", "=", conversationId)
      .where("id", "in", ids)
      .execute();
  }

  /** The attachments of these messages, with their passages. */
  ofMessages(messageIds: string[]): Promise<AttachmentTable[]> {
    if (messageIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom("attachments")
      .selectAll()
      .where("message_id", "in", messageIds)
      .execute();
  }

  /** Ties attachments to the message they were sent with, in the order given. */
  async bind(ids: string[], messageId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const [ordinal, id] of ids.entries()) {
        await trx
          .updateTable("attachments")
          .set({ message_id: messageId, ordinal })
          .where("id", "=", id)
          .execute();
      }
    });
  }

  async delete(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.deleteFrom("attachments").where("id", "in", ids).execute();
  }

  /** Deletes a conversation's attachments still waiting for a message, but `keep`. */
  async deleteWaiting(conversationId: string, keep: string[] = []): Promise<void> {
    let query = this.db
      .deleteFrom("attachments")
      .where("conversation_id", "=", conversationId)
      .where("message_id", "is", null);
    if (keep.length > 0) query = query.where("id", "not in", keep);
    await query.execute();
  }
}
