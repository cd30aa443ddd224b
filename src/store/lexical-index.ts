import { sql } from "kysely";
import type { Database, Dialect } from "./database.js";

export interface IndexedPassage {
  id: string;
  knowledgeBaseId: string;
  /** The passage's analysed terms, in order (repeats count for BM25). */
  terms: string[];
}

export interface LexicalHit {
  passageId: string;
  score: number;
}

/**
 * BM25 (k1 = 1.2, b = 0.75) over analysed terms, the one retrieval piece that
 * differs by dialect: SQLite's FTS5 (external content on `passages.terms`),
 * PostgreSQL's postings table with the same formula in SQL. Statistics (N,
 * average length, document frequency) are over every passage on both, so the
 * two rank alike; the result is then restricted to the bases asked for.
 */
export interface LexicalIndex {
  /** Indexes passages already inserted in `passages` (same transaction). */
  add(db: Database, passages: IndexedPassage[]): Promise<void>;
  /** Unindexes a document's passages; call before deleting them (same transaction). */
  removeDocument(db: Database, documentId: string): Promise<void>;
  search(knowledgeBaseIds: string[], terms: string[], limit: number): Promise<LexicalHit[]>;
  /** Indexed words from `from` (inclusive) to `to` (exclusive), with their passage counts; at most `limit`. */
  vocabulary(
    from: string,
    to: string,
    limit: number,
  ): Promise<{ term: string; frequency: number }[]>;
  /** How many passages hold each term, and how many passages there are. */
  documentFrequencies(
    terms: string[],
  ): Promise<{ passages: number; frequencies: Map<string, number> }>;
}

const countPassages = async (db: Database): Promise<number> =>
  Number(
    (
      await db
        .selectFrom("passages")
        .select((eb) => eb.fn.countAll().as("count"))
        .executeTakeFirstOrThrow()
    ).count,
  );

const unique = (terms: string[]) =>
  [...new Set(terms)].filter((term) => /^[\p{L}\p{N}_]+$/u.test(term));

class Fts5Index implements LexicalIndex {
  constructor(private readonly db: Database) {}

  async add(db: Database, passages: IndexedPassage[]): Promise<void> {
    if (passages.length === 0) return;
    const ids = passages.map((passage) => passage.id);
    await sql`insert into passages_fts(rowid, terms) select rowid, terms from passages where id in (${sql.join(ids)})`.execute(
      db,
    );
  }

  async removeDocument(db: Database, documentId: string): Promise<void> {
    await sql`insert into passages_fts(passages_fts, rowid, terms) select 'delete', rowid, terms from passages where document_id = ${documentId}`.execute(
      db,
    );
  }

  async search(knowledgeBaseIds: string[], terms: string[], limit: number): Promise<LexicalHit[]> {
    const wanted = unique(terms);
    if (wanted.length === 0 || knowledgeBaseIds.length === 0) return [];
    const match = wanted.map((term) => `"${term}"`).join(" OR ");
    // FTS5 ranks fastest on its own (ORDER BY rank inside the module); the bases are filtered on a
    // generous candidate list, and only when that leaves too few hits is the whole match filtered.
    const candidates = Math.max(limit * 20, 200);
    const { rows } = await sql<{ id: string; score: number; candidates: number }>`
      select p.id as id, -f.rank as score
      from (select rowid, rank from passages_fts where passages_fts match ${match} order by rank limit ${candidates}) f
        cross join passages p on p.rowid = f.rowid
      where p.knowledge_base_id in (${sql.join(knowledgeBaseIds)})
      order by f.rank limit ${limit}`.execute(this.db);
    if (rows.length < limit) {
      const { rows: all } = await sql<{ id: string; score: number }>`
        select p.id as id, -bm25(passages_fts) as score
        from passages_fts cross join passages p on p.rowid = passages_fts.rowid
        where passages_fts match ${match} and p.knowledge_base_id in (${sql.join(knowledgeBaseIds)})
        order by bm25(passages_fts) limit ${limit}`.execute(this.db);
      return all.map((row) => ({ passageId: row.id, score: Number(row.score) }));
    }
    return rows.map((row) => ({ passageId: row.id, score: Number(row.score) }));
  }

  async vocabulary(from: string, to: string, limit: number) {
    const { rows } = await sql<{ term: string; doc: number }>`
      select term, doc from passages_vocab where term >= ${from} and term < ${to} limit ${limit}`.execute(
      this.db,
    );
    return rows.map((row) => ({ term: row.term, frequency: Number(row.doc) }));
  }

  async documentFrequencies(terms: string[]) {
    const wanted = unique(terms);
    const total = await countPassages(this.db);
    const frequencies = new Map<string, number>();
    if (wanted.length > 0) {
      const { rows } = await sql<{ term: string; doc: number }>`
        select term, doc from passages_vocab where term in (${sql.join(wanted)})`.execute(this.db);
      for (const row of rows) frequencies.set(row.term, Number(row.doc));
    }
    return { passages: total, frequencies };
  }
}

