import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Entity, EntityType } from "./entity.js";

/** The configuration's `guard.external` as the guard uses it. */
export function externalSettings(config: {
  url: string;
  language: string;
  minScore: number;
  timeoutMilliseconds: number;
  entities?: Record<string, EntityType> | undefined;
  apiKeyEnv?: string | undefined;
  apiKeyFile?: string | undefined;
}): ExternalRecognizerSettings {
  return {
    url: config.url,
    language: config.language,
    minScore: config.minScore,
    timeoutMs: config.timeoutMilliseconds,
    entities: config.entities ?? { ...DEFAULT_EXTERNAL_ENTITIES },
    apiKeyEnv: config.apiKeyEnv,
    apiKeyFile: config.apiKeyFile,
  };
}

/**
 * A named-entity model the DSI runs beside Beffroi, reached over HTTP
 * (Presidio's analyzer with a French model, or anything answering its
 * `/analyze` shape): its findings are added to Beffroi's, never the other
 * way round. A failure or a time-out throws: the scan fails closed.
 */
export interface ExternalRecognizerSettings {
  /** The analyzer's base address: `POST {url}/analyze`. */
  url: string;
  /** What to ask for: `fr` by default. */
  language: string;
  /** Findings under this score are left out. */
  minScore: number;
  /** How long a call may take before the scan fails. */
  timeoutMs: number;
  /** The analyzer's entity types as Beffroi's; a type not listed is ignored. */
  entities: Record<string, EntityType>;
  /** A bearer token, read at each call from this variable or file when set (never logged). */
  apiKeyEnv?: string | undefined;
  apiKeyFile?: string | undefined;
}

/** The token to send, read at each call (a rotated secret needs no restart). */
function bearer(settings: ExternalRecognizerSettings, env: NodeJS.ProcessEnv): string | undefined {
  if (settings.apiKeyEnv) return env[settings.apiKeyEnv];
  if (settings.apiKeyFile) return readFileSync(settings.apiKeyFile, "utf8").trim();
  return undefined;
}

/** Presidio's entity types and the closest of Beffroi's. */
export const DEFAULT_EXTERNAL_ENTITIES: Readonly<Record<string, EntityType>> = {
  PERSON: "PERSON",
  PER: "PERSON",
  EMAIL_ADDRESS: "EMAIL",
  PHONE_NUMBER: "PHONE",
  IBAN_CODE: "IBAN",
  CREDIT_CARD: "CARD",
  IP_ADDRESS: "IP",
  FR_NIR: "NIR",
  FR_SSN: "NIR",
  ADDRESS: "ADDRESS",
  STREET_ADDRESS: "ADDRESS",
  DATE_OF_BIRTH: "BIRTHDATE",
  NRP: "SENSITIVE",
  MEDICAL_CONDITION: "SENSITIVE",
};

/** One of Presidio's answers (`RecognizerResult`): offsets in Unicode code points, as Python counts. */
const AnalyzeResponse = z.array(
  z.object({
    entity_type: z.string(),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    score: z.number().min(0).max(1),
  }),
);

/** The UTF-16 offset (what JavaScript counts) of each code point offset, for a text. */
function codePointOffsets(text: string): (codePoint: number) => number {
  let astral = false;
  for (let index = 0; index < text.length && !astral; index += 1) {
    const code = text.charCodeAt(index);
    astral = code >= 0xd800 && code <= 0xdbff;
  }
  if (!astral) return (codePoint) => codePoint;
  const offsets: number[] = [];
  let unit = 0;
  for (const char of text) {
    offsets.push(unit);
    unit += char.length;
  }
  offsets.push(unit);
  return (codePoint) => offsets[Math.min(codePoint, offsets.length - 1)] as number;
}

/** Asks the analyzer what it finds in a text; throws on any failure (the caller fails closed). */
export async function externalFindings(
  settings: ExternalRecognizerSettings,
  text: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Entity[]> {
  const key = bearer(settings, env);
  const response = await fetch(`${settings.url.replace(/\/+$/, "")}/analyze`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(key && { authorization: `Bearer ${key}` }),
    },
    body: JSON.stringify({ text, language: settings.language }),
    signal: AbortSignal.timeout(settings.timeoutMs),
  });
  if (!response.ok) throw new Error(`external recognizer answered ${response.status}`);
  const results = AnalyzeResponse.parse(await response.json());
  const utf16 = codePointOffsets(text);
  const found: Entity[] = [];
  for (const result of results) {
    const type = settings.entities[result.entity_type];
    if (!type || result.score < settings.minScore) continue;
    const start = utf16(result.start);
    const end = utf16(result.end);
    if (end <= start || end > text.length) continue;
    found.push({
      type,
      start,
      end,
      confidence: result.score,
      rule: `external.${result.entity_type.toLowerCase()}`,
    });
  }
  return found;
}
