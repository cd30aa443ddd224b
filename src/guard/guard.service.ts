import { AppError } from "../shared/errors.js";
import { LoopTurns } from "../shared/loop-turns.js";
import type { Entity, Recognizer, ScanPurpose } from "./entity.js";
import { type ExternalRecognizerSettings, externalFindings } from "./external.js";
import { warmLexicon } from "./lexicon.js";
import { withNames } from "./names.repository.js";
import type { FoundSpan, GuardFinding } from "./personal-data.js";
import { mentionsOf, nameWordsOf, type PersonNames } from "./recognizers/person.js";
import { classOf, type OrganisationContact, type ScanResult, scanText } from "./scanner.js";
import { SpanIndex } from "./spans.js";

/** A scan that spends longer than this scanning a turn's text blocks the turn: a guard that takes too long protects no one. */
const BUDGET_MS = 500;

/** How often, at most, a scan checks in the background whether imported names changed. */
const NAMES_CHECK_MS = 30_000;

/**
 * A text longer than this is scanned piece by piece, cut at line breaks,
 * the event loop given back between pieces: a several-megabyte file is
 * scanned whole, and other requests go on meanwhile.
 */
export const PIECE = 16_384;

/** Invented text touching every recognizer, scanned once at start (see `warm`). */
const WARM_SAMPLE = [
  "Bonjour Madame Dupont,\nMme Martine DUPONT (née le 12/03/1985 à Lille), son fils Lucas, 11 ans, et J.-P. Martin",
  "ont appelé le CCAS au 03 20 12 34 56 ; portable 06.12.34.56.78, +33 6 12 34 56 78, zéro six douze.",
  "Courriel : martine.dupont@example.fr, m . dupont (at) gmail (dot) com ; 12 bis rue des Lilas, 59000 Lille ;",
  "lieu-dit Les Granges, BP 12, 59000 Lille Cedex. IBAN FR76 3000 6000 0112 3456 7890 189, carte 4970 1012 3456 7897,",
  "NIR 1 85 03 75 123 456 12, passeport n° 19AB12345, AB-123-CD, 192.168.1.24. Diabétique, suivie au CMP,",
  "déléguée CGT, reconnue travailleuse handicapée (RQTH). Rue Victor Hugo, collège Marie Curie, Vila Nova de Gaia (Portugal).",
  "Cordialement,\nSandrine",
].join("\n");

/** Every scan's pieces, of every request, take turns: one piece per turn of the event loop. */
const TURNS = new LoopTurns();

/** Where imported names come from (the `guard_names` table): a cheap fingerprint, and the names. */
export interface NamesSource {
  signature(): Promise<string>;
  load(): Promise<PersonNames>;
}

export interface GuardOptions {
  /** How long a turn's scan may take (milliseconds); `Infinity` for the CLI. */
  budgetMs?: number;
  names?: NamesSource;
  namesCheckMs?: number;
  /** A named-entity model over HTTP whose findings are added to Beffroi's. */
  external?: ExternalRecognizerSettings;
}

/**
 * The personal-data guard: French recognizers over a text, at one of two
 * operating points (`egress`: recall first, possible findings kept;
 * `documents`: precision first, organisations' contact details apart),
 * with the turn blocked when scanning fails or overruns its budget (fail
 * closed). A long text is scanned in pieces. Given a names source, the
 * PERSON recognizer also knows the imported first names and surnames, re-read
 * when their table changes (a scan checks, in the background, at most every
 * 30 seconds). Given an external recognizer, its findings are merged in; its
 * failure fails the scan.
 */
export class GuardService {
  #recognizers: readonly Recognizer[];
  #signature: string | undefined;
  #checkedAt = Number.NEGATIVE_INFINITY;
  #reloading: Promise<boolean> | undefined;
  private readonly budgetMs: number;
  private readonly namesCheckMs: number;

  constructor(
    private readonly recognizers: readonly Recognizer[],
    private readonly options: GuardOptions = {},
  ) {
    this.#recognizers = recognizers;
    this.budgetMs = options.budgetMs ?? BUDGET_MS;
    this.namesCheckMs = options.namesCheckMs ?? NAMES_CHECK_MS;
  }

