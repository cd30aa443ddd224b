import type { ResponseOf } from "../../api/client";

export type PromptItem = ResponseOf<"GET /api/prompts/:id">;
export type PromptScope = PromptItem["scope"];
