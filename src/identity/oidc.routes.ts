import type { RouteDefinition } from "../http/index.js";
import type { OidcService } from "./oidc.service.js";

export function oidcRoutes(_deps: { oidc: OidcService }): RouteDefinition[] {
  return [];
}