  /**
   * Reads the word and name lists now, and runs every recognizer once over
   * a sample at both operating points, so that no request pays for loading
   * them or compiling their code (a first scan took 100 ms more than the next).
   */
  warm(): void {
    warmLexicon();
    for (const purpose of ["egress", "documents"] as const) {
      scanText(WARM_SAMPLE, this.#recognizers, { purpose });
    }
  }

  /**
   * Reads the imported names again when their table changed since the last
   * read; whether the recognizers in use changed. A failure leaves the names in
   * use as they were (and is thrown).
   */
  reloadNames(): Promise<boolean> {
    this.#reloading ??= this.#reload().finally(() => {
      this.#reloading = undefined;
    });
    return this.#reloading;
  }

  async #reload(): Promise<boolean> {
    const names = this.options.names;
    if (!names) return false;
    this.#checkedAt = performance.now();
    const signature = await names.signature();
    if (signature === this.#signature) return false;
    const recognizers = withNames(this.recognizers, await names.load());
    const changed = recognizers !== this.#recognizers;
    this.#recognizers = recognizers;
    this.#signature = signature;
    return changed;
  }

  /**
   * Entities, organisations' contact details and class of a text, for a
   * purpose; throws `guard_failed` or `guard_timeout` instead of guessing.
   */
  async scan(text: string, purpose: ScanPurpose = "egress"): Promise<ScanResult> {
    // The word lists are read once per process, before the first scan's clock starts.
    warmLexicon();
    if (this.options.names && performance.now() - this.#checkedAt >= this.namesCheckMs) {
      // In the background: this scan uses the names as they are; a failed check is tried again later.
      this.reloadNames().catch(() => {});
    }
    const budget = new Budget(this.budgetMs);
    let result: ScanResult;
    try {
      result = await this.#scanPieces(text, purpose, budget);
      if (this.options.external) result = await this.#withExternal(text, purpose, result);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError("guard_failed");
    }
    return result;
  }

  /** The text scanned whole when short, else piece by piece, names found anywhere looked for everywhere. */
  async #scanPieces(text: string, purpose: ScanPurpose, budget: Budget): Promise<ScanResult> {
    const scanPiece = (piece: string) =>
      budget.spend(() => scanText(piece, this.#recognizers, { purpose }));
    if (text.length <= PIECE) return scanPiece(text);
    const organisations: OrganisationContact[] = [];
    const pieces = piecesOf(text);
    const found: Entity[][] = [];
    for (const [start, end] of pieces) {
      await TURNS.take();
      const piece = scanPiece(text.slice(start, end));
      found.push(piece.entities);
      for (const contact of piece.organisations) organisations.push(shift(contact, start));
    }
    // A name found in one piece is found again in the others.
    const names = new Set<string>();
    for (const [index, [start, end]] of pieces.entries()) {
      if ((found[index] ?? []).length > 0) await TURNS.take();
      for (const word of nameWordsOf(text.slice(start, end), found[index] ?? [])) names.add(word);
    }
    const entities: Entity[] = [];
    for (let index = 0; index < pieces.length; index += 1) {
      const [start, end] = pieces[index] as [number, number];
      const own = found[index] ?? [];
      if (names.size > 0) await TURNS.take();
      const more = budget.spend(() => mentionsOf(text.slice(start, end), names, own));
      for (const entity of [...own, ...more]) entities.push(shift(entity, start));
    }
    entities.sort((a, b) => a.start - b.start);
    return { dataClass: classOf(entities), entities, organisations };
  }

  /** Adds what the external recognizer finds where Beffroi found nothing. */
  async #withExternal(text: string, purpose: ScanPurpose, result: ScanResult): Promise<ScanResult> {
    const external = this.options.external as ExternalRecognizerSettings;
    const found = await externalFindings(external, text);
    const taken = [...result.entities, ...result.organisations];
    const added = found.filter(
      (entity) => !taken.some((other) => entity.start < other.end && other.start < entity.end),
    );
    if (added.length === 0) return result;
    const entities = [
      ...result.entities,
      ...added.map((entity) =>
        purpose === "documents" ? entity : { ...entity, certainty: "possible" as const },
      ),
    ].sort((a, b) => a.start - b.start);
    return { ...result, entities, dataClass: classOf(entities) };
  }

  /** The guard stage's port: the class, and each entity's type and position, never the values. */
  finding = async (text: string): Promise<GuardFinding> => {
    const { dataClass, entities } = await this.scan(text, "egress");
    return { dataClass, spans: entities.map(spanOf) };
  };

  /**
   * The port for a knowledge base's passage on its way to a model: its class
   * read as a document's (a public sheet's service number does not make the
   * turn personal, as it did not quarantine the sheet), and everything the
   * way out finds masked all the same, as possible where the document reading
   * is not sure of it.
   */
  passageFinding = async (text: string): Promise<GuardFinding> => {
    const egress = await this.scan(text, "egress");
    if (egress.entities.length === 0) return { dataClass: "public", spans: [] };
    const document = await this.scan(text, "documents");
    const sureByType = new Map<string, SpanIndex<Entity>>();
    const sure = (entity: Entity) => {
      let index = sureByType.get(entity.type);
      if (!index) {
        index = new SpanIndex(document.entities.filter((other) => other.type === entity.type));
        sureByType.set(entity.type, index);
      }
      return index.overlaps(entity);
    };
    return {
      dataClass: document.dataClass,
      spans: egress.entities.map((entity) =>
        spanOf(sure(entity) ? entity : { ...entity, certainty: "possible" }),
      ),
    };
  };
}

/** A finding as the pipeline keeps it: type, position, rule and certainty, never the value. */
const spanOf = ({ type, start, end, rule, certainty }: Entity): FoundSpan => ({
  type,
  start,
  end,
  rule,
  ...(certainty && { certainty }),
});

/**
 * The time a scan may spend scanning: its own work only, counted piece by
 * piece, not the time other requests take while it gives the event loop
 * back (under load, a wall-clock budget would block turns for others' work).
 */
class Budget {
  #spent = 0;
  constructor(private readonly limitMs: number) {}

  /** Runs one synchronous step, counts its time, and stops the scan once over budget. */
  spend<T>(step: () => T): T {
    const started = performance.now();
    const result = step();
    this.#spent += performance.now() - started;
    if (this.#spent > this.limitMs) throw new AppError("guard_timeout");
    return result;
  }
}

const shift = <T extends { start: number; end: number }>(span: T, by: number): T => ({
  ...span,
  start: span.start + by,
  end: span.end + by,
});

/** `[start, end)` pieces of about {@link PIECE} characters, cut after a line break when there is one. */
export function piecesOf(text: string): [number, number][] {
  const pieces: [number, number][] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + PIECE);
    if (end < text.length) {
      const paragraph = text.lastIndexOf("\n\n", end);
      const line = text.lastIndexOf("\n", end);
      const space = text.lastIndexOf(" ", end);
      const cut = [paragraph + 2, line + 1, space + 1].find((at) => at > start + PIECE / 2);
      if (cut !== undefined) end = cut;
    }
    pieces.push([start, end]);
    start = end;
  }
  return pieces;
}
