import { t } from "../../i18n/index.js";
import type { Principal } from "../../identity/index.js";
import { type Turn, type TurnAssistant, turnError } from "../../pipeline/index.js";
import { AppError, appError } from "../../shared/errors.js";
import { type BaselineSearch, buildPrompt } from "./baseline.js";
import { type CheckResult, runChecks } from "./checks.js";
import { runBaselineOffLoop } from "./threaded-baseline.js";
import type { UseCase, UseCaseField } from "./usecase.schema.js";
import { fieldValues } from "./values.js";
import { type BaselineWatch, type DigestItem, digestBlock, digestQuery } from "./watch-digest.js";

/** The conversation a run opens, and its first exchange through the pipeline (the chat domain's). */
export type Converse = (
  principal: Principal,
  request: {
    title: string;
    prompt: string;
    useCase: { assistant: TurnAssistant; id: string; version: number };
  },
) => Promise<{ conversationId: string; turn: Turn; answer: { id: string; content: string } }>;

/** A use case as its form shows it: what to fill in, never its instructions. */
export interface UseCaseForm {
  id: string;
  version: number;
  name: string;
  description: string;
  category: string;
  fields: UseCaseField[];
  checks: { id: string; label: string }[];
  baseline: UseCase["baseline"]["kind"];
  requiresValidation: boolean;
}

/** What a run gives back: the answer and its checklist, and the sober result beside it. */
export interface UseCaseRun {
  useCase: { id: string; version: number };
  /** The conversation the run opened; null when nothing was sent (a watch with no new item). */
  conversationId: string | null;
  /** The user prompt sent, built from the form by the definition's template (this version). */
  prompt: string;
  answer: {
    messageId: string;
    content: string;
    mode: "model" | "extractive";
    model: string | null;
  } | null;
  /** Why no answer: the turn's refusal or failure, in French. */
  refusal: { code: string; message: string } | null;
  checks: CheckResult[];
  baseline: { kind: string; text: string | null };
  /** No model wrote the answer (the charter offers passages first, or none was available): the baseline leads. */
  baselineFirst: boolean;
}

/** The turn's assistant for a use case: its instructions, its grounding over the agent's bases. */
export const useCaseAssistant = (
  useCase: UseCase,
  /** The model a battle's verdict recommended: tried first. */
  recommendedModel: string | null = null,
): TurnAssistant => ({
  id: `usecase:${useCase.id}`,
  name: useCase.name,
  instructions: useCase.instructions,
  knowledgeBases: useCase.grounding === "off" ? [] : "all",
  preferredModels: recommendedModel ? [recommendedModel] : [],
  requiresValidation: useCase.requiresValidation,
  audience: "agents",
  category: useCase.category,
  grounding: useCase.grounding,
  ...(useCase.sovereignty && { sovereignty: useCase.sovereignty }),
});

/**
 * Runs a use case for an agent: the form's values checked, the prompt built
 * by the template, then one exchange of a conversation opened for the run
 * (so it walks the pipeline like any turn, and the agent may continue it),
 * the answer put through the definition's checks, and the baseline beside it.
 */
export class UseCaseRunService {
  constructor(
    private readonly deps: {
      /** The definition (the stored catalogue's, or the shipped one's). */
      useCase: (id: string) => Promise<UseCase | undefined>;
      useCases: () => Promise<UseCase[]>;
      /** The model a battle's verdict recommended for a use case, tried first. */
      recommendedModel?: (id: string) => Promise<string | null>;
      converse: Converse;
      /** The knowledge search a `search` baseline lists, over what the agent may read. */
      search?: (principal: Principal) => BaselineSearch;
      /** The document watch's items, for a `watch` use case. */
      watch?: BaselineWatch;
    },
  ) {}

  async forms(): Promise<UseCaseForm[]> {
    return (await this.deps.useCases()).map(formOf);
  }

  async form(id: string): Promise<UseCaseForm> {
    return formOf(await this.definition(id));
  }

