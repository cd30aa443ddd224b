import { appError } from "../../shared/errors.js";
import { analyseQuestion } from "../analysis/question.js";
import type { Actor, KnowledgeService } from "../knowledge.service.js";
import type { Places, Territory } from "../places/index.js";
import type { RetrievalService } from "../retrieval.service.js";
import type { Locality, Territories } from "../territories.js";
import type { AidsRepository } from "./aids.repository.js";
import { type AidConditions, PLACE_TYPES, StoredConditionsSchema } from "./aids.schema.js";
import { evaluateConditions, type Situation, type SituationPlaces } from "./conditions.js";

/**
 * The aid finder: the aid schemes of a base that fit someone's situation.
 *
 * A question ("j'ai 19 ans, je suis au chômage à Villeurbanne, une aide pour
 * le permis ?") or a short form (age, place, statuses) gives a situation;
 * the question's need finds candidate schemes through the base's search (a
 * form alone takes every scheme of the base); each candidate's structured
 * conditions are checked against the situation (`evaluateConditions`).
 * Schemes a condition excludes are set apart with the reason; the others are
 * ranked by how well they answer the need, those of the asker's territory
 * first, those that fit for sure before those with something to check. A
 * scheme whose conditions name no territory is placed by its institution's
 * name ("Ville de Paris", "CAF du Rhône"), as search places passages.
 *
 * An assistant for agents (reception desk, CCAS, mission locale): it reads
 * the base as the agent may, and answers nothing a citizen can reach alone.
 */
export interface AidRequest {
  /** The question as typed; optional when the form says enough. */
  question?: string;
  age?: number;
  /** A commune, a postal code, a département or a région, as typed. */
  place?: string;
  statuses?: string[];
  /** The CAF's monthly family quotient, in euros. */
  quotientFamilial?: number;
  /** Schemes returned, at most (default 10, at most 50). */
  limit?: number;
}

export interface FoundAid {
  /** The scheme's own id (the aides-jeunes id). */
  id: string;
  documentId: string;
  title: string;
  institution: string;
  amount: number | null;
  unit: string | null;
  periodicity: string | null;
  link: string | null;
  verdict: "eligible" | "possible" | "excluded";
  /** Why it fits: the conditions met, in French. */
  why: string[];
  /** What is left to check: conditions the situation does not settle, conditions written as sentences. */
  toCheck: string[];
  /** Why it does not fit (excluded schemes only). */
  unmet: string[];
  score: number;
}

export interface AidFinding {
  /** The situation as read: what the answer rests on. */
  situation: {
    age?: number;
    statuses: string[];
    place?: Territory;
    /** The form's place as typed, when it names no French territory: said, never guessed. */
    unknownPlace?: string;
  };
  aids: FoundAid[];
  /** Schemes that answer the need but whose conditions exclude the situation, with why. */
  excluded: FoundAid[];
}

/**
 * Passages read from search for a question: deep enough that a national
 * scheme is not crowded out by a hundred local ones on the same subject.
 */
const CANDIDATES = 200;
/** A scheme found by search below this share of the best one's score does not answer the need. */
const MIN_RELEVANCE = 0.2;
/** Schemes of a base read for a form without a question, at most. */
const ALL_SCHEMES = 5_000;
/** Excluded schemes shown apart, at most. */
const EXCLUDED_SHOWN = 5;
/** What a scheme's score is multiplied by, by where it applies (see `Territories`). */
const LOCALITY: Record<Locality, number> = { local: 1.3, everywhere: 1, elsewhere: 0.4 };
/** A scheme whose territory the situation does not settle (see `find`). */
const UNSETTLED = 0.7;
/** The conditions that name territories. */
const PLACE_CONDITIONS: ReadonlySet<string> = new Set(PLACE_TYPES);
/** A scheme that surely fits comes before one with something left to check, all else equal. */
const SURE = 1.1;

export class AidFinder {
  constructor(
    private readonly deps: {
      knowledge: KnowledgeService;
      retrieval: RetrievalService;
      aids: AidsRepository;
      territories: Territories;
      places: () => Places;
    },
  ) {}