class PostingsIndex implements LexicalIndex {
  constructor(private readonly db: Database) {}

  /**
   * Postings in, statistics up. The statistics row is updated first: it
   * serialises the index's writers, so two ingestions never lock the same
   * terms in opposite orders.
   */
  async add(db: Database, passages: IndexedPassage[]): Promise<void> {
    if (passages.length === 0) return;
    await sql`update passage_statistics set passages = passages + ${passages.length},
      terms = terms + ${passages.reduce((sum, p) => sum + p.terms.length, 0)} where id = 1`.execute(
      db,
    );
    const rows = passages.flatMap((passage) => {
      const counts = new Map<string, number>();
      for (const term of passage.terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      return [...counts].map(([term, tf]) => ({
        term,
        knowledge_base_id: passage.knowledgeBaseId,
        passage_id: passage.id,
        tf,
      }));
    });
    const df = new Map<string, number>();
    for (const row of rows) df.set(row.term, (df.get(row.term) ?? 0) + 1);
    const terms = [...df].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    // PostgreSQL takes at most 65,535 parameters per statement.
    for (let start = 0; start < terms.length; start += 10_000) {
      await db
        .insertInto("term_statistics")
        .values(terms.slice(start, start + 10_000).map(([term, count]) => ({ term, df: count })))
        .onConflict((conflict) =>
          conflict
            .column("term")
            .doUpdateSet({ df: sql`term_statistics.df + excluded.df` as unknown as number }),
        )
        .execute();
    }
    for (let start = 0; start < rows.length; start += 5000) {
      await db
        .insertInto("passage_terms")
        .values(rows.slice(start, start + 5000))
        .execute();
    }
  }

  async removeDocument(db: Database, documentId: string): Promise<void> {
    await sql`update passage_statistics set
        passages = passages - (select count(*) from passages where document_id = ${documentId}),
        terms = terms - (select coalesce(sum(term_count), 0) from passages where document_id = ${documentId})
      where id = 1`.execute(db);
    await sql`update term_statistics t set df = t.df - c.n
      from (
        select pt.term, count(*) as n from passage_terms pt join passages p on p.id = pt.passage_id
        where p.document_id = ${documentId} group by pt.term order by pt.term
      ) c
      where t.term = c.term`.execute(db);
    await db
      .deleteFrom("passage_terms")
      .where("passage_id", "in", (eb) =>
        eb.selectFrom("passages").select("id").where("document_id", "=", documentId),
      )
      .execute();
  }

  async search(knowledgeBaseIds: string[], terms: string[], limit: number): Promise<LexicalHit[]> {
    const wanted = unique(terms);
    if (wanted.length === 0 || knowledgeBaseIds.length === 0) return [];
    const { rows } = await sql<{ id: string; score: number }>`
      with stats as (
        select passages::float8 as n, greatest(terms::float8 / greatest(passages, 1), 1) as average
        from passage_statistics where id = 1
      ),
      frequencies as (
        select term, df::float8 as df from term_statistics where term = any(${wanted}::text[]) and df > 0
      )
      select pt.passage_id as id,
        sum(
          greatest(ln((stats.n - f.df + 0.5) / (f.df + 0.5)), 1e-6)
          * pt.tf * 2.2 / (pt.tf + 1.2 * (0.25 + 0.75 * p.term_count / stats.average))
        ) as score
      from passage_terms pt
        join frequencies f on f.term = pt.term
        join passages p on p.id = pt.passage_id
        cross join stats
      where pt.term = any(${wanted}::text[]) and pt.knowledge_base_id = any(${knowledgeBaseIds}::text[])
      group by pt.passage_id
      order by score desc, pt.passage_id
      limit ${limit}`.execute(this.db);
    return rows.map((row) => ({ passageId: row.id, score: Number(row.score) }));
  }

  async vocabulary(from: string, to: string, limit: number) {
    const rows = await this.db
      .selectFrom("term_statistics")
      .select(["term", "df"])
      .where("term", ">=", from)
      .where("term", "<", to)
      .where("df", ">", 0)
      .limit(limit)
      .execute();
    return rows.map((row) => ({ term: row.term, frequency: Number(row.df) }));
  }

  async documentFrequencies(terms: string[]) {
    const wanted = unique(terms);
    const stats = await this.db
      .selectFrom("passage_statistics")
      .select("passages")
      .where("id", "=", 1)
      .executeTakeFirst();
    const frequencies = new Map<string, number>();
    if (wanted.length > 0) {
      const rows = await this.db
        .selectFrom("term_statistics")
        .select(["term", "df"])
        .where("term", "in", wanted)
        .where("df", ">", 0)
        .execute();
      for (const row of rows) frequencies.set(row.term, Number(row.df));
    }
    return { passages: Number(stats?.passages ?? 0), frequencies };
  }
}

export function lexicalIndex(db: Database, dialect: Dialect): LexicalIndex {
  return dialect === "postgres" ? new PostingsIndex(db) : new Fts5Index(db);
}