  /**
   * What a use case sends and its sober result, for the form's values: the
   * prompt built by its template (a watch use case's items after it, read
   * once: the baseline lists them, the prompt carries them), the baseline
   * (`text: null` where its kind cannot run) and the items read, if any.
   * Runs and battles (`arena/`) both start here.
   */
  async prepare(
    principal: Principal,
    useCase: UseCase,
    values: unknown,
    /** `baseline: false`: the prompt alone (the baseline's `text` is then null). */
    options: { baseline?: boolean } = {},
  ): Promise<{ prompt: string; baseline: UseCaseRun["baseline"]; watched?: DigestItem[] }> {
    const checked = fieldValues(useCase, values); // refuses missing or bad values before anything is opened
    let prompt = buildPrompt(useCase, values);
    let watched: DigestItem[] | undefined;
    if (useCase.baseline.kind === "watch" && this.deps.watch) {
      watched = await this.deps.watch(
        digestQuery(useCase.baseline, checked, values as Record<string, unknown>),
      );
      prompt += `\n${digestBlock(watched)}`;
    }
    const watch = watched && (async () => watched);
    const baseline =
      options.baseline === false
        ? { kind: useCase.baseline.kind, text: null }
        : await baselineOf(useCase, values, { search: this.deps.search?.(principal), watch });
    return { prompt, baseline, ...(watched && { watched }) };
  }

  async run(principal: Principal, id: string, values: unknown): Promise<UseCaseRun> {
    const useCase = await this.definition(id);
    const { prompt, baseline, watched } = await this.prepare(principal, useCase, values);
    if (watched?.length === 0) {
      // Nothing new on these topics: no model is asked to summarise nothing.
      return {
        useCase: { id: useCase.id, version: useCase.version },
        conversationId: null,
        prompt,
        answer: null,
        refusal: { code: "watch_nothing_new", message: t("usecase.watch.nothing_new") },
        checks: [],
        baseline,
        baselineFirst: true,
      };
    }
    const { conversationId, turn, answer } = await this.deps.converse(principal, {
      title: useCase.name,
      prompt,
      useCase: {
        assistant: useCaseAssistant(
          useCase,
          (await this.deps.recommendedModel?.(useCase.id)) ?? null,
        ),
        id: useCase.id,
        version: useCase.version,
      },
    });
    const output = turn.status === "completed" ? turn.output : undefined;
    const refusal = output ? null : turnError(turn);
    return {
      useCase: { id: useCase.id, version: useCase.version },
      conversationId,
      prompt,
      answer: output
        ? {
            messageId: answer.id,
            content: answer.content,
            mode: output.mode,
            model: output.model?.ref ?? null,
          }
        : null,
      refusal: refusal ? { code: refusal.code, message: refusal.message } : null,
      checks: output ? runChecks(useCase, answer.content) : [],
      baseline,
      baselineFirst: output?.mode !== "model",
    };
  }

  private async definition(id: string): Promise<UseCase> {
    const useCase = await this.deps.useCase(id);
    if (!useCase) throw appError("usecase_not_found", { id });
    return useCase;
  }
}

function formOf(useCase: UseCase): UseCaseForm {
  return {
    id: useCase.id,
    version: useCase.version,
    name: useCase.name,
    description: useCase.description,
    category: useCase.category,
    fields: useCase.fields,
    checks: useCase.checks.map(({ id, label }) => ({ id, label })),
    baseline: useCase.baseline.kind,
    requiresValidation: useCase.requiresValidation,
  };
}

/** Baselines that cannot run here say why, and the run goes on without them. */
const UNAVAILABLE = new Set([
  "usecase_baseline_unavailable",
  "usecase_search_needs_database",
  "usecase_watch_needs_database",
]);

/** The sober result, with no model; a kind that cannot run here gives none. */
async function baselineOf(
  useCase: UseCase,
  values: unknown,
  ports: { search: BaselineSearch | undefined; watch: BaselineWatch | undefined },
): Promise<UseCaseRun["baseline"]> {
  try {
    const text = await runBaselineOffLoop(useCase, {
      values,
      ...(ports.search && { search: ports.search }),
      ...(ports.watch && { watch: ports.watch }),
    });
    return { kind: useCase.baseline.kind, text };
  } catch (error) {
    if (error instanceof AppError && UNAVAILABLE.has(error.code))
      return { kind: useCase.baseline.kind, text: null };
    throw error;
  }
}
