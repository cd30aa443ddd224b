import type { DataClass } from "../../guard/index.js";
import { typeLabel } from "../../guard/index.js";
import { sovereigntyName, t } from "../../i18n/index.js";
import { appError } from "../../shared/errors.js";
import { groundingOf } from "../grounding.js";
import type { Stage } from "../pipeline.js";
import type { ModelParameter, RouteCandidate, SovereigntyClass, Turn } from "../turn.js";
import { ATTACHMENTS_POSITION } from "./attachments.stage.js";
import { TOOLS_POSITION } from "./guard.stage.js";

export interface RouteResult {
  dataClass: DataClass;
  /** Hosting classes the rules allow for this data (some perhaps only with pseudonyms). */
  allowed: SovereigntyClass[];
  candidates: RouteCandidate[];
  /**
   * Models left out, and why (a sentence in French); `blocked` when the charter
   * forbids the data there, `unavailable` when their provider is down.
   */
  skipped: {
    ref: string;
    reason: string;
    blocked?: boolean;
    unavailable?: boolean;
    /** A parameter the request sets and this model does not take. */
    parameter?: ModelParameter;
    /** Hosted less sovereignly than the assistant allows (a use case's `sovereignty`). */
    sovereignty?: boolean;
  }[];
}

/** Chooses, in order, the models this turn may use. */
export type Route = (turn: Turn) => Promise<RouteResult>;

/** At most this many positions are listed per type; the rest are counted. */
const LISTED = 6;

/**
 * What the guard found, for the agent: each type once, with where (the
 * message being sent, where the page highlights it; an earlier message of
 * the conversation; the documents retrieved), never the values themselves.
 */
export function describeFindings(turn: Turn): string {
  const last = turn.input.messages.length - 1;
  const groups = new Map<string, string[]>();
  for (const span of turn.personalData ?? []) {
    const where =
      span.message === -1
        ? t("guard.position.passage")
        : span.message === TOOLS_POSITION
          ? t("guard.position.tools")
          : span.message === ATTACHMENTS_POSITION
            ? t("guard.position.attachment")
            : span.message === last
              ? t("guard.position.here")
              : t("guard.position.earlier");
    const positions = groups.get(span.type) ?? [];
    if (!positions.includes(where)) positions.push(where);
    groups.set(span.type, positions);
  }
  return [...groups]
    .map(([type, positions]) =>
      t("guard.position.type", {
        type: typeLabel(type),
        positions:
          positions.slice(0, LISTED).join(", ") +
          (positions.length > LISTED ? `, + ${positions.length - LISTED}` : ""),
      }),
    )
    .join(" ; ");
}

/**
 * The charter's sobriety rule: when retrieval alone answers well (the
 * assistant searched bases and the best passage covers enough of the
 * question), the agent gets the cited passages first, unless they asked for
 * a generated answer or named a model.
 */
function passagesFirst(turn: Turn): boolean {
  const sobriety = turn.charter?.sobriety;
  const grounding = turn.grounding;
  return (
    sobriety?.offerPassagesFirst === true &&
    turn.input.generate !== true &&
    turn.input.model === undefined &&
    // Documents the agent attached are what the question is about: not the bases' passages.
    (turn.input.attachments?.length ?? 0) === 0 &&
    grounding !== undefined &&
    grounding.knowledgeBaseIds.length > 0 &&
    !grounding.abstained &&
    grounding.passages.length > 0 &&
    grounding.confidence >= sobriety.passagesFirstConfidence
  );
}

/**
 * route: the models the turn may use, most preferred first, among those
 * whose hosting class the charter's matrix allows for the turn's data and
 * whose provider is up; those allowed only with pseudonyms are marked so.
 * When the matrix leaves no model at all, the turn is refused with what
 * was found and what the agent can do. With no model registered, the answer
 * is extractive (quoted sources, no model); so it is when a quota the
 * charter degrades was reached, or when the charter's sobriety offers the
 * passages first and retrieval answers well enough. An assistant that
 * answers only from its bases (`required`) keeps no model when retrieval
 * abstained: the answer is the abstention, whichever bases it searched.
 */
