import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { Authentication, Permission, Principal } from "../identity/index.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Who may call a route: anyone, any signed-in principal, or a principal
 * holding a permission. `sessionOnly` refuses API keys (e.g. minting keys).
 */
export type Access = "public" | "authenticated" | Permission;

export interface RouteContext<Body, Query, Params> {
  body: Body;
  query: Query;
  params: Params;
  /** The resolved credential; null only on public routes called anonymously. */
  auth: Authentication | null;
  /** The caller; only on routes that are not public. */
  principal: Principal;
  request: FastifyRequest;
  reply: FastifyReply;
}

type Schema = z.ZodType;
type Infer<S> = S extends Schema ? z.output<S> : undefined;

/**
 * One HTTP route, declared as data: the server validates, authorizes, rate
 * limits and documents it (OpenAPI) from this declaration, then calls `handler`.
 */
export interface RouteDefinition<
  B extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  P extends Schema | undefined = Schema | undefined,
> {
  method: HttpMethod;
  url: string;
  summary: string;
  tags: string[];
  access: Access;
  sessionOnly?: boolean;
  body?: B;
  query?: Q;
  params?: P;
  /** The success payload's shape, for the OpenAPI document (checked in tests: `checkResponses`). */
  response?: Schema;
  /** The payload's media type when it is not JSON (an export in Markdown: `response` is then a string). */
  contentType?: string;
  /**
   * The route answers in server-sent events when the client asks for them
   * (`Accept: text/event-stream` on the page's routes, `stream: true` on /v1);
   * `response` is the JSON answer otherwise.
   */
  eventStream?: boolean;
  /** Status of a successful answer (default 200; 204 sends no body). */
  status?: number;
  handler(context: RouteContext<Infer<B>, Infer<Q>, Infer<P>>): Promise<unknown>;
}

/** Keeps each route's own types while collecting routes of different shapes in one list. */
export function route<
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
>(definition: RouteDefinition<B, Q, P>): RouteDefinition {
  return definition as unknown as RouteDefinition;
}
