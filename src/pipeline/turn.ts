import type { Principal } from "../identity/index.js";
import type { Decision, StageName } from "./decision.js";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** How the caller proved who they are; `identify` turns it into a principal. */
export type Credential =
  | { kind: "session"; token: string }
  | { kind: "api-key"; token: string }
  /** Already authenticated by the HTTP gate or the local CLI. */
  | { kind: "principal"; principal: Principal };

/** What the ground stage found for the question, in the knowledge bases the principal may read. */
export interface Grounding {
  knowledgeBaseIds: string[];
  /** Passages, best first, with what a citation needs. */
  passages: GroundingPassage[];
  /** Share of the question the best passage covers (0 to 1). */
  confidence: number;
  /** Nothing relevant enough: the answer must say so and not invent one. */
  abstained: boolean;
}

/** Where a passage comes from: what a citation shows and links to. */
export interface PassageSource {
  passageId: string;
  documentId: string;
  knowledgeBaseId: string;
  knowledgeBaseName: string;
  fileName: string;
  title: string;
  section: string;
  page: number | null;
}

export interface GroundingPassage extends PassageSource {
  score: number;
  text: string;
}

export interface TurnCitation extends PassageSource {
  number: number;
  url: string;
}

/** What the generate stage produced. */
export interface TurnOutput {
  text: string;
  mode: "extractive";
  citations: TurnCitation[];
  abstained: boolean;
}

/**
 * One request walking the pipeline. Stages read it, add what they learn and
 * append their decisions; none calls the next.
 */
export interface Turn {
  id: string;
  startedAt: string;
  credential: Credential;
  principal?: Principal;
  input: { assistantId?: string; messages: ChatMessage[]; knowledgeBaseIds?: string[] };
  grounding?: Grounding;
  output?: TurnOutput;
  decisions: Decision[];
  status: "walking" | "completed" | "denied" | "failed";
  /** The stage that ended the walk early, if any. */
  stoppedAt?: StageName;
}
