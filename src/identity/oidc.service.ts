import {
  allowInsecureRequests,
  authorizationCodeGrant,
  buildAuthorizationUrl,
  ClientSecretPost,
  type Configuration,
  calculatePKCECodeChallenge,
  discovery,
  enableNonRepudiationChecks,
  fetchUserInfo,
  None,
} from "openid-client";
import { z } from "zod";
import type { OidcConfig } from "../config.js";
import type { Clock, Ids } from "../shared/clock.js";
import { MINUTE } from "../shared/clock.js";
import type { Database } from "../store/index.js";
import type { AuthService, NewSession } from "./auth.service.js";
import type { Direction, DirectionsService } from "./directions.service.js";
import { OidcTransactionsRepository } from "./oidc.repository.js";
import type { UsersRepository } from "./users.repository.js";
import { normaliseEmail, type UsersService } from "./users.service.js";

/** Stable codes a failed OIDC login ends on; the page reads them from `/?login_error=`. */
export type OidcFailure =
  | "oidc_unavailable"
  | "oidc_failed"
  | "oidc_state_invalid"
  | "oidc_account_refused"
  | "account_disabled";

/**
 * A login that cannot go on. `reason` (a fixed word) and `cause` (its name and
 * code only) are for the administrator reading the log.
 */
export class OidcLoginError extends Error {
  readonly reason: string | undefined;

  constructor(
    readonly code: OidcFailure,
    options: { cause?: unknown; reason?: string } = {},
  ) {
    super(code, options.cause === undefined ? {} : { cause: options.cause });
    this.name = "OidcLoginError";
    this.reason = options.reason;
  }
}

const TRANSACTION_LIFETIME_MS = 10 * MINUTE;
const DISCOVERY_TIMEOUT_SECONDS = 10;
const LOOPBACK = /^(localhost|\[::1\]|127(\.\d{1,3}){3})$/;

/** Any origin will do: only whether a path stays on it matters. */
const RETURN_BASE = new URL("http://beffroi.invalid");

/**
 * Where to go after login: only a path on this site, judged after the URL
 * parser has normalised it, since that is what the browser will read from
 * the Location header ("/.//evil" becomes "//evil", another host). Anything
 * else becomes "/".
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== "string" || value.length > 2048 || !value.startsWith("/")) return "/";
  // Browsers drop tabs and newlines and read "\" as "/" in URLs: refuse them rather than guess.
  const unsafe = (char: string) => char === "\\" || char < " " || char === "\u007f";
  if ([...value].some(unsafe) || !URL.canParse(value, RETURN_BASE.href)) return "/";
  const target = new URL(value, RETURN_BASE);
  // An encoded slash is a slash again to a proxy or a static server that decodes it.
  if (target.origin !== RETURN_BASE.origin || /%2f|%5c/i.test(target.pathname)) return "/";
  const path = `${target.pathname}${target.search}${target.hash}`;
  // Parsed again, as the browser will, the path must name the same place ("//evil" does not).
  return new URL(path, RETURN_BASE).href === target.href ? path : "/";
}

const optionalString = z.string().trim().min(1).optional().catch(undefined);

/** The claims Beffroi reads; anything malformed is treated as absent. */
const ClaimsSchema = z.object({
  sub: z.string().min(1),
  email: z.email().optional().catch(undefined),
  email_verified: z.boolean().optional().catch(undefined),
  given_name: optionalString,
  usual_name: optionalString,
  family_name: optionalString,
  name: optionalString,
});
type Claims = z.infer<typeof ClaimsSchema>;

function displayNameOf(claims: Claims & { email: string }): string {
  const full = [claims.given_name, claims.usual_name ?? claims.family_name]
    .filter(Boolean)
    .join(" ");
  return (full || claims.name || claims.email).slice(0, 200);
}

export interface OidcServiceDeps {
  config: OidcConfig;
  publicUrl: string | undefined;
  db: Database;
  users: UsersService;
  usersRepository: UsersRepository;
  directions: DirectionsService;
  auth: AuthService;
  clock: Clock;
  ids: Ids;
}

/**
 * Login through an OpenID Connect provider (ProConnect or any other):
 * authorization code with PKCE, state and nonce kept in the database for ten
 * minutes and used once, signed ID token (and signed userinfo for ProConnect),
 * then the account is found, linked or created, and a session starts.
 */
