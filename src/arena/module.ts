import {
  type Assistant,
  type BaselinePassage,
  searchResults,
  type UseCase,
} from "../assistants/index.js";
import type { DataPolicy } from "../charter/index.js";
import type { ModuleContext } from "../context.js";
import type { DataClass, GuardFinding } from "../guard/index.js";
import type { Principal } from "../identity/index.js";
import type { Turn } from "../pipeline/index.js";
import type { ResolvedModel } from "../providers/index.js";
import { appError } from "../shared/errors.js";
import { ArenaRepository } from "./arena.repository.js";
import { arenaRoutes } from "./arena.routes.js";
import { type ArenaPorts, ArenaService, type Subject } from "./arena.service.js";

/** A question put to an assistant in a battle: at most this long. */
const MAX_QUESTION = 20_000;

/**
 * LLM battles, built after the chat domain (its outputs are turns through
 * the pipeline) and the use-case runs (whose prompts and baselines they
 * reuse). Adapts the other domains' ports to the arena's own: a campaign's
 * subject is a use case (its form, prompt and result without AI) or an
 * assistant (a question; the passages its bases give as the result without AI).
 */
export function arenaModule(
  { store, clock, ids, audit }: ModuleContext,
  ports: {
    useCase: (id: string) => Promise<UseCase | undefined>;
    /** The prompt a use case sends for these values, and (unless told not to) its result without AI. */
    prepare: (
      principal: Principal,
      useCase: UseCase,
      values: unknown,
      options?: { baseline?: boolean },
    ) => Promise<{ prompt: string; baseline: { text: string | null } }>;
    /** One answer by one model, through the pipeline: to a use case's prompt or to an assistant. */
    answerOnce: (
      principal: Principal,
      request: { prompt: string; model: string; sink?: (text: string) => void } & (
        | { useCase: UseCase }
        | { assistantId: string }
      ),
    ) => Promise<Turn>;
    assistant: (id: string) => Promise<Assistant>;
    /** The knowledge search as the agent, over some bases (or all they may read). */
    searchPassages: (
      principal: Principal,
      query: string,
      options: { limit: number; bases: string[] | "all" },
    ) => Promise<BaselinePassage[]>;
    resolveModel: (ref: string) => Promise<ResolvedModel | null>;
    policyFor: (principal: Principal) => Promise<DataPolicy>;
    egress: { scan: (text: string) => Promise<GuardFinding> };
    directionPath: (id: string) => Promise<string | undefined>;
    findUserByEmail: (email: string) => Promise<{ id: string } | undefined>;
    recommend: ArenaPorts["recommend"];
  },
) {
  const useCaseSubject = (useCase: UseCase): Subject => ({
    kind: "usecase",
    id: useCase.id,
    name: useCase.name,
    prompt: async (principal, values) =>
      (await ports.prepare(principal, useCase, values, { baseline: false })).prompt,
    baseline: async (principal, values) =>
      (await ports.prepare(principal, useCase, values)).baseline.text,
    answer: (principal, request) => ports.answerOnce(principal, { ...request, useCase }),
  });
  const assistantSubject = (assistant: Assistant): Subject => {
    const question = (values: Record<string, unknown>) => {
      const text = typeof values.question === "string" ? values.question.trim() : "";
      if (text === "") throw appError("usecase_fields_missing", { fields: "Question" });
      if (text.length > MAX_QUESTION)
        throw appError("arena_question_too_long", { max: MAX_QUESTION });
      return text;
    };
    return {
      kind: "assistant",
      id: assistant.id,
      name: assistant.name,
      prompt: async (_principal, values) => question(values),
      // Its bases' passages, as the agent may read them: what a search gives without a model.
      baseline: async (principal, values) => {
        const asked = question(values);
        const bases = assistant.isDefault ? "all" : assistant.knowledgeBaseIds;
        return searchResults(
          asked,
          await ports.searchPassages(principal, asked, { limit: 5, bases }),
        );
      },
      answer: (principal, request) =>
        ports.answerOnce(principal, { ...request, assistantId: assistant.id }),
    };
  };
  const arena = new ArenaService({
    arena: new ArenaRepository(store.db),
    ports: {
      subject: async (kind, id) => {
        if (kind === "usecase") {
          const useCase = await ports.useCase(id);
          return useCase && useCaseSubject(useCase);
        }
        try {
          return assistantSubject(await ports.assistant(id));
        } catch {
          return undefined;
        }
      },
      model: async (ref) => {
        const resolved = await ports.resolveModel(ref);
        return (
          resolved && {
            ref,
            sovereignty: resolved.provider.sovereignty,
            activeParameters: billions(resolved.model.activeParameters),
            chat:
              resolved.provider.kind !== "extractive" &&
              resolved.model.capabilities.includes("chat"),
          }
        );
      },
      allows: async (principal, dataClass: DataClass, sovereignty) =>
        (await ports.policyFor(principal))(dataClass, sovereignty) !== "block",
      classify: async (text) => (await ports.egress.scan(text)).dataClass,
      directionPath: ports.directionPath,
      userByEmail: ports.findUserByEmail,
      recommend: ports.recommend,
    },
    clock,
    ids,
    audit,
  });
  return {
    services: { arena },
    ports: {
      /** Every campaign's recorded verdict and ranking: the observatory's and the register's. */
      verdicts: () => arena.verdicts(),
    },
    routes: arenaRoutes({ arena }),
  };
}

/** A declared parameter count (billions, or a range where the provider gives one), as one number. */
const billions = (count: number | { min: number; max: number } | undefined): number | null =>
  count === undefined ? null : typeof count === "number" ? count : (count.min + count.max) / 2;
