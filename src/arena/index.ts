export { CHOICES, PAIR_MODES, TAGS } from "./arena.schema.js";
export type { ArenaService, CampaignView, RankingView } from "./arena.service.js";
export {
  type ArenaVote,
  fitBradleyTerry,
  mulberry32,
  type Ranking,
  rankContenders,
} from "./bradley-terry.js";
export { type Verdict, verdictOf } from "./verdict.js";
