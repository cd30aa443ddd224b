import { parseArgs } from "node:util";
import { t } from "../i18n/index.js";
import {
  estimateWithEquivalents,
  type ImpactEstimate,
  ImpactEstimateSchema,
  isKnownZone,
  KNOWN_ZONES,
  type Quantity,
  type Range,
} from "../impact/index.js";
import { type CliIo, say, UsageError } from "./io.js";

/** Option name → the request field it fills (also how zod's issues are named back). */
const FIELDS = {
  active: "activeParameters",
  total: "totalParameters",
  tokens: "outputTokens",
  latency: "latencySeconds",
  pue: "pue",
  wue: "wue",
  zone: "zone",
} as const;
type OptionName = keyof typeof FIELDS;

const NUMBER = /^\d+(?:[.,]\d+)?$/;

/**
 * beffroi impact estimate --active A [--total T] --tokens N [--latency S]
 * --zone ZONE --pue P [--wue W] [--json]: one request's impact by the
 * EcoLogits method; ranges as `44-132`. Needs no database.
 */
export async function impactCommand(io: CliIo, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action !== "estimate")
    throw new UsageError(t("cli.unknown_command", { command: `impact ${action ?? ""}` }));
  const { values } = parseArgs({
    args: rest,
    options: {
      active: { type: "string" },
      total: { type: "string" },
      tokens: { type: "string" },
      latency: { type: "string" },
      zone: { type: "string" },
      pue: { type: "string" },
      wue: { type: "string" },
      json: { type: "boolean" },
    },
    strict: true,
  });
  for (const option of ["active", "tokens", "zone", "pue"] as const) {
    if (values[option] === undefined) throw new UsageError(t("cli.missing_option", { option }));
  }
  const zone = (values.zone as string).toUpperCase();
  const request: Record<string, unknown> = {
    activeParameters: quantity("active", values.active),
    totalParameters: quantity("total", values.total),
    outputTokens: number("tokens", values.tokens),
    latencySeconds: number("latency", values.latency),
    pue: quantity("pue", values.pue),
    wue: quantity("wue", values.wue),
    zone,
  };
  const parsed = ImpactEstimateSchema.safeParse(request);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0];
    const option = Object.entries(FIELDS).find(([, name]) => name === field)?.[0] ?? "?";
    throw new UsageError(
      t("cli.bad_option", {
        reason: t("cli.impact_invalid", { option, message: issue?.message ?? "" }),
      }),
    );
  }
  if (!isKnownZone(zone))
    throw new UsageError(t("error.impact_zone_unknown", { zone, zones: KNOWN_ZONES.join(", ") }));
  const estimate = estimateWithEquivalents(parsed.data);
  if (values.json) {
    io.stdout.write(`${JSON.stringify(estimate, null, 2)}\n`);
    return 0;
  }
  printEstimate(io, estimate);
  return 0;
}

/** `7.3`, `7,3` or a range `44-132` (decimal point or comma). */
function quantity(option: OptionName, text: string | undefined): Quantity | undefined {
  if (text === undefined) return undefined;
  const parts = text.trim().split("-");
  if (parts.length > 2 || !parts.every((part) => NUMBER.test(part)))
    throw new UsageError(
      t("cli.bad_option", { reason: t("cli.impact_quantity", { option, value: text }) }),
    );
  const [min, max] = parts.map((part) => Number(part.replace(",", "."))) as [number, number?];
  return max === undefined ? min : { min, max };
}

function number(option: OptionName, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!NUMBER.test(text.trim()))
    throw new UsageError(
      t("cli.bad_option", { reason: t("cli.impact_number", { option, value: text }) }),
    );
  return Number(text.trim().replace(",", "."));
}

function printEstimate(io: CliIo, estimate: ImpactEstimate): void {
  const range = (value: Range, factor = 1) => {
    const min = format(value.min * factor);
    const max = format(value.max * factor);
    return min === max ? min : t("cli.impact_range", { min, max });
  };
  say(io, "cli.impact_title", { zone: estimate.zone ?? "—" });
  say(io, "cli.impact_energy", { value: range(estimate.energy, 1000) });
  say(io, "cli.impact_gwp", {
    value: range(estimate.gwp.total, 1000),
    usage: range(estimate.gwp.usage, 1000),
    embodied: range(estimate.gwp.embodied, 1000),
  });
  say(io, "cli.impact_adpe", { value: range(estimate.adpe.total, 1e6) });
  say(io, "cli.impact_pe", { value: range(estimate.pe.total, 1000) });
  say(io, "cli.impact_water", {
    value: range(estimate.water.usage, 1000),
    note: estimate.water.onSiteCounted ? "" : t("cli.impact_water_offsite"),
  });
  say(io, "cli.impact_hardware", {
    gpus: range(estimate.gpus),
    seconds: range(estimate.generationSeconds),
  });
  say(io, "cli.impact_led", { value: range(estimate.equivalents.ledBulbMinutes) });
  say(io, "cli.impact_streaming", { value: range(estimate.equivalents.videoStreamingMinutes) });
}

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const FRENCH = new Intl.NumberFormat("fr-FR", { maximumSignificantDigits: 3 });

/** Three significant digits, French style; very small values as `1,23 × 10⁻⁶`. */
export function format(value: number): string {
  if (value === 0 || Math.abs(value) >= 1e-3) return FRENCH.format(value);
  const [mantissa, exponent] = value.toExponential(2).split("e") as [string, string];
  const power = [...String(Number(exponent))]
    .map((char) => (char === "-" ? "⁻" : SUPERSCRIPT[Number(char)]))
    .join("");
  return `${FRENCH.format(Number(mantissa))} × 10${power}`;
}
