import {
  contextOf,
  type Entity,
  type LookAlike,
  matches,
  type Recognizer,
  type ScanContext,
} from "../entity.js";
import { SpanIndex } from "../spans.js";

/** 0 to 255, without leading zeros ("01" is not an octet). */
const OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const DOTTED_QUAD = `${OCTET}(?:\\.${OCTET}){3}`;

/** Four octets, not inside a longer dotted or digit run ("1.2.3.4.5", "v1.2.3.4" is context's job). */
const IPV4 = new RegExp(`(?<![\\d.])${DOTTED_QUAD}(?!\\.?\\d)`, "g");

/**
 * An IPv6 candidate: two to seven groups of at most four hex digits each
 * ended by a colon, then a last group or an IPv4 tail. Bounded quantifiers
 * over disjoint classes: linear. `isIpv6` checks the structure.
 */
const IPV6 = new RegExp(
  `(?<![\\p{L}\\p{N}_:.])(?:[0-9a-f]{0,4}:){2,7}(?:${DOTTED_QUAD}|[0-9a-f]{0,4})(?![\\p{L}\\p{N}_:]|\\.\\d)`,
  "giu",
);

/** A cheap first look for IPv6: two hex digits around a colon, or "::". */
const MAYBE_IPV6 = /[0-9a-f]:[0-9a-f]|::/i;

/** A version number's introduction just before the digits ("version 1.2.3.4", "v1.2.3.4"). */
const VERSION_BEFORE = /(?:version|release|build|firmware|(?<!\p{L})v(?:er)?\.?)\s*:?\s*$/iu;

const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

/** Whether a "::"-free list of groups is well formed (an IPv4 tail counts as two groups). */
function groupCount(part: string, last: boolean): number {
  if (part === "") return 0;
  const groups = part.split(":");
  let count = 0;
  for (const [index, group] of groups.entries()) {
    if (last && index === groups.length - 1 && group.includes(".")) count += 2;
    else if (HEX_GROUP.test(group)) count += 1;
    else return Number.NaN;
  }
  return count;
}

/**
 * Whether a string is an IPv6 address in its usual forms: eight groups, or
 * fewer around one "::", an IPv4 tail allowed; with at least one digit, so
 * that words made of hex letters ("dead:beef::") do not count.
 */
export function isIpv6(candidate: string): boolean {
  if (!/\d/.test(candidate)) return false;
  const halves = candidate.split("::");
  if (halves.length > 2) return false;
  if (halves.length === 1) return groupCount(candidate, true) === 8;
  const [left = "", right = ""] = halves;
  const count = groupCount(left, false) + groupCount(right, true);
  return count <= 7;
}

/** Addresses that designate no one: unspecified, loopback, broadcast and netmasks (255.…). */
function isReserved(address: string, version: 4 | 6): boolean {
  if (version === 6) return /^(?:0{0,4}:){0,7}:?0{0,3}[01]$/.test(address) || address === "::";
  return address === "0.0.0.0" || address.startsWith("127.") || address.startsWith("255.");
}

/**
 * Private and link-local ranges (10/8, 172.16/12, 192.168/16, 169.254/16,
 * fc00::/7, fe80::/10): a machine inside some network, a person's only
 * through that network's records. Possible, masked on the way out.
 */
function isPrivate(address: string, version: 4 | 6): boolean {
  if (version === 6) return /^f[cd]|^fe[89ab]/i.test(address);
  return /^(?:10\.|192\.168\.|169\.254\.|172\.(?:1[6-9]|2\d|3[01])\.)/.test(address);
}

interface Candidate {
  private?: boolean;
  start: number;
  end: number;
  version: 4 | 6;
  /** Why it is not personal, if it is not. */
  lookAlike?: "ip.version" | "ip.reserved";
}

/** Every IPv4 and IPv6 address in the text, look-alikes marked (an IPv6's IPv4 tail is part of it). */
function candidates({ text }: ScanContext): Candidate[] {
  const found: Candidate[] = [];
  const maybeIpv6 = MAYBE_IPV6.test(text);
  for (const match of maybeIpv6 ? matches(IPV6, text) : []) {
    if (!isIpv6(match[0])) continue;
    const start = match.index;
    const candidate: Candidate = { start, end: start + match[0].length, version: 6 };
    if (isReserved(match[0], 6)) candidate.lookAlike = "ip.reserved";
    else candidate.private = isPrivate(match[0], 6);
    found.push(candidate);
  }
  const ipv6 = new SpanIndex(found.slice());
  const inIpv6 = (index: number) => ipv6.overlaps({ start: index, end: index + 1 });
  for (const match of matches(IPV4, text)) {
    const start = match.index;
    if (inIpv6(start)) continue;
    const candidate: Candidate = { start, end: start + match[0].length, version: 4 };
    if (VERSION_BEFORE.test(text.slice(Math.max(0, start - 20), start))) {
      candidate.lookAlike = "ip.version";
    } else if (isReserved(match[0], 4)) candidate.lookAlike = "ip.reserved";
    else candidate.private = isPrivate(match[0], 4);
    found.push(candidate);
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * IP addresses: IPv4 (`ip.v4`) and IPv6, full or "::"-compressed (`ip.v6`),
 * at 0.9; private ranges are possible (`ip.private`). Version numbers ("version 1.2.3.4", "v1.2.3.4") and addresses
 * that designate no one (0.0.0.0, 127.x, 255.x masks, ::1, ::) are
 * look-alikes.
 */
export const ipRecognizer: Recognizer = {
  name: "ip",
  find(text, context) {
    return contextOf(text, context)
      .memo(candidates)
      .filter((candidate) => !candidate.lookAlike)
      .map(
        (candidate): Entity => ({
          type: "IP",
          start: candidate.start,
          end: candidate.end,
          confidence: candidate.private ? 0.5 : 0.9,
          rule: candidate.private ? "ip.private" : candidate.version === 4 ? "ip.v4" : "ip.v6",
          ...(candidate.private && { certainty: "possible" as const }),
        }),
      );
  },
  lookAlikes(text, context) {
    return contextOf(text, context)
      .memo(candidates)
      .flatMap((candidate): LookAlike[] =>
        candidate.lookAlike
          ? [{ start: candidate.start, end: candidate.end, rule: candidate.lookAlike }]
          : [],
      );
  },
};
