import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from "jose";

/** The person the provider signs in next: `sub` and whatever claims the test wants. */
export interface IssuedUser {
  sub: string;
  [claim: string]: unknown;
}

/** Ways the provider can misbehave, one test at a time. */
export interface Misbehaviour {
  /** Discovery answers 503. */
  discoveryDown?: boolean;
  /** The ID token carries another nonce than the one asked for. */
  wrongNonce?: boolean;
  /** The ID token is signed by a key that is not in the JWKS (same kid). */
  foreignKey?: boolean;
  /** Userinfo answers plain JSON even when configured to sign it. */
  unsignedUserinfo?: boolean;
  /** /authorize answers with this OAuth error (e.g. access_denied) instead of a code. */
  error?: string;
}

export interface IssuerOptions {
  clientId: string;
  /** When set, /token requires it in the body (client_secret_post); otherwise a public client. */
  clientSecret?: string;
  /** Userinfo as a signed JWT (ProConnect) rather than JSON. */
  signedUserinfo: boolean;
  /** Path of the issuer under the origin, e.g. "/api/v2" like ProConnect. */
  path?: string;
}

/** What /authorize received, for the test to check (PKCE method, nonce, scopes). */
export interface AuthorizationRecord {
  state: string | null;
  nonce: string | null;
  scope: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  redirectUri: string;
}

interface Grant {
  user: IssuedUser;
  nonce: string | null;
  codeChallenge: string | null;
  redirectUri: string;
}

export interface TestIssuer {
  /** The issuer identifier, to configure Beffroi with. */
  issuer: string;
  /** Who /authorize signs in. */
  user: IssuedUser | undefined;
  misbehaviour: Misbehaviour;
  authorizations: AuthorizationRecord[];
  /** Access tokens handed out, so that tests can check they never reach the logs. */
  accessTokens: string[];
  close(): Promise<void>;
}

const KID = "test-key-1";
const random = () => randomBytes(24).toString("base64url");
const s256 = (verifier: string) => createHash("sha256").update(verifier).digest("base64url");

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function send(response: ServerResponse, status: number, body: unknown, type = "application/json") {
  response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  response.end(typeof body === "string" ? body : JSON.stringify(body));
}

/**
 * A small OpenID Connect provider over real HTTP on 127.0.0.1 (random port):
 * discovery, JWKS, an /authorize that signs in `user` at once, /token with PKCE
 * and client checks, /userinfo as JSON or a signed JWT.
 */
export async function startIssuer(options: IssuerOptions): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const foreign = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: KID, alg: "RS256", use: "sig" };
  const codes = new Map<string, Grant>();
  const tokens = new Map<string, IssuedUser>();
  const prefix = options.path ?? "";

  const state: TestIssuer = {
    issuer: "",
    user: undefined,
    misbehaviour: {},
    authorizations: [],
    accessTokens: [],
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const sign = (claims: Record<string, unknown>, key: CryptoKey, typ?: string) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ ...claims, iss: state.issuer, aud: options.clientId })
      .setProtectedHeader({ alg: "RS256", kid: KID, ...(typ && { typ }) })
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(key);
  };

  const metadata = () => ({
    issuer: state.issuer,
    authorization_endpoint: `${state.issuer}/authorize`,
    token_endpoint: `${state.issuer}/token`,
    userinfo_endpoint: `${state.issuer}/userinfo`,
    jwks_uri: `${state.issuer}/jwks`,
    response_types_supported: ["code"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    userinfo_signing_alg_values_supported: ["RS256"],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: [options.clientSecret ? "client_secret_post" : "none"],
    authorization_response_iss_parameter_supported: true,
  });

  function authorize(url: URL, response: ServerResponse) {
    const redirectUri = url.searchParams.get("redirect_uri");
    if (url.searchParams.get("client_id") !== options.clientId || !redirectUri) {
      return send(response, 400, { error: "invalid_request" });
    }
    const record: AuthorizationRecord = {
      state: url.searchParams.get("state"),
      nonce: url.searchParams.get("nonce"),
      scope: url.searchParams.get("scope"),
      codeChallenge: url.searchParams.get("code_challenge"),
      codeChallengeMethod: url.searchParams.get("code_challenge_method"),
      redirectUri,
    };
    state.authorizations.push(record);
    const back = new URL(redirectUri);
    if (state.misbehaviour.error || !state.user) {
      back.searchParams.set("error", state.misbehaviour.error ?? "login_required");
    } else {
      const code = random();
      codes.set(code, {
        user: state.user,
        nonce: record.nonce,
        codeChallenge: record.codeChallenge,
        redirectUri,
      });
      back.searchParams.set("code", code);
    }
    if (record.state) back.searchParams.set("state", record.state);
    back.searchParams.set("iss", state.issuer);
    response.writeHead(302, { location: back.href });
    response.end();
  }

  async function token(request: IncomingMessage, response: ServerResponse) {
    const form = await readForm(request);
    if (
      form.get("client_id") !== options.clientId ||
      (options.clientSecret !== undefined && form.get("client_secret") !== options.clientSecret)
    ) {
      return send(response, 401, { error: "invalid_client" });
    }
    const code = form.get("code") ?? "";
    const grant = codes.get(code);
    codes.delete(code);
    const verifier = form.get("code_verifier");
    if (
      form.get("grant_type") !== "authorization_code" ||
      !grant ||
      form.get("redirect_uri") !== grant.redirectUri ||
      !verifier ||
      s256(verifier) !== grant.codeChallenge
    ) {
      return send(response, 400, { error: "invalid_grant" });
    }
    const accessToken = random();
    tokens.set(accessToken, grant.user);
    state.accessTokens.push(accessToken);
    const { misbehaviour } = state;
    const idToken = await sign(
      { sub: grant.user.sub, nonce: misbehaviour.wrongNonce ? random() : grant.nonce },
      misbehaviour.foreignKey ? foreign.privateKey : privateKey,
    );
    send(response, 200, {
      access_token: accessToken,
      token_type: "Bearer",
      expires_in: 60,
      id_token: idToken,
    });
  }

  async function userinfo(request: IncomingMessage, response: ServerResponse) {
    const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "");
    const user = match?.[1] ? tokens.get(match[1]) : undefined;
    if (!user) {
      response.writeHead(401, { "www-authenticate": 'Bearer error="invalid_token"' });
      return response.end();
    }
    if (options.signedUserinfo && !state.misbehaviour.unsignedUserinfo) {
      return send(response, 200, await sign({ ...user }, privateKey), "application/jwt");
    }
    send(response, 200, user);
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", state.issuer);
    const route = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : "";
    const handle = async () => {
      switch (`${request.method} ${route}`) {
        case "GET /.well-known/openid-configuration":
          if (state.misbehaviour.discoveryDown) return send(response, 503, { error: "down" });
          return send(response, 200, metadata());
        case "GET /jwks":
          return send(response, 200, { keys: [jwk] });
        case "GET /authorize":
          return authorize(url, response);
        case "POST /token":
          return token(request, response);
        case "GET /userinfo":
          return userinfo(request, response);
        default:
          return send(response, 404, { error: "not_found" });
      }
    };
    handle().catch(() => send(response, 500, { error: "server_error" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`;
  return state;
}
