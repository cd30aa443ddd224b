/**
 * Suffixes grouped by last character, longest first, each with its action:
 * Snowball's `among`. Each group lists its suffixes separated by spaces.
 */
export class SuffixTable<Action extends string> {
  private readonly byLastCharacter = new Map<string, [string, Action][]>();

  constructor(groups: Record<Action, string>) {
    for (const [action, suffixes] of Object.entries(groups) as [Action, string][]) {
      for (const suffix of suffixes.split(" ")) {
        const last = suffix.slice(-1);
        const entries = this.byLastCharacter.get(last) ?? [];
        entries.push([suffix, action]);
        this.byLastCharacter.set(last, entries);
      }
    }
    for (const entries of this.byLastCharacter.values()) {
      entries.sort((a, b) => b[0].length - a[0].length);
    }
  }

  /** The longest suffix of `word` that starts at or after `limit`, with its action. */
  longest(word: string, limit = 0): [string, Action] | undefined {
    const entries = this.byLastCharacter.get(word.slice(-1));
    if (entries === undefined) return undefined;
    for (const entry of entries) {
      if (word.length - entry[0].length >= limit && word.endsWith(entry[0])) return entry;
    }
    return undefined;
  }
}
