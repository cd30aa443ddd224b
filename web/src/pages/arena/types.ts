import type { ResponseOf } from "../../api/client";

/** The comparisons area's names for the generated types of the API's answers. */
export type Campaign = ResponseOf<"GET /api/arena/campaigns/:id">;
export type Match = ResponseOf<"POST /api/arena/campaigns/:id/next">;
export type Reveal = ResponseOf<"POST /api/arena/matches/:id/vote">;
export type Ranking = ResponseOf<"GET /api/arena/campaigns/:id/ranking">;
export type UseCaseForm = ResponseOf<"GET /api/usecase-forms">[number];
export type Choice = Reveal["choice"];
export type Tag = NonNullable<Ranking["tag"]>;
export type DataClass = Campaign["dataClass"];
export type PairMode = Campaign["pairMode"];

export const CHOICES: readonly Choice[] = ["a", "b", "both-good", "both-bad"];
export const TAGS: readonly Tag[] = ["exact", "complete", "clear", "tone", "concise", "usable"];
export const DATA_CLASSES: readonly DataClass[] = ["public", "personal", "sensitive"];
export const PAIR_MODES: readonly PairMode[] = ["random", "uncertainty", "size"];

/** What a campaign compares on, as the page says it: its use case, or its assistant. */
export const subjectName = (campaign: Campaign) =>
  campaign.useCaseName ??
  campaign.assistantName ??
  campaign.useCaseId ??
  campaign.assistantId ??
  "";

/** A campaign's address in the page, and its vote and ranking pages. */
export const campaignPath = (id: string, page: "" | "voter" | "classement" = "") =>
  `/comparaisons/${encodeURIComponent(id)}${page && `/${page}`}`;
