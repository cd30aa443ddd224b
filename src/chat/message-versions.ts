import type { MessageTable } from "../store/index.js";

type Row = Pick<MessageTable, "id" | "ordinal" | "parent_id" | "superseded_at">;

/** An earlier version of a message and what followed it then: a part of the conversation no longer shown. */
export interface Branch<T> {
  /** The earlier version, then the messages that followed it (their shown versions). */
  messages: T[];
  /** Its place among its versions (from 1), and how many there are. */
  number: number;
  count: number;
}

/**
 * A conversation's messages as a tree of versions (migration 0019): each
 * message hangs under the one it follows; messages under the same parent
 * are versions of one another, oldest first. At each step the conversation
 * goes on from the version not superseded (the latest, when a race left
 * several or none): that line, from the first message, is what the page
 * shows and what the next turn sends to the model.
 */
export class MessageVersions<T extends Row> {
  private readonly byId = new Map<string, T>();
  private readonly children = new Map<string | null, T[]>();

  constructor(rows: readonly T[]) {
    for (const row of [...rows].sort((a, b) => Number(a.ordinal) - Number(b.ordinal))) {
      this.byId.set(row.id, row);
      const parent = row.parent_id ?? null;
      const siblings = this.children.get(parent) ?? [];
      siblings.push(row);
      this.children.set(parent, siblings);
    }
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  /** A message's versions, itself included, oldest first. */
  versionsOf(row: T): T[] {
    return this.children.get(row.parent_id ?? null) ?? [row];
  }

  /** Whether the conversation goes on from this version of its message. */
  isShown(row: T): boolean {
    return this.shown(this.versionsOf(row)) === row;
  }

  /** The conversation as it goes on: from the first message, the shown version at each step. */
  path(): T[] {
    const first = this.shown(this.children.get(null) ?? []);
    return first ? this.onFrom(first) : [];
  }

  /** A message and those it follows, from the first message to it. */
  lineage(id: string | null | undefined): T[] {
    const line: T[] = [];
    for (let row = id ? this.byId.get(id) : undefined; row && line.length < this.byId.size; ) {
      line.unshift(row);
      row = row.parent_id ? this.byId.get(row.parent_id) : undefined;
    }
    return line;
  }

  /**
   * Every earlier version not on the path, each with what followed it, found
   * along the path then along each branch in turn: with the path, every
   * message appears exactly once (the export's "earlier versions").
   */
  branches(): Branch<T>[] {
    const found: Branch<T>[] = [];
    const seen = new Set<string | null>();
    const visit = (line: T[]) => {
      for (const row of line) {
        const parent = row.parent_id ?? null;
        if (seen.has(parent)) continue;
        seen.add(parent);
        const versions = this.versionsOf(row);
        versions.forEach((version, index) => {
          if (version === row) return;
          found.push({ messages: this.onFrom(version), number: index + 1, count: versions.length });
        });
      }
    };
    visit(this.path());
    // Branches found while visiting are visited in turn (the list grows as it is read).
    for (let index = 0; index < found.length; index++) visit(found[index]?.messages ?? []);
    return found;
  }

  private shown(versions: readonly T[]): T | undefined {
    return [...versions].reverse().find((row) => !row.superseded_at) ?? versions.at(-1);
  }

  /** A message, then the shown version of each message after it. */
  private onFrom(start: T): T[] {
    const line = [start];
    for (let next = this.shown(this.children.get(start.id) ?? []); next; ) {
      line.push(next);
      next = this.shown(this.children.get(next.id) ?? []);
    }
    return line;
  }
}
