import { sql, type Transaction } from "kysely";
import { LoopTurns } from "../shared/loop-turns.js";
import {
  type ConversationTable,
  conversationSearch,
  type Database,
  type MessageTable,
  type SearchWord,
  type Tables,
} from "../store/index.js";

/** Matches read by each lookup of a search, at most: the conversations shown come from the latest ones. */
const SEARCH_CANDIDATES = 1000;

/**
 * A search is up to two index lookups per word: on SQLite each runs on the
 * event loop, so each waits for a turn of its own and other requests are
 * answered in between.
 */
const searchTurns = new LoopTurns();

/** A conversation found by a search, with its latest message holding the words (none: its title did). */
export interface SearchHit {
  conversation: ConversationTable;
  message: Pick<MessageTable, "id" | "content"> | null;
}

/** Conversations deleted per statement by the retention (each with its messages). */
export const PURGE_BATCH = 200;
const purgeTurns = new LoopTurns();

/** The only place that speaks SQL about conversations and their messages. */
export class ConversationsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Deletes the conversations inactive since before `before` (ISO),
   * messages, attachments and vaults with them: `PURGE_BATCH` conversations
   * per statement, the event loop given back between two (a first purge
   * may take years of conversations).
   */
  async deleteInactiveBefore(before: string): Promise<number> {
    let purged = 0;
    for (;;) {
      const deleted = await this.db
        .deleteFrom("conversations")
        .where("id", "in", (eb) =>
          eb
            .selectFrom("conversations")
            .select("id")
            .where("updated_at", "<", before)
            .limit(PURGE_BATCH),
        )
        .executeTakeFirst();
      const count = Number(deleted.numDeletedRows);
      purged += count;
      // Fewer than a batch: none left, or another instance took the rest.
      if (count < PURGE_BATCH) return purged;
      await purgeTurns.take();
    }
  }

  /** The user's conversations, archived ones or the others: pinned first, then the latest updated. */
  listForUser(userId: string, archived = false): Promise<ConversationTable[]> {
    return this.db
      .selectFrom("conversations")
      .selectAll()
      .where("user_id", "=", userId)
      .where("archived_at", archived ? "is not" : "is", null)
      .orderBy(sql`case when pinned_at is null then 1 else 0 end`)
      .orderBy("updated_at", "desc")
      .orderBy("id")
      .execute();
  }

  /** Pins (at an instant) or unpins (null); the conversation's activity is unchanged. */
  async setPinned(id: string, at: string | null): Promise<void> {
    await this.db
      .updateTable("conversations")
      .set({ pinned_at: at })
      .where("id", "=", id)
      .execute();
  }

  /** Archives (at an instant) or restores (null); retention still counts from its last activity. */
  async setArchived(id: string, at: string | null): Promise<void> {
    await this.db
      .updateTable("conversations")
      .set({ archived_at: at })
      .where("id", "=", id)
      .execute();
  }

  /**
   * The user's conversations holding every word — in the title, in one
   * message, or spread over them —, the latest updated first, at most
   * `limit`, each with its latest message holding them all (else one of
   * them). Read through the store's search indexes, never by scanning the
   * messages; each lookup takes the latest `SEARCH_CANDIDATES` matches, and
   * `complete` is false when one had more (older conversations may hold
   * the words too).
   */
  async search(
    userId: string,
    words: SearchWord[],
    limit: number,
  ): Promise<{ hits: SearchHit[]; complete: boolean }> {
    const index = conversationSearch(this.db);
    let complete = true;
    const capped = <T>(found: T[]) => {
      if (found.length >= SEARCH_CANDIDATES) complete = false;
      return found;
    };
    await searchTurns.take();
    const found = new Set(await index.titles(userId, words, limit));
    const latest = new Map<string, string>();
    const keepLatest = (matches: { conversationId: string; messageId: string }[]) => {
      for (const match of matches)
        if (!latest.has(match.conversationId)) latest.set(match.conversationId, match.messageId);
    };
    await searchTurns.take();
    const together = capped(await index.messages(userId, words, SEARCH_CANDIDATES));
    keepLatest(together);
    for (const match of together) found.add(match.conversationId);
    if (words.length > 1) {
      // Words spread over a conversation: each word's conversations, intersected.
      let spread: Set<string> | undefined;
      for (const word of words) {
        await searchTurns.take();
        const matches = capped(await index.messages(userId, [word], SEARCH_CANDIDATES));
        await searchTurns.take();
        const titled = capped(await index.titles(userId, [word], SEARCH_CANDIDATES));
        const holding = new Set([...titled, ...matches.map((match) => match.conversationId)]);
        spread = new Set([...(spread ?? holding)].filter((id) => holding.has(id)));
        if (spread.size === 0) break;
        keepLatest(matches.filter((match) => spread?.has(match.conversationId)));
      }
      for (const id of spread ?? []) found.add(id);
    }
    const ids = [...found];
    if (ids.length === 0) return { hits: [], complete };
    // The owner's, checked again here: whatever an index held, no one else's conversation is shown.
    const conversations = await this.db
      .selectFrom("conversations")
      .selectAll()
      .where("user_id", "=", userId)
      .where("id", "in", ids)
      .orderBy("updated_at", "desc")
      .orderBy("id")
      .limit(limit)
      .execute();
    const messageIds = conversations.flatMap(({ id }) => latest.get(id) ?? []);
    const messages =
      messageIds.length === 0
        ? []
        : await this.db
            .selectFrom("messages")
            .select(["id", "content"])
            .where("id", "in", messageIds)
            .execute();
    const byId = new Map(messages.map((message) => [message.id, message]));
    const hits = conversations.map((conversation) => ({
      conversation,
      message: byId.get(latest.get(conversation.id) ?? "") ?? null,
    }));
    return { hits, complete };
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

  /**
   * Appends messages after the last one, and marks the conversation as
   * updated, in one transaction. Each message of `shown` becomes the version
   * its conversation goes on from: its other versions are superseded.
   */
  async append(
    conversationId: string,
    messages: Omit<MessageTable, "ordinal" | "conversation_id">[],
    at: string,
    shown: readonly ShownVersion[] = [],
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
      await show(trx, conversationId, shown, at);
      await trx
        .updateTable("conversations")
        .set({ updated_at: at })
        .where("id", "=", conversationId)
        .execute();
    });
  }

  /** Makes these messages the versions their conversation goes on from (see `append`). */
  async show(conversationId: string, shown: readonly ShownVersion[], at: string): Promise<void> {
    await this.db.transaction().execute((trx) => show(trx, conversationId, shown, at));
  }

  async setAssistant(id: string, assistantId: string, at: string): Promise<void> {
    await this.db
      .updateTable("conversations")
      .set({ assistant_id: assistantId, updated_at: at })
      .where("id", "=", id)
      .execute();
  }
}

/** A message to show, with the parent its versions share. */
export interface ShownVersion {
  id: string;
  parent_id?: string | null | undefined;
}

async function show(
  trx: Transaction<Tables>,
  conversationId: string,
  shown: readonly ShownVersion[],
  at: string,
): Promise<void> {
  for (const { id, parent_id: parent = null } of shown) {
    await trx
      .updateTable("messages")
      .set({ superseded_at: at })
      .where("conversation_id", "=", conversationId)
      .where("parent_id", parent === null ? "is" : "=", parent)
      .where("id", "!=", id)
      .where("superseded_at", "is", null)
      .execute();
    await trx
      .updateTable("messages")
      .set({ superseded_at: null })
      .where("conversation_id", "=", conversationId)
      .where("id", "=", id)
      .execute();
  }
}
