import { analyse } from "../../knowledge/index.js";
import { LoopTurns } from "../../shared/loop-turns.js";

/** A watched item as topics are matched against it. */
export interface TopicCandidate {
  title: string;
  text: string;
}

export interface TopicMatch<T> {
  item: T;
  /** The topics it matches, as the agent wrote them. */
  topics: string[];
  /** Sentences of its text that hold a topic's words, in order, at most `sentences`. */
  excerpt: string[];
}

/** Characters of an item read for matching: a feed item's text is cut at 10,000 already. */
const READ_CHARACTERS = 20_000;
const SENTENCE = /[^.!?…\n]+[.!?…]*/g;
/** Characters analysed between two turns of the event loop. */
const SLICE_CHARACTERS = 100_000;
const turns = new LoopTurns();

/**
 * Keyword filter for the document watch, without any model: a topic
 * matches an item when every one of its words (stemmed, stop words aside,
 * so « subventions associatives » matches « subvention aux associations »)
 * is in the item's title or text. No topic keeps every item. Matches come
 * back in the items' order with the sentences that name a topic, the title
 * counting as the first. The event loop turns between slices of the reading.
 */
export async function matchTopics<T extends TopicCandidate>(
  items: readonly T[],
  topics: readonly string[],
  sentences = 2,
): Promise<TopicMatch<T>[]> {
  const wanted = topics
    .map((topic) => ({ topic, terms: [...new Set(analyse(topic))] }))
    .filter(({ terms }) => terms.length > 0);
  const matches: TopicMatch<T>[] = [];
  let read = 0;
  for (const item of items) {
    const text = item.text.slice(0, READ_CHARACTERS);
    read += text.length + item.title.length;
    if (read > SLICE_CHARACTERS) {
      read = 0;
      await turns.take();
    }
    const terms = new Set(analyse(`${item.title}\n${text}`));
    const found = wanted.filter(({ terms: needed }) => needed.every((term) => terms.has(term)));
    if (wanted.length > 0 && found.length === 0) continue;
    const cue = new Set(found.flatMap(({ terms: needed }) => needed));
    const excerpt: string[] = [];
    for (const match of text.matchAll(SENTENCE)) {
      if (excerpt.length >= sentences) break;
      const sentence = match[0].trim();
      if (sentence.length < 3) continue;
      if (cue.size === 0 || analyse(sentence).some((term) => cue.has(term)))
        excerpt.push(sentence.length > 400 ? `${sentence.slice(0, 399)}…` : sentence);
    }
    matches.push({ item, topics: found.map(({ topic }) => topic), excerpt });
  }
  return matches;
}
