export { isOpenAiRequest, type OpenAiErrorBody, openAiError } from "./errors.js";
export type { Authenticator, GateDeps } from "./gate.js";
export {
  type Access,
  type HttpMethod,
  type RouteContext,
  type RouteDefinition,
  route,
} from "./route.js";
export { buildServer, type ServerOptions } from "./server.js";
export {
  clearSessionCookie,
  SESSION_COOKIE,
  secureCookie,
  setSessionCookie,
} from "./session-cookie.js";
export { serverSettings } from "./settings.js";
export { type UploadedFile, type UploadLimits, uploadedFiles } from "./uploads.js";
