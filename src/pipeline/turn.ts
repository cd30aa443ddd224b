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

/**
 * One request walking the pipeline. Stages read it, add what they learn and
 * append their decisions; none calls the next.
 */
export interface Turn {
  id: string;
  startedAt: string;
  credential: Credential;
  principal?: Principal;
  input: { assistantId?: string; messages: ChatMessage[] };
  decisions: Decision[];
  status: "walking" | "completed" | "denied" | "failed";
  /** The stage that ended the walk early, if any. */
  stoppedAt?: StageName;
}
