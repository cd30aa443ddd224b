/**
 * Spans of a text asked about by position: sorted once, then each question
 * is a binary search, so that a scan of a text with thousands of findings
 * stays linear in them (comparing every finding with every other one is
 * not).
 */

export interface Span {
  start: number;
  end: number;
}

export const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/** The first index of a sorted list of numbers whose value is at least `at` (the length if none). */
export function firstAtLeast(sorted: readonly number[], at: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A fixed set of spans, overlapping one another or not. */
export class SpanIndex<T extends Span> {
  readonly #byStart: T[];
  readonly #starts: number[];
  /** The greatest end among the spans up to each index (by start). */
  readonly #reach: number[];
  readonly #byEnd: T[];
  readonly #ends: number[];

  constructor(spans: Iterable<T>) {
    this.#byStart = [...spans].sort((a, b) => a.start - b.start);
    this.#starts = this.#byStart.map((span) => span.start);
    let reach = Number.NEGATIVE_INFINITY;
    this.#reach = this.#byStart.map((span) => {
      reach = Math.max(reach, span.end);
      return reach;
    });
    this.#byEnd = [...this.#byStart].sort((a, b) => a.end - b.end);
    this.#ends = this.#byEnd.map((span) => span.end);
  }

  /** Whether one of the spans overlaps `span`. */
  overlaps(span: Span): boolean {
    // The spans starting before `span` ends: one of them overlaps it if it reaches past its start.
    const last = firstAtLeast(this.#starts, span.end) - 1;
    return last >= 0 && (this.#reach[last] as number) > span.start;
  }

  /** The span that ends last at or before `at`. */
  lastEndingBy(at: number): T | undefined {
    return this.#byEnd[firstAtLeast(this.#ends, at + 1) - 1];
  }

  /** Whether a span ends in `(from, to]`. */
  endsIn(from: number, to: number): boolean {
    const first = firstAtLeast(this.#ends, from + 1);
    return first < this.#ends.length && (this.#ends[first] as number) <= to;
  }

  /** Whether a span starts in `[from, to)`. */
  startsIn(from: number, to: number): boolean {
    const first = firstAtLeast(this.#starts, from);
    return first < this.#starts.length && (this.#starts[first] as number) < to;
  }
}

/** Spans that never overlap, added one by one (the surest finding first). */
export class DisjointSpans<T extends Span> {
  readonly spans: T[] = [];

  /** Adds `span` unless it overlaps one already there; whether it was added. */
  add(span: T): boolean {
    let low = 0;
    let high = this.spans.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.spans[middle] as T).start < span.start) low = middle + 1;
      else high = middle;
    }
    const before = this.spans[low - 1];
    const after = this.spans[low];
    if ((before && before.end > span.start) || (after && after.start < span.end)) return false;
    this.spans.splice(low, 0, span);
    return true;
  }
}

/**
 * Where the line holding `index` starts, looked for at most `limit`
 * characters back (a text without line breaks is not read back to its
 * start for every position asked about): the line's start, or `index -
 * limit` when it is farther.
 */
export function lineStart(text: string, index: number, limit: number): number {
  const from = Math.max(0, index - limit);
  const found = text.slice(from, index).lastIndexOf("\n");
  return found < 0 ? from : from + found + 1;
}

/**
 * Where the line holding `index` ends, looked for at most `limit` characters
 * ahead: the line break's position, or `index + limit` (or the text's end)
 * when it is farther.
 */
export function lineEnd(text: string, index: number, limit: number): number {
  const to = Math.min(text.length, index + limit);
  const found = text.slice(index, to).indexOf("\n");
  return found < 0 ? to : index + found;
}
