import { describeTypes, type ScanPort } from "../../guard/index.js";
import { t } from "../../i18n/index.js";
import type { Stage } from "../pipeline.js";

/** Types an answer may legitimately hold without naming anyone (article-9 words, a device's address). */
const NOT_IDENTIFYING = new Set(["SENSITIVE", "IP"]);

const flat = (text: string) => text.toLowerCase().replace(/[\s.\-–]+/g, "");

/**
 * restore: the answer has been restored for the agent's eyes while it was
 * written (the generator puts values back in place of placeholders); here
 * the conversation keeps its new pseudonyms (encrypted) for its next turns,
 * and the answer is scanned: personal data in it that was neither in the
 * messages nor in the passages it was given is reported, by type.
 */
export function restoreStage(scan: ScanPort): Stage {
  return async (turn, { decide }) => {
    await turn.pseudonyms?.keep();
    const output = turn.output;
    if (output?.mode !== "model" || output.text.length === 0) return;
    const given = flat(
      [
        ...turn.input.messages.map((message) => message.content),
        ...(turn.grounding?.passages ?? []).map((passage) => passage.text),
      ].join("\n"),
    );
    const fresh = (await scan(output.text)).spans.filter(
      (span) =>
        !NOT_IDENTIFYING.has(span.type) &&
        !given.includes(flat(output.text.slice(span.start, span.end))),
    );
    if (fresh.length > 0) {
      decide(
        "restore.new-personal-data",
        "note",
        t("restore.new_personal_data", { summary: describeTypes(fresh) }),
      );
    } else decide("restore.clean", "allow", t("restore.clean"));
  };
}
