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

export async function send(method: string, url: string, body?: unknown): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: requestHeaders(method, body !== undefined),
      ...(body !== undefined && { body: JSON.stringify(body) }),
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

export const get = <T>(url: string) => api<T>("GET", url);
export const post = <T>(url: string, body: unknown = {}) => api<T>("POST", url, body);
export const put = <T>(url: string, body: unknown) => api<T>("PUT", url, body);
export const patch = <T>(url: string, body: unknown) => api<T>("PATCH", url, body);
export const del = (url: string) => api<void>("DELETE", url);
