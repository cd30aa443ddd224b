import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";

/**
 * Why a watched address could not be read; stable codes, shown in French by
 * the page (`watch.failure.<code>`), never with the address's content.
 */
export const WATCH_FAILURES = [
  "url_invalid",
  "address_refused",
  "network",
  "timeout",
  "http_status",
  "too_large",
  "too_many_redirects",
  "not_a_feed",
  "unreadable",
] as const;
export type WatchFailure = (typeof WATCH_FAILURES)[number];

export class WatchFetchFailed extends Error {
  constructor(
    readonly code: WatchFailure,
    /** A short technical detail (an HTTP status, a system error's code), never content. */
    readonly detail = "",
  ) {
    super(`watch fetch failed: ${code}${detail ? ` (${detail})` : ""}`);
    this.name = "WatchFetchFailed";
  }
}

export interface WatchFetchLimits {
  /** Bytes of a response's body, after decompression. */
  maxBytes: number;
  /** The whole exchange, redirects included. */
  timeoutMs: number;
  maxRedirects: number;
  /**
   * Host names (or literal addresses) allowed to resolve to private,
   * loopback or link-local addresses: an intranet the DSI chose to watch.
   * Every other host must resolve to public addresses only.
   */
  privateHosts: ReadonlySet<string>;
}

export interface WatchFetchRequest {
  url: string;
  /** The previous answer's validators: an unchanged resource answers 304 and costs nothing. */
  etag?: string | null;
  lastModified?: string | null;
}

export type WatchFetchResult =
  | { status: "not-modified" }
  | {
      status: "ok";
      body: Buffer;
      contentType: string;
      etag: string | null;
      lastModified: string | null;
      /** Where the body came from, after redirects. */
      url: string;
    };

/**
 * Addresses a watched URL may never reach unless its host is allowed:
 * loopback, private networks, link-local (cloud metadata), carrier-grade NAT,
 * benchmarking, multicast and reserved ranges, in IPv4 and IPv6.
 */
const NON_PUBLIC = (() => {
  const list = new BlockList();
  const v4: [string, number][] = [
    ["0.0.0.0", 8],
    ["10.0.0.0", 8],
    ["100.64.0.0", 10],
    ["127.0.0.0", 8],
    ["169.254.0.0", 16],
    ["172.16.0.0", 12],
    ["192.0.0.0", 24],
    ["192.0.2.0", 24],
    ["192.168.0.0", 16],
    ["198.18.0.0", 15],
    ["198.51.100.0", 24],
    ["203.0.113.0", 24],
    ["224.0.0.0", 4],
    ["240.0.0.0", 4],
  ];
  for (const [network, prefix] of v4) list.addSubnet(network, prefix, "ipv4");
  const v6: [string, number][] = [
    ["::", 128],
    ["::1", 128],
    ["64:ff9b::", 96],
    ["100::", 64],
    ["2001:db8::", 32],
    ["fc00::", 7],
    ["fe80::", 10],
    ["ff00::", 8],
  ];
  for (const [network, prefix] of v6) list.addSubnet(network, prefix, "ipv6");
  return list;
})();

/** Whether an address is public (an IPv4-mapped IPv6 address is judged as the IPv4 one it holds). */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !NON_PUBLIC.check(address, "ipv4");
  if (family !== 6) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return !NON_PUBLIC.check(mapped[1], "ipv4");
  return !NON_PUBLIC.check(address, "ipv6");
}

/** A URL's host as it is compared with `privateHosts`: lower case, IPv6 without brackets. */
const hostOf = (url: URL) => url.hostname.toLowerCase().replace(/^\[|\]$/g, "");

/**
 * Resolves the host and refuses the connection when any address it gives is
 * not public: checked at connection time, on the address actually used, so a
 * name that resolves differently the second time (DNS rebinding) gains nothing.
 */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const refused = !allowPrivate && addresses.some(({ address }) => !isPublicAddress(address));
      if (refused || addresses.length === 0) {
        const denied = Object.assign(new Error("address refused"), { code: "EADDRREFUSED" });
        return callback(denied, "", 0);
      }
      if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

/**
 * Reads a watched feed or page for the scheduler: GET only, http(s) only,
 * addresses checked on every hop (redirects are followed by hand, each
 * checked again), at most `maxBytes` of body after decompression, the whole
 * exchange within `timeoutMs`. Nothing is sent but the conditional headers:
 * no cookie, no credential.
 */
