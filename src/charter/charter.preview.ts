import { hasMessage, type MessageKey, t } from "../i18n/index.js";
import { readYaml, type YamlProblem } from "../shared/yaml-problems.js";
import { type Charter, CharterSchema, completeMatrix } from "./charter.schema.js";

/** A problem in a charter's YAML, where it is (1-based line and column). */
export type CharterProblem = YamlProblem;

/** A section of the charter's rules, in plain French. */
export interface CharterRuleSection {
  title: string;
  sentences: string[];
}

export type CharterPreview =
  | { valid: true; errors: []; rules: CharterRuleSection[] }
  | { valid: false; errors: CharterProblem[]; rules: [] };

/**
 * Reads a charter's YAML as the editor needs it: every syntax or schema
 * problem with its line and column, in French; or, when it is valid, its
 * rules in plain French (what an agent and a DPO would read).
 */
export function previewCharter(yaml: string): CharterPreview {
  const reading = readYaml(yaml, CharterSchema);
  if (!reading.valid) return { valid: false, errors: reading.errors, rules: [] };
  return { valid: true, errors: [], rules: charterRules(reading.data) };
}

const numbers = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });
const DATA = ["public", "personal", "sensitive"] as const;
const HOSTS = ["local", "sovereign", "extraterritorial"] as const;

function categoryName(category: string): string {
  const key = `charter.rules.category.${category}`;
  return hasMessage(key) ? t(key) : category;
}

function matrixSentences(
  matrix: ReturnType<typeof completeMatrix>,
  only?: ReturnType<typeof completeMatrix>,
) {
  return DATA.flatMap((data) =>
    HOSTS.filter((host) => !only || only[data][host] !== matrix[data][host]).map((host) =>
      t("charter.rules.matrix", {
        data: t(`charter.rules.data.${data}`),
        host: t(`charter.rules.host.${host}`),
        action: t(`charter.rules.action.${matrix[data][host]}`),
      }),
    ),
  );
}

function quotaSentence(scope: "agent" | "direction", limits: Charter["quotas"]["agent"]) {
  if (!limits) return [];
  const parts = (["requests", "tokens", "wh", "gco2e"] as const)
    .filter((metric) => limits[metric] !== undefined)
    .map((metric) =>
      t(`charter.rules.quota.${metric}` as MessageKey, {
        limit: numbers.format(limits[metric] as number),
      }),
    );
  return parts.length === 0
    ? []
    : [t(`charter.rules.quota.${scope}`, { limits: parts.join(", ") })];
}

/** A valid charter's rules, section by section, in plain French. */
export function charterRules(charter: Charter): CharterRuleSection[] {
  const matrix = completeMatrix(charter.dataMatrix);
  const sections: CharterRuleSection[] = [
    {
      title: t("charter.rules.title.audience"),
      sentences: [
        t(charter.audiences.citizens ? "charter.rules.citizens.yes" : "charter.rules.citizens.no"),
        charter.forbiddenCategories.length === 0
          ? t("charter.rules.forbidden.none")
          : t("charter.rules.forbidden", {
              categories: charter.forbiddenCategories.map(categoryName).join(", "),
            }),
        !charter.toolUse.allowed
          ? t("charter.rules.tools.no")
          : charter.toolUse.forbiddenAssistants.length > 0
            ? t("charter.rules.tools.except", {
                count: charter.toolUse.forbiddenAssistants.length,
              })
            : t("charter.rules.tools.yes"),
      ],
    },
    { title: t("charter.rules.title.data"), sentences: matrixSentences(matrix) },
  ];
  if (charter.pilot) {
    const pilot = completeMatrix(charter.pilot.dataMatrix, matrix);
    const members = [
      ...charter.pilot.directions.map((path) => t("charter.rules.pilot.direction", { path })),
      ...charter.pilot.users,
    ];
    const differences = matrixSentences(pilot, matrix);
    sections.push({
      title: t("charter.rules.title.pilot"),
      sentences: [
        members.length === 0
          ? t("charter.rules.pilot.empty")
          : t("charter.rules.pilot.members", { members: members.join(", ") }),
        ...(differences.length === 0 ? [t("charter.rules.pilot.same")] : differences),
      ],
    });
  }
  const quotas = [
    ...quotaSentence("agent", charter.quotas.agent),
    ...quotaSentence("direction", charter.quotas.direction),
  ];
  sections.push({
    title: t("charter.rules.title.quotas"),
    sentences:
      quotas.length === 0
        ? [t("charter.rules.quota.none")]
        : [...quotas, t(`charter.rules.quota.on.${charter.quotas.onExceed}`)],
  });
  const { sobriety, humanValidation, retention } = charter;
  sections.push(
    {
      title: t("charter.rules.title.sobriety"),
      sentences: [
        t(
          sobriety.preferSmallestModel ? "charter.rules.smallest.yes" : "charter.rules.smallest.no",
        ),
        sobriety.offerPassagesFirst
          ? t("charter.rules.passages.yes", {
              confidence: numbers.format(sobriety.passagesFirstConfidence * 100),
            })
          : t("charter.rules.passages.no"),
      ],
    },
    {
      title: t("charter.rules.title.validation"),
      sentences: [
        humanValidation.assistants === "all"
          ? t("charter.rules.validation.all", { label: humanValidation.label })
          : humanValidation.assistants.length === 0
            ? t("charter.rules.validation.none")
            : t("charter.rules.validation.some", {
                assistants: humanValidation.assistants.join(", "),
                label: humanValidation.label,
              }),
      ],
    },
    {
      title: t("charter.rules.title.retention"),
      sentences: [
        t("charter.rules.retention", {
          conversations: numbers.format(retention.conversationsDays),
          journal: numbers.format(retention.journalDays),
        }),
      ],
    },
    {
      title: t("charter.rules.title.disclosure"),
      sentences: [t("charter.rules.disclosure", { disclosure: charter.disclosure })],
    },
  );
  return sections;
}

/** What an agent reads before accepting a new version: how it differs from the one they accepted. */
export interface CharterDifferences {
  /** Rules of the new version that the former did not say, by section. */
  added: CharterRuleSection[];
  /** Rules of the former version that the new one no longer says, by section. */
  removed: CharterRuleSection[];
  principlesChanged: boolean;
  disclosureChanged: boolean;
}

/**
 * Two versions compared as an agent reads them: their rules in plain French
 * (`charterRules`), sentence by sentence within each section (a changed rule
 * is a sentence removed and one added), and whether the principles or the AI
 * notice were rewritten.
 */
export function charterDifferences(before: Charter, after: Charter): CharterDifferences {
  const sentencesBy = (sections: CharterRuleSection[]) =>
    new Map(sections.map((section) => [section.title, new Set(section.sentences)]));
  const beforeRules = charterRules(before);
  const afterRules = charterRules(after);
  const was = sentencesBy(beforeRules);
  const is = sentencesBy(afterRules);
  const only = (sections: CharterRuleSection[], other: Map<string, Set<string>>) =>
    sections
      .map((section) => ({
        title: section.title,
        sentences: section.sentences.filter((sentence) => !other.get(section.title)?.has(sentence)),
      }))
      .filter((section) => section.sentences.length > 0);
  return {
    added: only(afterRules, was),
    removed: only(beforeRules, is),
    principlesChanged: before.principles.trim() !== after.principles.trim(),
    disclosureChanged: (before.disclosure ?? "").trim() !== (after.disclosure ?? "").trim(),
  };
}