export function routeStage(route: Route): Stage {
  return async (turn, { decide }) => {
    const ignored = turn.input.ignoredParameters ?? [];
    if (ignored.length > 0) {
      decide(
        "route.ignored-parameters",
        "note",
        t("route.ignored_parameters", { parameters: ignored.join(", ") }),
      );
    }
    // Quoted passages stand for a model only where the caller agreed (the page; /v1 when asked).
    const quotedAgreed = turn.input.extractiveFallback !== false;
    if (turn.quota?.degraded && !quotedAgreed) throw appError("quota_degraded");
    if (turn.quota?.degraded) {
      turn.route = { candidates: [] };
      decide("route.quota-degraded", "note", t("route.quota_degraded"));
      return;
    }
    if (quotedAgreed && passagesFirst(turn)) {
      turn.route = { candidates: [] };
      decide(
        "route.passages-first",
        "note",
        t("route.passages_first", {
          coverage: Math.round((turn.grounding?.confidence ?? 0) * 100),
        }),
      );
      return;
    }
    const result = await route(turn);
    turn.dataClass = result.dataClass;
    const unavailable = result.skipped.filter((skipped) => skipped.unavailable);
    turn.route = {
      candidates: result.candidates,
      ...(unavailable.length > 0 && { unavailable: unavailable.map((skipped) => skipped.ref) }),
    };
    decide(
      "route.data-class",
      "note",
      t("route.data_class", {
        dataClass: t(`route.data_class.${result.dataClass}`),
        allowed: result.allowed.map(sovereigntyName).join(", ") || t("route.none_allowed"),
      }),
    );
    for (const { ref, reason } of result.skipped) {
      decide("route.skipped", "note", t("route.skipped", { ref, reason }));
    }
    const blocked = result.skipped.filter((skipped) => skipped.blocked);
    if (result.candidates.length === 0 && blocked.length > 0) {
      decide(
        "route.blocked",
        "deny",
        t("route.blocked", {
          dataClass: t(`route.data_class.${result.dataClass}`),
          found: describeFindings(turn),
          models: blocked.map((skipped) => skipped.ref).join(", "),
        }),
      );
      return;
    }
    // A setting no usable model takes is the request's to change: said as such, not as a failure.
    const untaken = result.skipped.find((skipped) => skipped.parameter);
    if (result.candidates.length === 0 && untaken?.parameter) {
      throw appError("parameter_not_supported", {
        parameter: untaken.parameter,
        models: result.skipped
          .filter((skipped) => skipped.parameter)
          .map((skipped) => skipped.ref)
          .join(", "),
      });
    }
    if (groundingOf(turn.assistant) === "required" && turn.grounding?.abstained) {
      turn.route = { candidates: [] };
      decide("route.grounding-required", "note", t("route.grounding_required"));
      return;
    }
    const masked = result.candidates.filter((candidate) => candidate.pseudonymise);
    if (masked.length > 0) {
      decide(
        "route.pseudonymise",
        "transform",
        t("route.pseudonymise", {
          models: masked.map((c) => `${c.ref} (${sovereigntyName(c.sovereignty)})`).join(", "),
        }),
      );
    }
    if (result.candidates.length > 0) {
      decide(
        "route.candidates",
        "allow",
        t("route.candidates", {
          candidates: result.candidates
            .map((c) => `${c.ref} (${sovereigntyName(c.sovereignty)})`)
            .join(", "),
        }),
      );
    } else if (turn.assistant?.sovereignty && result.skipped.some((s) => s.sovereignty)) {
      decide(
        "route.sovereignty",
        "note",
        t("route.sovereignty_none", { sovereignty: sovereigntyName(turn.assistant.sovereignty) }),
      );
    } else {
      decide("route.extractive", "note", t("route.extractive"));
    }
  };
}
