import {
  type DataClass,
  describePossible,
  describeTypes,
  type OpenPseudonyms,
  type ScanPort,
  stricterClass,
} from "../../guard/index.js";
import { t } from "../../i18n/index.js";
import type { Stage } from "../pipeline.js";
import type { PersonalDataSpan } from "../turn.js";
import { ATTACHMENTS_POSITION, attachmentText } from "./attachments.stage.js";

/** Where findings in the caller's tool definitions are placed (`PersonalDataSpan.message`). */
export const TOOLS_POSITION = -2;

/**
 * guard: finds personal and sensitive data in every message of the turn,
 * records where (types and positions, never values) and classifies the turn
 * (`public`, `personal`, `sensitive`); the route stage then applies the
 * charter's matrix for that class. A turn holding personal data gets its
 * pseudonyms (the conversation's), should a model need them replaced. A
 * scan that fails blocks the turn (the pipeline records `guard.failed` and
 * stops): never pass what could not be checked.
 */
export function guardStage(scan: ScanPort, openPseudonyms?: OpenPseudonyms): Stage {
  return async (turn, { decide }) => {
    let dataClass: DataClass = "public";
    const spans: PersonalDataSpan[] = [];
    // Every text the caller sends: messages, the arguments of tool calls, the tools' definitions,
    // the documents attached to the messages.
    const texts: { message: number; attachment?: number; text: string }[] =
      turn.input.messages.flatMap((message, index) => [
        { message: index, text: message.content },
        ...(message.toolCalls ?? []).map((call) => ({ message: index, text: call.arguments })),
      ]);
    if (turn.input.tools?.length) {
      texts.push({ message: TOOLS_POSITION, text: JSON.stringify(turn.input.tools) });
    }
    (turn.input.attachments ?? []).forEach((attachment, index) => {
      texts.push({
        message: ATTACHMENTS_POSITION,
        attachment: index,
        text: attachmentText(attachment),
      });
    });
    for (const { message, attachment, text } of texts) {
      const finding = await scan(text);
      dataClass = stricterClass(dataClass, finding.dataClass);
      for (const span of finding.spans) {
        spans.push({ message, ...(attachment !== undefined && { attachment }), ...span });
      }
    }
    turn.dataClass = dataClass;
    turn.personalData = spans;
    if (spans.length === 0) {
      decide("guard.clean", "allow", t("guard.clean"));
      return;
    }
    const certain = spans.filter((span) => span.certainty !== "possible");
    const possible = spans.filter((span) => span.certainty === "possible");
    if (certain.length > 0) {
      decide(
        "guard.found",
        "note",
        t("guard.found", {
          summary: describeTypes(certain),
          dataClass: t(`route.data_class.${dataClass}`),
        }),
      );
    }
    if (possible.length > 0) {
      decide(
        "guard.possible",
        "note",
        t("guard.possible", { summary: describePossible(possible) }),
      );
    }
    if (openPseudonyms) turn.pseudonyms = await openPseudonyms(turn.conversationId);
  };
}
