import { z } from "zod";

/** How the next pair is chosen for a member. */
export const PAIR_MODES = ["random", "uncertainty", "size"] as const;
export type PairMode = (typeof PAIR_MODES)[number];

/** A vote: A better, B better, or a tie (both good, both bad). */
export const CHOICES = ["a", "b", "both-good", "both-bad"] as const;
export type Choice = (typeof CHOICES)[number];

/** Why an answer was preferred (or both judged good or bad). */
export const TAGS = ["exact", "complete", "clear", "tone", "concise", "usable"] as const;
export type Tag = (typeof TAGS)[number];

/** The data a campaign's test cases may hold: the charter's classes. */
export const CAMPAIGN_DATA_CLASSES = ["public", "personal", "sensitive"] as const;

const id = z.string().min(1).max(100);

export const CampaignInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  /** The use case compared on, or (`assistantId`) an assistant: one of the two. */
  useCaseId: id.optional(),
  assistantId: id.optional(),
  /** The models in the ring (`PROVIDER/MODEL`); the use case's result without AI joins by right. */
  models: z.array(id).min(1),
  /** The class of data its test cases may hold: only models the charter allows for it. */
  dataClass: z.enum(CAMPAIGN_DATA_CLASSES).default("public"),
  pairMode: z.enum(PAIR_MODES).default("random"),
  /** The members who vote, by e-mail (the creator votes too). */
  members: z.array(z.email().max(320)).max(500).default([]),
  directionId: id.nullable().optional(),
  /** Whether the open data export carries the test cases' text. */
  publishCases: z.boolean().default(false),
  seed: z.int().min(0).max(2_147_483_647).optional(),
});
export type CampaignInput = z.infer<typeof CampaignInput>;

export const CaseInput = z.strictObject({
  /** A short title the voters see above the case. */
  title: z.string().trim().min(1).max(200),
  /** The use case's form values, one per field id. */
  values: z.record(z.string(), z.unknown()),
});
export type CaseInput = z.infer<typeof CaseInput>;

export const VoteInput = z.strictObject({
  choice: z.enum(CHOICES),
  /** Each tag once (repeats are dropped). */
  tags: z.array(z.enum(TAGS)).default([]),
  comment: z.string().trim().max(2000).optional(),
  /** Minutes the preferred answer would save, as the voter estimates them. */
  minutesSaved: z.int().min(0).max(600).optional(),
});
export type VoteInput = z.infer<typeof VoteInput>;