  async find(actor: Actor, knowledgeBaseId: string, request: AidRequest): Promise<AidFinding> {
    const { knowledge, retrieval, aids, territories } = this.deps;
    await knowledge.get(actor, knowledgeBaseId);
    const question = request.question?.trim() ?? "";
    if (!question && request.age === undefined && !request.place && !request.statuses?.length) {
      throw appError("aids_find_empty");
    }
    const limit = Math.min(50, Math.max(1, request.limit ?? 10));
    const read = question ? analyseQuestion(question) : undefined;
    const place = request.place ? this.formPlace(request.place) : this.placeOf(question);
    const statuses = [
      ...new Set([...(read?.situation.statuses ?? []), ...(request.statuses ?? [])]),
    ];
    const age = request.age ?? read?.situation.age;
    const situation: Situation = {
      ...(age !== undefined && { age }),
      ...(place && { places: this.hierarchy(place) }),
      ...(request.quotientFamilial !== undefined && {
        quotientFamilial: request.quotientFamilial,
      }),
      statuses,
    };

    // The need: the schemes search finds for the question, by their best passage; a form alone
    // takes them all, equal.
    const relevance = new Map<string, number>();
    if (question) {
      const result = await retrieval.search(actor, question, {
        knowledgeBaseIds: [knowledgeBaseId],
        limit: CANDIDATES,
        // Places are weighed here, from the schemes' conditions.
        reading: { places: false },
      });
      const best = result.hits[0]?.score ?? 1;
      for (const hit of result.hits) {
        // A scheme search barely finds does not answer the need, whatever its conditions.
        if (!relevance.has(hit.documentId) && hit.score >= best * MIN_RELEVANCE) {
          relevance.set(hit.documentId, hit.score / best);
        }
      }
    }
    const rows = question
      ? await aids.byDocuments(knowledgeBaseId, [...relevance.keys()])
      : await aids.ready(knowledgeBaseId, ALL_SCHEMES);

    const found: FoundAid[] = [];
    for (const row of rows) {
      const conditions: AidConditions = StoredConditionsSchema.parse(JSON.parse(row.conditions));
      const evaluation = evaluateConditions(conditions, situation);
      const placed = conditions.general.some((condition) => PLACE_CONDITIONS.has(condition.type));
      const locality: Locality =
        !place || placed
          ? "everywhere"
          : territories.locality(this.territoriesOf(row.institution), [place]);
      const placeChecks = evaluation.checks.filter((check) =>
        PLACE_CONDITIONS.has(check.condition.type),
      );
      // A scheme of the asker's territory by its conditions is local; one whose territory the
      // situation does not settle (a commune's aid, asked from its département) comes after.
      const weight =
        place && placeChecks.some((check) => check.outcome === "met")
          ? LOCALITY.local
          : place && placeChecks.some((check) => check.outcome === "unknown")
            ? UNSETTLED
            : LOCALITY[locality];
      const score =
        (relevance.get(row.document_id) ?? 1) *
        weight *
        (evaluation.verdict === "eligible" ? SURE : 1);
      found.push({
        id: row.scheme_id,
        documentId: row.document_id,
        title: row.document_title ?? row.title,
        institution: row.institution,
        amount: row.amount === null ? null : Number(row.amount),
        unit: row.unit,
        periodicity: row.periodicity,
        link: row.link,
        verdict: evaluation.verdict,
        why: evaluation.checks.filter((c) => c.outcome === "met").map((c) => c.label),
        toCheck: [
          ...evaluation.checks.filter((c) => c.outcome === "unknown").map((c) => c.label),
          ...evaluation.toCheck,
        ],
        unmet: evaluation.checks.flatMap((c) =>
          c.outcome === "unmet" && c.reason ? [c.reason] : [],
        ),
        score,
      });
    }
    found.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    return {
      situation: {
        ...(age !== undefined && { age }),
        statuses,
        ...(place && { place }),
        ...(request.place && !place && { unknownPlace: request.place.trim() }),
      },
      aids: found.filter((aid) => aid.verdict !== "excluded").slice(0, limit),
      excluded: found.filter((aid) => aid.verdict === "excluded").slice(0, EXCLUDED_SHOWN),
    };
  }

  /** The first place a text names, most populous reading: where the asker lives. */
  private placeOf(text: string): Territory | undefined {
    return text ? this.deps.territories.askedFrom(text)[0] : undefined;
  }

  /**
   * The place a form gives: a commune's INSEE code, a département's number,
   * or a name or a postal code read as where the person lives.
   */
  private formPlace(text: string): Territory | undefined {
    const code = text.trim().toUpperCase();
    const places = this.deps.places();
    if (/^(?:\d{5}|2[AB]\d{3})$/.test(code)) {
      const commune = places.byCode("commune", code);
      if (commune) return commune;
    }
    if (/^(?:\d{2,3}|2[AB])$/.test(code)) return places.byCode("departement", code);
    return this.placeOf(`j'habite à ${text}`) ?? this.placeOf(text);
  }

  /** A place and every territory above it, as codes by level, for the conditions. */
  private hierarchy(place: Territory): SituationPlaces {
    const levels: SituationPlaces = {
      communes: [],
      epcis: [],
      departements: [],
      regions: [],
      postcodes: [],
    };
    const key = {
      commune: "communes",
      epci: "epcis",
      departement: "departements",
      region: "regions",
    } as const;
    for (const territory of [place, ...this.deps.places().parents(place)]) {
      levels[key[territory.kind]].push(territory.code);
    }
    return levels;
  }

  private territoriesOf(institution: string): Territory[] {
    return this.deps.territories.askedFrom(institution);
  }
}
