import {
  describeTypes,
  type OpenPseudonyms,
  type ScanPort,
  stricterClass,
} from "../../guard/index.js";
import { t } from "../../i18n/index.js";
import type { Principal } from "../../identity/index.js";
import { groundingOf } from "../grounding.js";
import type { Stage } from "../pipeline.js";
import type { Grounding } from "../turn.js";

/** Finds passages for a question in the bases the principal may read (and only those). */
export type Retrieve = (
  principal: Principal,
  question: string,
  knowledgeBaseIds?: string[],
) => Promise<Grounding>;

/** The question a turn asks: its last user message. */
export const questionOf = (messages: { role: string; content: string }[]): string =>
  [...messages].reverse().find((message) => message.role === "user")?.content ?? "";

/**
 * ground: retrieve passages from the knowledge bases the principal may read,
 * as the assistant's grounding mode says. `required`: when nothing supports
 * an answer, record the abstention so that generate says so instead of
 * inventing one. `preferred`: when nothing does, keep no passage and mark
 * the grounding `ungrounded`, so that the model answers alone and the
 * answer carries a notice. `off`: search nothing, say nothing. With the
 * guard's ports, the passages kept are scanned too: personal data in them
 * raises the turn's class, so that the route stage applies the charter to
 * what the model would read.
 */
export function groundStage(
  retrieve: Retrieve,
  guard?: { scan: ScanPort; openPseudonyms?: OpenPseudonyms },
): Stage {
  return async (turn, { decide }) => {
    if (!turn.principal) return;
    const mode = groundingOf(turn.assistant);
    if (mode === "off") return;
    const bound = turn.assistant?.knowledgeBases ?? "all";
    if (bound !== "all" && bound.length === 0) {
      decide("knowledge.none", "note", t("ground.none", { assistant: turn.assistant?.name ?? "" }));
      return;
    }
    const asked = turn.input.knowledgeBaseIds;
    const bases =
      bound === "all" ? asked : asked ? bound.filter((id) => asked.includes(id)) : bound;
    const found = await retrieve(turn.principal, questionOf(turn.input.messages), bases);
    // Passages too weak to answer from are of no use to a model answering alone: none is kept.
    const grounding =
      mode === "preferred" && found.abstained
        ? { ...found, passages: [], abstained: false, ungrounded: true }
        : found;
    turn.grounding = grounding;
    if (guard && grounding.passages.length > 0) {
      const before = turn.dataClass ?? "public";
      let dataClass = before;
      const spans: { type: string }[] = [];
      const findings = turn.personalData ?? [];
      turn.personalData = findings;
      for (const passage of grounding.passages) {
        const finding = await guard.scan(passage.text);
        dataClass = stricterClass(dataClass, finding.dataClass);
        for (const span of finding.spans) {
          spans.push(span);
          findings.push({ message: -1, ...span });
        }
      }
      if (dataClass !== before) {
        turn.dataClass = dataClass;
        decide(
          "ground.personal-data",
          "note",
          t("ground.personal_data", {
            summary: describeTypes(spans),
            dataClass: t(`route.data_class.${dataClass}`),
          }),
        );
      }
      // Possible findings are masked too, whatever the class: the pseudonyms must be there.
      if (spans.length > 0 && !turn.pseudonyms && guard.openPseudonyms) {
        turn.pseudonyms = await guard.openPseudonyms(turn.conversationId);
      }
    }
    if (grounding.knowledgeBaseIds.length === 0) {
      decide("knowledge.no-base", "note", t("ground.no_base"));
    } else if (grounding.ungrounded) {
      decide(
        "knowledge.ungrounded",
        "note",
        t("ground.ungrounded", { coverage: Math.round(grounding.confidence * 100) }),
      );
    } else if (grounding.abstained) {
      decide(
        "knowledge.abstain",
        "note",
        t("ground.abstain", { coverage: Math.round(grounding.confidence * 100) }),
      );
    } else {
      const documents = new Set(grounding.passages.map((passage) => passage.documentId)).size;
      decide(
        "knowledge.grounded",
        "allow",
        t("ground.grounded", {
          passages: grounding.passages.length,
          documents,
          coverage: Math.round(grounding.confidence * 100),
        }),
      );
    }
  };
}
