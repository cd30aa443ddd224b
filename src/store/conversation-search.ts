import { PostgresAdapter, sql } from "kysely";
import type { Database } from "./database.js";

/**
 * A word of a search, folded as the indexes fold text (accents off, lower
 * case, "œ" as "oe"). A word of three characters or more also finds the
 * words it begins ("demenag" finds "déménagement"); a shorter one, only itself.
 */
export interface SearchWord {
  text: string;
  prefix: boolean;
}

/** A message of one agent's conversations holding every word searched. */
export interface MessageMatch {
  messageId: string;
  conversationId: string;
}

/**
 * Search over agents' own conversations, the one piece of it that differs by
 * dialect: FTS5 tables on SQLite, stored `tsvector`s under GIN indexes on
 * PostgreSQL (migration 0020), kept by triggers, each entry holding its
 * owner as a token, so that a search reads only the owner's entries. Both
 * fold alike (`foldForSearch`; `beffroi_search_fold` in PostgreSQL), so both
 * find alike.
 */
export interface ConversationSearch {
  /** The owner's conversations whose title holds every word: ids, the most recently updated first. */
  titles(ownerId: string, words: SearchWord[], limit: number): Promise<string[]>;
  /** The owner's messages holding every word, the most recent first. */
  messages(ownerId: string, words: SearchWord[], limit: number): Promise<MessageMatch[]>;
}

/** Ligatures that no decomposition splits, as agents type them. */
const LIGATURES: Readonly<Record<string, string>> = { œ: "oe", æ: "ae", ß: "ss" };

function foldCharacter(character: string): string {
  const code = character.charCodeAt(0);
  if (code < 0x80) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : character;
  const base = character.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  let folded = "";
  for (const part of base) folded += LIGATURES[part] ?? part;
  return folded;
}

/**
 * A text as search reads it: without accents, in lower case, ligatures
 * spelled out; `offsets[i]` is where the character that gave `folded[i]`
 * starts in the text (and `offsets[folded.length]` is its length), so that
 * a match found in the folded text is shown in the original.
 */
export function foldForSearch(text: string): { folded: string; offsets: number[] } {
  let folded = "";
  const offsets: number[] = [];
  let at = 0;
  for (const character of text) {
    const part = foldCharacter(character);
    folded += part;
    for (let index = 0; index < part.length; index += 1) offsets.push(at);
    at += character.length;
  }
  offsets.push(text.length);
  return { folded, offsets };
}

/** The words of a search, folded, once each, in order; one-character words are left out. */
export function searchWords(query: string): SearchWord[] {
  const words = foldForSearch(query)
    .folded.split(/[^\p{L}\p{N}]+/u)
    .filter((word) => [...word].length >= 2);
  return [...new Set(words)].map((text) => ({ text, prefix: [...text].length >= 3 }));
}

/** How an owner's id is written in the FTS5 tables: one token (the triggers drop the hyphens too). */
const ownerToken = (ownerId: string) => `"${ownerId.replaceAll("-", "").replaceAll('"', '""')}"`;

/**
 * An FTS5 query: the owner, and every word. FTS5 keeps "œ", "æ" and "ß"
 * as letters where search spells them out, so a word with "oe" also looks
 * for its "œ" spelling ("coeur" finds "cœur"); the other letters of Latin
 * scripts, FTS5 folds as `foldForSearch` does.
 */
function ftsQuery(column: string, ownerId: string, words: SearchWord[]): string {
  const terms = words.map((word) => {
    const spellings = new Set([
      word.text,
      word.text.replaceAll("oe", "œ"),
      word.text.replaceAll("ae", "æ"),
      word.text.replaceAll("ss", "ß"),
    ]);
    const phrases = [...spellings].map((text) => `"${text}"${word.prefix ? "*" : ""}`);
    return `${column} : (${phrases.join(" OR ")})`;
  });
  return [`owner : ${ownerToken(ownerId)}`, ...terms].join(" AND ");
}

class Fts5Search implements ConversationSearch {
  constructor(private readonly db: Database) {}

  async titles(ownerId: string, words: SearchWord[], limit: number): Promise<string[]> {
    if (words.length === 0) return [];
    const { rows } = await sql<{ id: string }>`
      select c.id as id from conversation_titles_search s
        cross join conversations c on c.rowid = s.rowid
      where conversation_titles_search match ${ftsQuery("title", ownerId, words)}
        and c.user_id = ${ownerId}
      order by c.updated_at desc, c.id limit ${limit}`.execute(this.db);
    return rows.map((row) => row.id);
  }

  async messages(ownerId: string, words: SearchWord[], limit: number): Promise<MessageMatch[]> {
    if (words.length === 0) return [];
    // FTS5 walks the owner's matches from the newest rowid (the latest message) and stops at the limit.
    const { rows } = await sql<{ id: string; conversation_id: string }>`
      select m.id as id, m.conversation_id as conversation_id
      from (select rowid from messages_search where messages_search match ${ftsQuery("body", ownerId, words)}
            order by rowid desc limit ${limit}) s
        cross join messages m on m.rowid = s.rowid
        cross join conversations c on c.id = m.conversation_id
      where c.user_id = ${ownerId}
      order by m.rowid desc`.execute(this.db);
    return rows.map((row) => ({ messageId: row.id, conversationId: row.conversation_id }));
  }
}

/** A tsquery: every word, a prefix one as `word:*`; words hold only letters and digits. */
const tsQuery = (words: SearchWord[]) =>
  words.map((word) => `'${word.text}'${word.prefix ? ":*" : ""}`).join(" & ");

/** The owner's lexeme (migration 0020), as a tsquery taken verbatim, not through the text parser. */
const ownerQuery = (ownerId: string) =>
  `'#${ownerId.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;

class TsvectorSearch implements ConversationSearch {
  constructor(private readonly db: Database) {}

  async titles(ownerId: string, words: SearchWord[], limit: number): Promise<string[]> {
    if (words.length === 0) return [];
    // The owner's lexeme alone says whose entries they are: no filter on a joined table whose
    // estimate, before statistics exist, would lead the planner into a nested scan.
    const { rows } = await sql<{ id: string }>`
      select c.id as id from conversation_titles_search s
        join conversations c on c.id = s.conversation_id
      where s.words @@ (${ownerQuery(ownerId)}::tsquery && to_tsquery('simple'::regconfig, ${tsQuery(words)}))
      order by c.updated_at desc, c.id limit ${limit}`.execute(this.db);
    return rows.map((row) => row.id);
  }

  async messages(ownerId: string, words: SearchWord[], limit: number): Promise<MessageMatch[]> {
    if (words.length === 0) return [];
    const { rows } = await sql<{ message_id: string; conversation_id: string }>`
      select message_id, conversation_id from messages_search
      where words @@ (${ownerQuery(ownerId)}::tsquery && to_tsquery('simple'::regconfig, ${tsQuery(words)}))
      order by created_at desc, ordinal desc limit ${limit}`.execute(this.db);
    return rows.map((row) => ({ messageId: row.message_id, conversationId: row.conversation_id }));
  }
}

/** The search adapter of a database, told apart as `locksRows` does. */
export function conversationSearch(db: Database): ConversationSearch {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? new TsvectorSearch(db)
    : new Fts5Search(db);
}