export async function fetchWatched(
  request: WatchFetchRequest,
  limits: WatchFetchLimits,
): Promise<WatchFetchResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    let url = parseWatchUrl(request.url);
    for (let hop = 0; hop <= limits.maxRedirects; hop++) {
      const answer = await get(url, request, limits, controller.signal);
      if (answer.kind === "redirect") {
        url = parseWatchUrl(new URL(answer.location, url).toString());
        continue;
      }
      return answer.result;
    }
    throw new WatchFetchFailed("too_many_redirects");
  } catch (error) {
    if (controller.signal.aborted) throw new WatchFetchFailed("timeout");
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** An absolute http(s) URL without credentials, or `url_invalid`. */
export function parseWatchUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new WatchFetchFailed("url_invalid");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new WatchFetchFailed("url_invalid", url.protocol);
  if (url.username !== "" || url.password !== "") throw new WatchFetchFailed("url_invalid");
  return url;
}

type Hop = { kind: "redirect"; location: string } | { kind: "done"; result: WatchFetchResult };

function get(
  url: URL,
  request: WatchFetchRequest,
  limits: WatchFetchLimits,
  signal: AbortSignal,
): Promise<Hop> {
  const host = hostOf(url);
  const allowPrivate = limits.privateHosts.has(host);
  // A literal address is never looked up: it is judged here.
  if (isIP(host) !== 0 && !allowPrivate && !isPublicAddress(host))
    return Promise.reject(new WatchFetchFailed("address_refused"));
  const headers: Record<string, string> = {
    accept:
      "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5",
    "accept-encoding": "gzip, deflate, br",
    "user-agent": "Beffroi-veille/1.0",
  };
  if (request.etag) headers["if-none-match"] = request.etag;
  if (request.lastModified) headers["if-modified-since"] = request.lastModified;
  const client = url.protocol === "https:" ? https : http;
  return new Promise<Hop>((resolve, reject) => {
    const req = client.request(
      url,
      { method: "GET", headers, signal, lookup: guardedLookup(allowPrivate), agent: false },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && status !== 304) {
          res.resume();
          const location = res.headers.location;
          if (!location) return reject(new WatchFetchFailed("http_status", String(status)));
          return resolve({ kind: "redirect", location });
        }
        if (status === 304) {
          res.resume();
          return resolve({ kind: "done", result: { status: "not-modified" } });
        }
        if (status < 200 || status >= 300) {
          res.resume();
          return reject(new WatchFetchFailed("http_status", String(status)));
        }
        const declared = Number(res.headers["content-length"] ?? Number.NaN);
        const encoding = String(res.headers["content-encoding"] ?? "identity").toLowerCase();
        if (encoding === "identity" && declared > limits.maxBytes) {
          res.destroy();
          return reject(new WatchFetchFailed("too_large"));
        }
        const decoder =
          encoding === "gzip" || encoding === "x-gzip"
            ? createGunzip()
            : encoding === "deflate"
              ? createInflate()
              : encoding === "br"
                ? createBrotliDecompress()
                : undefined;
        if (decoder === undefined && encoding !== "identity") {
          res.destroy();
          return reject(new WatchFetchFailed("unreadable", encoding.slice(0, 40)));
        }
        const body = decoder ? res.pipe(decoder) : res;
        const chunks: Buffer[] = [];
        let size = 0;
        body.on("data", (chunk: Buffer) => {
          size += chunk.length;
          // Counted after decompression: a small compressed bomb stops here.
          if (size > limits.maxBytes) {
            res.destroy();
            decoder?.destroy();
            reject(new WatchFetchFailed("too_large"));
            return;
          }
          chunks.push(chunk);
        });
        body.on("error", (error: NodeJS.ErrnoException) =>
          reject(
            signal.aborted
              ? new WatchFetchFailed("timeout")
              : new WatchFetchFailed("unreadable", error.code ?? error.name),
          ),
        );
        body.on("end", () => {
          if (size > limits.maxBytes) return;
          const header = (name: string) => {
            const value = res.headers[name];
            return typeof value === "string" ? value.slice(0, 500) : null;
          };
          resolve({
            kind: "done",
            result: {
              status: "ok",
              body: Buffer.concat(chunks, size),
              contentType: (header("content-type") ?? "").toLowerCase(),
              etag: header("etag"),
              lastModified: header("last-modified"),
              url: url.toString(),
            },
          });
        });
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (signal.aborted) return reject(new WatchFetchFailed("timeout"));
      if (error.code === "EADDRREFUSED") return reject(new WatchFetchFailed("address_refused"));
      reject(new WatchFetchFailed("network", error.code ?? error.name));
    });
    req.end();
  });
}
