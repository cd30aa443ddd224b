import { type Kysely, PostgresAdapter, sql } from "kysely";

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * PostgreSQL's fold, as `foldForSearch` (`store/conversation-search.ts`)
 * does it in JavaScript: decomposed (NFD, built into PostgreSQL 13 and
 * later) and its combining marks dropped, so that a letter with diacritics
 * becomes its base letter; punctuation and symbols made spaces, so that the
 * text parser sees only words and numbers, as FTS5's tokenizer does (an
 * e-mail address or "porte-monnaie" is several words); lower case; the
 * ligatures no decomposition splits, spelled out (after lower(), which keeps
 * non-ASCII capitals in a C locale). Regular expressions rather than
 * translate(), which compares every character with its whole list: six
 * times slower on a message. Written out here, so that this migration keeps
 * creating the same function whatever the code becomes.
 */
const FOLD = `replace(replace(replace(replace(replace(replace(lower(regexp_replace(
    regexp_replace(normalize(value, NFD), '[\u0300-\u036f]+', '', 'g'),
    '[!-/:-@[-\`{-~\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f\u20a0-\u20cf]+', ' ', 'g')),
  'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae'), 'ß', 'ss'), 'ẞ', 'ss')`;

/**
 * Agents' comforts with their conversations: pinned (`pinned_at`, listed
 * first) and archived (`archived_at`, out of the main list; retention and
 * deletion apply to them as to any other), and search over their titles and
 * messages, folded (accents, case, ligatures) the same way on both stores:
 *
 * - SQLite: two contentless FTS5 tables (`unicode61`, diacritics removed),
 *   `messages_search` and `conversation_titles_search`, keyed by the rowid of
 *   the message or conversation and holding its owner as a token (the user's
 *   id without hyphens), kept by triggers — which also fire on the cascade
 *   that deletes a conversation's messages — and filled here from what exists.
 * - PostgreSQL: `beffroi_search_fold(text)`, an immutable SQL function
 *   (`FOLD`), and two tables of the same names holding each message's and
 *   title's folded words and owner as a stored `tsvector` under a GIN index,
 *   kept by triggers and deleted with their row (`on delete cascade`). Stored,
 *   not an index over an expression: PostgreSQL rechecks the rows a bitmap
 *   holds, and folding each again made a search for a common beginning of a
 *   word take seconds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("conversations").addColumn("pinned_at", "text").execute();
  await db.schema.alterTable("conversations").addColumn("archived_at", "text").execute();

  if (isPostgres(db)) {
    await sql
      .raw(
        `create or replace function beffroi_search_fold(value text) returns text
          language sql immutable strict parallel safe
          as $fold$ select ${FOLD} $fold$`,
      )
      .execute(db);
    // The words of a text, and its owner as one more lexeme ("#" and the user's id), which no
    // folded word can be: a search intersects the owner's entries with each word's in the index.
    const words = (text: string, user: string) =>
      `to_tsvector('simple'::regconfig, beffroi_search_fold(${text})) || array_to_tsvector(array['#' || ${user}])`;
    await sql`create table messages_search (
        message_id text primary key references messages (id) on delete cascade,
        conversation_id text not null,
        ordinal integer not null,
        created_at text not null,
        words tsvector not null)`.execute(db);
    await sql`create index messages_search_words on messages_search using gin (words)`.execute(db);
    await sql
      .raw(
        `create or replace function beffroi_messages_search() returns trigger language plpgsql as $body$
        begin
          insert into messages_search (message_id, conversation_id, ordinal, created_at, words)
            select new.id, new.conversation_id, new.ordinal, new.created_at, ${words("new.content", "c.user_id")}
            from conversations c where c.id = new.conversation_id
          on conflict (message_id) do update set words = excluded.words;
          return null;
        end $body$`,
      )
      .execute(db);
    await sql`create trigger messages_search_write after insert or update of content on messages
      for each row execute function beffroi_messages_search()`.execute(db);
    await sql
      .raw(
        `insert into messages_search (message_id, conversation_id, ordinal, created_at, words)
          select m.id, m.conversation_id, m.ordinal, m.created_at, ${words("m.content", "c.user_id")}
          from messages m join conversations c on c.id = m.conversation_id`,
      )
      .execute(db);

    await sql`create table conversation_titles_search (
        conversation_id text primary key references conversations (id) on delete cascade,
        words tsvector not null)`.execute(db);
    await sql`create index conversation_titles_search_words on conversation_titles_search
      using gin (words)`.execute(db);
    await sql
      .raw(
        `create or replace function beffroi_titles_search() returns trigger language plpgsql as $body$
        begin
          insert into conversation_titles_search (conversation_id, words)
            values (new.id, ${words("new.title", "new.user_id")})
          on conflict (conversation_id) do update set words = excluded.words;
          return null;
        end $body$`,
      )
      .execute(db);
    await sql`create trigger conversation_titles_search_write after insert or update of title on conversations
      for each row execute function beffroi_titles_search()`.execute(db);
    await sql
      .raw(
        `insert into conversation_titles_search (conversation_id, words)
          select id, ${words("title", "user_id")} from conversations`,
      )
      .execute(db);
    return;
  }

  const owner = (conversation: string) =>
    sql.raw(`(select replace(user_id, '-', '') from conversations where id = ${conversation})`);
  await sql`create virtual table messages_search using fts5(owner, body,
      content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='3')`.execute(
    db,
  );
  await sql`create trigger messages_search_insert after insert on messages begin
      insert into messages_search(rowid, owner, body) values (new.rowid, ${owner("new.conversation_id")}, new.content);
    end`.execute(db);
  await sql`create trigger messages_search_update after update of content on messages begin
      delete from messages_search where rowid = old.rowid;
      insert into messages_search(rowid, owner, body) values (new.rowid, ${owner("new.conversation_id")}, new.content);
    end`.execute(db);
  await sql`create trigger messages_search_delete after delete on messages begin
      delete from messages_search where rowid = old.rowid;
    end`.execute(db);
  await sql`insert into messages_search(rowid, owner, body)
      select m.rowid, replace(c.user_id, '-', ''), m.content
      from messages m join conversations c on c.id = m.conversation_id`.execute(db);

  await sql`create virtual table conversation_titles_search using fts5(owner, title,
      content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='3')`.execute(
    db,
  );
  await sql`create trigger conversation_titles_search_insert after insert on conversations begin
      insert into conversation_titles_search(rowid, owner, title)
        values (new.rowid, replace(new.user_id, '-', ''), new.title);
    end`.execute(db);
  await sql`create trigger conversation_titles_search_update after update of title on conversations begin
      delete from conversation_titles_search where rowid = old.rowid;
      insert into conversation_titles_search(rowid, owner, title)
        values (new.rowid, replace(new.user_id, '-', ''), new.title);
    end`.execute(db);
  await sql`create trigger conversation_titles_search_delete after delete on conversations begin
      delete from conversation_titles_search where rowid = old.rowid;
    end`.execute(db);
  await sql`insert into conversation_titles_search(rowid, owner, title)
      select rowid, replace(user_id, '-', ''), title from conversations`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger if exists messages_search_write on messages`.execute(db);
    await sql`drop trigger if exists conversation_titles_search_write on conversations`.execute(db);
    await sql`drop function if exists beffroi_messages_search()`.execute(db);
    await sql`drop function if exists beffroi_titles_search()`.execute(db);
    await sql`drop table if exists messages_search`.execute(db);
    await sql`drop table if exists conversation_titles_search`.execute(db);
    await sql`drop function if exists beffroi_search_fold(text)`.execute(db);
  } else {
    for (const trigger of [
      "messages_search_insert",
      "messages_search_update",
      "messages_search_delete",
      "conversation_titles_search_insert",
      "conversation_titles_search_update",
      "conversation_titles_search_delete",
    ])
      await sql`drop trigger if exists ${sql.raw(trigger)}`.execute(db);
    await sql`drop table if exists messages_search`.execute(db);
    await sql`drop table if exists conversation_titles_search`.execute(db);
  }
  await db.schema.alterTable("conversations").dropColumn("archived_at").execute();
  await db.schema.alterTable("conversations").dropColumn("pinned_at").execute();
}
