import { match } from "../../router";
import { NotFound } from "../forbidden";
import { CampaignPage } from "./campaign-page";
import { CampaignsPage } from "./campaigns-page";
import { RankingPage } from "./ranking-page";
import { VotePage } from "./vote-page";
import "./arena.css";

/**
 * The LLM battles: `/comparaisons` (my campaigns, a new one),
 * `/comparaisons/:id` (a campaign, its test cases), `/comparaisons/:id/voter`
 * (the blind vote) and `/comparaisons/:id/classement` (the ranking).
 */
export default function ArenaArea(props: { path: string }) {
  const { path } = props;
  if (match("/comparaisons", path)) return <CampaignsPage />;
  const vote = match("/comparaisons/:id/voter", path);
  if (vote?.id) return <VotePage key={vote.id} id={vote.id} />;
  const ranking = match("/comparaisons/:id/classement", path);
  if (ranking?.id) return <RankingPage key={ranking.id} id={ranking.id} />;
  const one = match("/comparaisons/:id", path);
  if (one?.id) return <CampaignPage key={one.id} id={one.id} />;
  return <NotFound />;
}
