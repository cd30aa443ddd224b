import type { ChatMessage, Grounding, TurnCitation } from "../pipeline/index.js";
import { citationOf } from "./answer.js";

/** Passages given to a model, at most, and their characters in all. */
const MAX_PASSAGES = 6;
const MAX_CHARACTERS = 12_000;

/** The passages a model is shown, numbered from 1 as its citations will be. */
export function promptPassages(grounding: Grounding | undefined) {
  if (!grounding || grounding.abstained) return [];
  const shown = [];
  let characters = 0;
  for (const passage of grounding.passages.slice(0, MAX_PASSAGES)) {
    if (shown.length > 0 && characters + passage.text.length > MAX_CHARACTERS) break;
    shown.push(passage);
    characters += passage.text.length;
  }
  return shown;
}

/**
 * The messages sent to a model: the assistant's instructions, then the
 * passages found (numbered, with where they come from) and the rule to
 * answer from them only and cite them, then the conversation.
 */
export function groundedMessages(
  instructions: string,
  grounding: Grounding | undefined,
  conversation: ChatMessage[],
): ChatMessage[] {
  const passages = promptPassages(grounding);
  // One system message (several, or one not first, trip many chat templates): the assistant's
  // instructions, the caller's own system messages, then the sources.
  const parts = [
    instructions.trim(),
    ...conversation.filter((m) => m.role === "system").map((m) => m.content.trim()),
  ].filter(Boolean);
  if (passages.length > 0) {
    parts.push(
      [
        "Sources (extraits vérifiés des bases de connaissances de la collectivité) :",
        ...passages.map((passage, index) => {
          const where = [
            passage.title,
            passage.section || null,
            passage.page ? `p. ${passage.page}` : null,
          ]
            .filter(Boolean)
            .join(" — ");
          return `[${index + 1}] ${where}\n${passage.text}`;
        }),
        "Réponds à partir de ces sources uniquement et cite chaque information par le numéro de sa source entre crochets, par exemple [1]. Si elles ne permettent pas de répondre, dis-le simplement.",
      ].join("\n\n"),
    );
  } else if (grounding && grounding.knowledgeBaseIds.length > 0) {
    parts.push(
      "Aucune source pertinente n'a été trouvée dans les bases de connaissances de la collectivité. Si la question porte sur une règle, un tarif ou une démarche de la collectivité, dis que tu ne l'as pas trouvée au lieu de répondre de mémoire.",
    );
  }
  const rest = conversation.filter((message) => message.role !== "system");
  return parts.length > 0 ? [{ role: "system", content: parts.join("\n\n") }, ...rest] : rest;
}

/** The passages the model's text cites by number ([1], [2]…), in number order. */
export function citedPassages(text: string, grounding: Grounding | undefined): TurnCitation[] {
  const passages = promptPassages(grounding);
  const cited = new Set([...text.matchAll(/\[(\d{1,2})\]/g)].map((match) => Number(match[1])));
  return passages.flatMap((passage, index) =>
    cited.has(index + 1) ? [citationOf(passage, index + 1)] : [],
  );
}
