import { Parser } from "htmlparser2";
import type { LoopTurns } from "./loop-turns.js";

/** What a streamed reading of markup reports, element names in lower case. */
export interface MarkupEvents {
  open(name: string, attributes: Record<string, string>): void;
  text(text: string): void;
  close(name: string): void;
}

export interface MarkupStreamOptions {
  /** XML (feeds: prefixes kept, CDATA read, only XML's entities) or HTML (pages). */
  xml: boolean;
  /** Elements nested deeper are ignored; their text joins the deepest element kept. */
  maxDepth: number;
  /** Characters parsed between two turns of the event loop. */
  chunkCharacters?: number;
  /** Ends the reading early (enough items read): checked after each chunk. */
  done?: () => boolean;
}

/** The open elements' parser, told to ignore an opening tag past the depth its events allow. */
class CappedParser extends Parser {
  skipOpening = false;
  override onopentagname(start: number, endIndex: number): void {
    if (this.skipOpening) return;
    super.onopentagname(start, endIndex);
  }
}

/**
 * Reads markup as a stream of events, a chunk per turn of the event loop, so
 * that a feed or page of a few megabytes never holds it. htmlparser2 is
 * linear in its input, apart from its stack of open elements, searched at
 * every tag: elements past `maxDepth` are not opened (their closing tag then
 * closes the nearest open element of that name, as a stray end tag does).
 * Custom entities declared in a DTD are never expanded (only XML's five and
 * numeric references are), so an "entity bomb" stays the size it was sent.
 */
export async function streamMarkup(
  text: string,
  events: MarkupEvents,
  turns: LoopTurns,
  options: MarkupStreamOptions,
): Promise<void> {
  let depth = 0;
  const parser: CappedParser = new CappedParser(
    {
      onopentag(name, attributes) {
        depth++;
        parser.skipOpening = depth >= options.maxDepth;
        events.open(name.toLowerCase(), attributes);
      },
      ontext(data) {
        events.text(data);
      },
      onclosetag(name) {
        depth = Math.max(0, depth - 1);
        parser.skipOpening = depth >= options.maxDepth;
        events.close(name.toLowerCase());
      },
    },
    options.xml
      ? { xmlMode: true, decodeEntities: true }
      : { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  const size = options.chunkCharacters ?? 65_536;
  for (let start = 0; start < text.length; start += size) {
    parser.write(text.slice(start, start + size));
    if (options.done?.()) return;
    await turns.take();
  }
  parser.end();
}
