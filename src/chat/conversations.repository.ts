import type { ConversationTable, Database, MessageTable } from "../store/index.js";

/** The only place that speaks SQL about conversations and their messages. */
export class ConversationsRepository {
  constructor(private readonly db: Database) {}

  /** Deletes the conversations inactive since before `before` (ISO), messages and vaults with them. */
  async deleteInactiveBefore(before: string): Promise<number> {
    const deleted = await this.db
      .deleteFrom("conversations")
      .where("updated_at", "<", before)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows);
  }

  listForUser(userId: string): Promise<ConversationTable[]> {
    return this.db
      .selectFrom("conversations")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("updated_at", "desc")
      .orderBy("id")
      .execute();
  }

  byId(id: string): Promise<ConversationTable | undefined> {
    return this.db.selectFrom("conversations").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async insert(row: ConversationTable): Promise<void> {
    await this.db.insertInto("conversations").values(row).execute();
  }

  async rename(id: string, title: string, at: string): Promise<void> {
    await this.db
      .updateTable("conversations")
      .set({ title, updated_at: at })
      .where("id", "=", id)
      .execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom("conversations").where("id", "=", id).execute();
  }

  messages(conversationId: string): Promise<MessageTable[]> {
    return this.db
      .selectFrom("messages")
      .selectAll()
      .where("conversation_id", "=", conversationId)
      .orderBy("ordinal")
      .execute();
  }

  async setMetadata(messageId: string, metadata: string): Promise<void> {
    await this.db.updateTable("messages").set({ metadata }).where("id", "=", messageId).execute();
  }

  async validate(messageId: string, userId: string, at: string): Promise<void> {
    await this.db
      .updateTable("messages")
      .set({ validated_by: userId, validated_at: at })
      .where("id", "=", messageId)
      .where("validated_at", "is", null)
      .execute();
  }

  /** Appends messages after the last one, and marks the conversation as updated, in one transaction. */
  async append(
    conversationId: string,
    messages: Omit<MessageTable, "ordinal" | "conversation_id">[],
    at: string,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom("messages")
        .select((eb) => eb.fn.max("ordinal").as("ordinal"))
        .where("conversation_id", "=", conversationId)
        .executeTakeFirst();
      let ordinal = Number(last?.ordinal ?? -1);
      for (const message of messages) {
        ordinal += 1;
        await trx
          .insertInto("messages")
          .values({ ...message, conversation_id: conversationId, ordinal })
          .execute();
      }
      await trx
        .updateTable("conversations")
        .set({ updated_at: at })
        .where("id", "=", conversationId)
        .execute();
    });
  }
}