export class OidcService {
  private readonly transactions: OidcTransactionsRepository;
  private readonly redirectUri: string;
  private discovered: Promise<Configuration> | undefined;

  constructor(private readonly deps: OidcServiceDeps) {
    this.transactions = new OidcTransactionsRepository(deps.db);
    const redirectUri =
      deps.config.redirectUri ??
      `${(deps.publicUrl ?? "").replace(/\/+$/, "")}/api/auth/oidc/callback`;
    this.redirectUri = new URL(redirectUri).href;
  }

  /** The callback's path as the browser sees it (behind a proxy too), for cookies bound to it. */
  get callbackPath(): string {
    return new URL(this.redirectUri).pathname;
  }

  /** Starts a login: records the transaction and gives the provider's authorization address. */
  async begin(returnTo: unknown): Promise<{ url: string; state: string; expiresAt: Date }> {
    const configuration = await this.configuration();
    const { clock, ids, config } = this.deps;
    const now = clock.now();
    await this.transactions.purge(now.toISOString());
    const state = ids.secret(32);
    const nonce = ids.secret(32);
    const codeVerifier = ids.secret(48);
    const expiresAt = new Date(now.getTime() + TRANSACTION_LIFETIME_MS);
    await this.transactions.insert({
      state,
      nonce,
      code_verifier: codeVerifier,
      return_to: safeReturnTo(returnTo),
      expires_at: expiresAt.toISOString(),
    });
    const url = buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: config.scopes,
      state,
      nonce,
      code_challenge: await calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
    });
    return { url: url.href, state, expiresAt };
  }

  /**
   * Completes a login from the callback's query string. `boundState` is the
   * state this browser started with (from its cookie): a callback carrying
   * another state is someone else's login and is refused.
   */
  async complete(
    query: string,
    boundState: string | undefined,
  ): Promise<{ session: NewSession; returnTo: string }> {
    const params = new URLSearchParams(query);
    const state = params.getAll("state");
    if (state.length !== 1 || !state[0] || state[0] !== boundState) {
      // A provider may drop the state when it answers with an error (the agent cancelled).
      throw params.has("error")
        ? new OidcLoginError("oidc_failed", { reason: "provider_error_without_state" })
        : new OidcLoginError("oidc_state_invalid", { reason: "state_not_bound" });
    }
    const transaction = await this.transactions.take(state[0]);
    if (!transaction || transaction.expires_at <= this.deps.clock.now().toISOString()) {
      throw new OidcLoginError("oidc_state_invalid", {
        reason: transaction ? "transaction_expired" : "transaction_unknown",
      });
    }
    const configuration = await this.configuration();
    const claims = await this.claims(configuration, query, transaction);
    const issuer = configuration.serverMetadata().issuer;
    const userId = await this.provision(issuer, claims);
    const session = await this.deps.auth.startSession(userId, "oidc");
    // Checked again on the way out: a login begun before an upgrade kept its address unchecked.
    return { session, returnTo: safeReturnTo(transaction.return_to) };
  }

  /** Code for tokens (ID token checked: signature, issuer, audience, nonce), then userinfo. */
  private async claims(
    configuration: Configuration,
    query: string,
    transaction: { state: string; nonce: string; code_verifier: string },
  ): Promise<Record<string, unknown>> {
    try {
      const currentUrl = new URL(this.redirectUri);
      currentUrl.search = query;
      const tokens = await authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: transaction.code_verifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new Error("no ID token");
      const userinfo = await fetchUserInfo(configuration, tokens.access_token, idToken.sub);
      return { ...idToken, ...userinfo };
    } catch (error) {
      throw new OidcLoginError("oidc_failed", { cause: error });
    }
  }

  /**
   * Whether the provider vouches for the address: `email_verified: true`, or,
   * when the claim is absent, a provider trusted for it (`oidc.trustEmail`,
   * on for ProConnect). An address said to be unverified is never trusted.
   */
  private trusts(claims: Claims): boolean {
    if (claims.email_verified !== undefined) return claims.email_verified;
    return this.deps.config.trustEmail;
  }

  /**
   * Finds the account by (issuer, subject), else, when the address is trusted,
   * by address if that account has no OIDC identity yet (linked now), else
   * creates it when allowed.
   */
  private async provision(issuer: string, raw: Record<string, unknown>): Promise<string> {
    const parsed = ClaimsSchema.safeParse(raw);
    if (!parsed.success) throw new OidcLoginError("oidc_failed", { reason: "claims_invalid" });
    const claims = parsed.data;
    const { config, users, usersRepository } = this.deps;
    const direction = await this.directionOf(raw);
    const identity = { issuer, subject: claims.sub };

    let user = await usersRepository.byOidc(issuer, claims.sub);
    if (!user) {
      // An address the provider does not vouch for must neither take over an account nor claim one.
      if (!claims.email)
        throw new OidcLoginError("oidc_account_refused", { reason: "email_missing" });
      if (!this.trusts(claims)) {
        throw new OidcLoginError("oidc_account_refused", { reason: "email_not_verified" });
      }
      const email = normaliseEmail(claims.email);
      const existing = await usersRepository.byEmail(email);
      if (existing) {
        if (existing.oidc_subject !== null) {
          throw new OidcLoginError("oidc_account_refused", { reason: "linked_to_other_identity" });
        }
        if (existing.disabled_at !== null) throw new OidcLoginError("account_disabled");
        await users.linkOidc(existing.id, identity);
        user = existing;
      } else {
        if (!config.createUsers) {
          throw new OidcLoginError("oidc_account_refused", { reason: "account_creation_disabled" });
        }
        const created = await users.create({
          email,
          displayName: displayNameOf({ ...claims, email }),
          roles: config.defaultRoles,
          directionId: direction?.id ?? null,
          oidc: identity,
        });
        return created.id;
      }
    }
    if (user.disabled_at !== null) throw new OidcLoginError("account_disabled");
    if (direction && direction.id !== user.direction_id) {
      await users.update(user.id, { directionId: direction.id });
    }
    return user.id;
  }

  /**
   * The direction named by the configured claim (a string, or a list such as
   * Keycloak groups: the first that resolves wins), through `directionMap` or
   * as a path. Directions are never created from claims.
   */
  private async directionOf(raw: Record<string, unknown>): Promise<Direction | undefined> {
    const { directionClaim, directionMap } = this.deps.config;
    if (!directionClaim) return undefined;
    const value = raw[directionClaim];
    const candidates = (Array.isArray(value) ? value : [value]).filter(
      (item): item is string => typeof item === "string" && item.trim().length > 0,
    );
    for (const candidate of candidates) {
      const path = Object.hasOwn(directionMap, candidate) ? directionMap[candidate] : candidate;
      if (!path) continue;
      const found = await this.deps.directions.find(path).catch(() => undefined);
      if (found) return found;
    }
    return undefined;
  }

  /** Checks that the provider answers its discovery document (for `beffroi doctor`). */
  async checkProvider(): Promise<void> {
    await this.configuration();
  }

  /** The provider's metadata, discovered once; a failed discovery is retried at the next login. */
  private configuration(): Promise<Configuration> {
    this.discovered ??= this.discover().catch((error: unknown) => {
      this.discovered = undefined;
      throw new OidcLoginError("oidc_unavailable", { cause: error });
    });
    return this.discovered;
  }

  private async discover(): Promise<Configuration> {
    const { config } = this.deps;
    const issuer = new URL(config.issuer);
    const metadata = {
      redirect_uris: [this.redirectUri],
      token_endpoint_auth_method: config.clientSecret ? "client_secret_post" : "none",
      // With this set, an unsigned (JSON) userinfo answer is refused.
      ...(config.userinfoSigned && { userinfo_signed_response_alg: "RS256" }),
    };
    const authentication = config.clientSecret ? ClientSecretPost(config.clientSecret) : None();
    return discovery(issuer, config.clientId, metadata, authentication, {
      timeout: DISCOVERY_TIMEOUT_SECONDS,
      execute: [
        // Plain http only for a provider on this machine (tests, local development).
        ...(LOOPBACK.test(issuer.hostname) ? [allowInsecureRequests] : []),
        // openid-client checks ID token claims but verifies JWS signatures only with this.
        enableNonRepudiationChecks,
      ],
    });
  }
}
