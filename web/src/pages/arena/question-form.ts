import { ta } from "./i18n";
import type { Campaign, UseCaseForm } from "./types";

/**
 * The form of a campaign's test cases: its use case's, or, for a campaign
 * on an assistant, a single question (what the models are asked).
 */
export function caseForm(
  campaign: Campaign | undefined,
  forms: UseCaseForm[] | undefined,
): UseCaseForm | undefined {
  if (!campaign) return undefined;
  if (campaign.assistantId === null) return forms?.find((form) => form.id === campaign.useCaseId);
  return {
    id: `assistant:${campaign.assistantId}`,
    version: 1,
    name: campaign.assistantName ?? "",
    description: "",
    category: "general",
    fields: [
      {
        type: "long-text",
        id: "question",
        label: ta("arena.case.question"),
        help: ta("arena.case.questionHint"),
        required: true,
        personalData: true,
      },
    ],
    checks: [],
    baseline: "search",
    requiresValidation: true,
  };
}
