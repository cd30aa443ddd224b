/**
 * The shapes of the API answers the page reads across its areas: names for
 * types generated from the server's schemas (`contract.gen.ts`), never copies.
 */
import type { ResponseOf } from "./client";

export type Session = ResponseOf<"GET /api/auth/session">;
export type User = Session["user"];
export type Permission = Session["permissions"][number];
export type Role = User["roles"][number];
export type AuthProviders = ResponseOf<"GET /api/auth/providers">;
export type CurrentCharter = ResponseOf<"GET /api/charter">;
export type Sovereignty = ResponseOf<"GET /api/providers">[number]["sovereignty"];
