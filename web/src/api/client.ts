import type { ApiRoutes } from "./contract.gen";

/**
 * The page's one way to the API: JSON in and out, the session cookie sent by
 * the browser, the CSRF token on writes. An error answer becomes an ApiError
 * with the server's stable code and its French message; a 401 on an
 * established session announces "session expired" to whoever listens.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

let csrfToken: string | null = null;
const expiryListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the session is over (expired, or closed elsewhere). */
export function onSessionExpired(listener: () => void): () => void {
  expiryListeners.add(listener);
  return () => expiryListeners.delete(listener);
}

const NETWORK = "network_error";

export function requestHeaders(method: string, json: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (json) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  return headers;
}

/** Turns an error answer into an ApiError (and a 401 into the session-expired signal). */
export async function errorFrom(response: Response): Promise<ApiError> {
  let body: { error?: { code?: string; message?: string; details?: unknown } } = {};
  try {
    body = await response.json();
  } catch {
    // not JSON: a proxy's page, say; the status speaks for it
  }
  const code = body.error?.code ?? `http_${response.status}`;
  if (response.status === 401 && csrfToken !== null)
    for (const listener of expiryListeners) listener();
  return new ApiError(response.status, code, body.error?.message ?? "", body.error?.details);
}

/** A request to the API: a JSON body, or a form (files: the browser writes the multipart boundary). */
export async function send(method: string, url: string, body?: unknown): Promise<Response> {
  const form = body instanceof FormData;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: requestHeaders(method, body !== undefined && !form),
      ...(body !== undefined && { body: form ? body : JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, NETWORK, "");
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

/** A JSON request; resolves to the parsed answer (undefined for 204). */
export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await send(method, url, body);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A route of the API, as the server declares it: "METHOD /url/:param". */
export type Route = keyof ApiRoutes;
/** A route that reads (GET). */
export type ReadRoute = Extract<Route, `GET ${string}`>;
/** What a route answers (generated from the server's response schema). */
export type ResponseOf<R extends Route> = ApiRoutes[R]["response"];
/** What a route takes as its JSON body. */
export type BodyOf<R extends Route> = ApiRoutes[R]["body"];

type Part<Name extends string, T, Required extends boolean> = [T] extends [undefined]
  ? { [K in Name]?: never }
  : Required extends true
    ? { [K in Name]: T }
    : { [K in Name]?: T };

/** A route's path parameters and body (required when it has them), and its query. */
export type CallOptions<R extends Route> = Part<"params", ApiRoutes[R]["params"], true> &
  Part<"query", ApiRoutes[R]["query"], false> &
  Part<"body", ApiRoutes[R]["body"], true>;

/** The options, optional when a route needs none. */
export type CallArguments<R extends Route> =
  // biome-ignore lint/complexity/noBannedTypes: "takes no required option"
  {} extends CallOptions<R> ? [options?: CallOptions<R>] : [options: CallOptions<R>];

/** A route's address: its path parameters in place, its query after. */
export function urlOf<R extends Route>(route: R, options?: CallOptions<R>): string {
  const template = route.slice(route.indexOf(" ") + 1);
  const params = (options?.params ?? {}) as Record<string, string | number>;
  const url = template.replace(/:(\w+)/g, (_, name: string) =>
    encodeURIComponent(String(params[name])),
  );
  const query = Object.entries((options?.query ?? {}) as Record<string, unknown>)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]): [string, string] => [name, String(value)]);
  return query.length > 0 ? `${url}?${new URLSearchParams(query)}` : url;
}

/**
 * Calls a route of the API, typed by the contract generated from the server's
 * OpenAPI document (`npm run api:contract`): its parameters, body and answer.
 */
export function call<R extends Route>(
  route: R,
  ...[options]: CallArguments<R>
): Promise<ResponseOf<R>> {
  const method = route.slice(0, route.indexOf(" "));
  const body = options?.body ?? (method === "POST" ? {} : undefined);
  return api<ResponseOf<R>>(method, urlOf(route, options), body);
}
