import { parseArgs } from "node:util";
import type { Config } from "../config.js";
import { sovereigntyName, t } from "../i18n/index.js";
import {
  describeFailure,
  MODEL_PARAMETERS,
  type Model,
  PRESETS,
  ProviderBodySchema,
  type ProviderInput,
  parseModelOption,
} from "../providers/index.js";
import { AppError } from "../shared/errors.js";
import { withServices } from "./context.js";
import { askSecret, type CliIo, readLine, say, UsageError } from "./io.js";

const number = (value: string | undefined, option: string): number | undefined => {
  if (value === undefined) return undefined;
  const parsed = Number(value.replace(",", "."));
  if (!Number.isFinite(parsed)) throw new UsageError(t("cli.bad_option", { reason: option }));
  return parsed;
};

/** The key itself, typed on a terminal without echo or piped: never on the command line, where `ps` and the history would keep it. */
async function readProviderKey(io: CliIo): Promise<string> {
  if (io.stdin.isTTY) return askSecret(io, t("cli.api_key_prompt"));
  return (await readLine(io)).trim();
}

/** beffroi provider add|list|test|remove|presets */
export async function providerCommand(config: Config, io: CliIo, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      id: { type: "string" },
      preset: { type: "string" },
      label: { type: "string" },
      kind: { type: "string" },
      "base-url": { type: "string" },
      "api-key-env": { type: "string" },
      "api-key-file": { type: "string" },
      "api-key-stdin": { type: "boolean" },
      sovereignty: { type: "string" },
      country: { type: "string" },
      pue: { type: "string" },
      wue: { type: "string" },
      model: { type: "string", multiple: true },
      embeddings: { type: "string", multiple: true },
      context: { type: "string" },
      json: { type: "boolean" },
    },
    allowPositionals: true,
    strict: true,
  });
  switch (action) {
    case "presets":
      for (const [name, preset] of Object.entries(PRESETS)) {
        io.stdout.write(
          `${name.padEnd(10)} ${preset.provider.sovereignty.padEnd(16)} ${preset.provider.baseUrl}\n           ${preset.description}\n`,
        );
      }
      return 0;
    case "add": {
      const preset = values.preset ? PRESETS[values.preset] : undefined;
      if (values.preset && !preset) {
        throw new UsageError(
          t("cli.preset_unknown", {
            preset: values.preset,
            presets: Object.keys(PRESETS).join(", "),
          }),
        );
      }
      const context = number(values.context, "--context");
      const models: Model[] = [];
      for (const option of values.model ?? []) {
        const model = parseModelOption(option);
        if (!model) throw new UsageError(t("cli.model_option", { option }));
        models.push(context ? { ...model, contextLength: context } : model);
      }
      for (const id of values.embeddings ?? []) {
        models.push({
          id,
          contextLength: context ?? 8192,
          capabilities: ["embeddings"],
          parameters: [...MODEL_PARAMETERS],
        });
      }
      const base: Partial<ProviderInput> = preset?.provider ?? {};
      const pue = number(values.pue, "--pue");
      const wue = number(values.wue, "--wue");
      const apiKey = values["api-key-stdin"] ? await readProviderKey(io) : undefined;
      const input = {
        ...base,
        ...(values.id && { id: values.id }),
        ...(values.label && { label: values.label }),
        ...(values.kind && { kind: values.kind }),
        ...(values["base-url"] && { baseUrl: values["base-url"] }),
        ...(values["api-key-env"] && { apiKeyEnv: values["api-key-env"], apiKeyFile: undefined }),
        ...(values["api-key-file"] && { apiKeyFile: values["api-key-file"], apiKeyEnv: undefined }),
        // Kept sealed in the registry, like a key entered on the administration page.
        ...(apiKey !== undefined && { apiKey, apiKeyEnv: undefined, apiKeyFile: undefined }),
        ...(values.sovereignty && { sovereignty: values.sovereignty }),
        ...(values.country && { country: values.country.toUpperCase() }),
        ...(pue !== undefined && { pue }),
        ...(wue !== undefined && { wue }),
        ...(models.length > 0 && { models }),
      };
      const parsed = ProviderBodySchema.safeParse(input);
      if (!parsed.success) {
        throw new UsageError(
          t("cli.provider_invalid", {
            problems: parsed.error.issues
              .map((issue) => `${issue.path.join(".") || "?"} : ${issue.message}`)
              .join(" ; "),
          }),
        );
      }
      return withServices(config, io, async ({ providers }) => {
        await providers.create(parsed.data);
        say(io, "cli.provider_added", {
          id: parsed.data.id,
          sovereignty: sovereigntyName(parsed.data.sovereignty),
          count: parsed.data.models.length,
        });
        return 0;
      });
    }
    case "list":
      return withServices(config, io, async ({ providers }) => {
        const list = (await providers.list()).map((provider) => providers.view(provider));
        if (values.json) io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        else if (list.length === 0) say(io, "cli.no_providers");
        else {
          for (const provider of list) {
            io.stdout.write(
              `${provider.id.padEnd(14)} ${provider.sovereignty.padEnd(16)} ${provider.country}  ${provider.baseUrl ?? ""}${provider.enabled ? "" : ` ${t("cli.provider_disabled")}`}\n`,
            );
            for (const model of provider.models) {
              io.stdout.write(`  ${provider.id}/${model.id}  (${model.capabilities.join(", ")})\n`);
            }
          }
        }
        return 0;
      });
    case "test": {
      const id = positionals[0] ?? values.id;
      if (!id) throw new UsageError(t("cli.missing_option", { option: "id" }));
      return withServices(config, io, async ({ providers }) => {
        try {
          const { listed, missing } = await providers.test(id);
          say(io, "cli.provider_ok", { id, count: listed.length });
          for (const model of missing) say(io, "cli.provider_model_missing", { model });
          return missing.length === 0 ? 0 : 1;
        } catch (error) {
          if (error instanceof AppError) throw error;
          say(io, "cli.provider_failed", { id, reason: describeFailure(error) });
          return 1;
        }
      });
    }
    case "remove": {
      const id = positionals[0] ?? values.id;
      if (!id) throw new UsageError(t("cli.missing_option", { option: "id" }));
      return withServices(config, io, async ({ providers }) => {
        await providers.remove(id);
        say(io, "cli.provider_removed", { id });
        return 0;
      });
    }
    default:
      throw new UsageError(t("cli.unknown_command", { command: `provider ${action ?? ""}` }));
  }
}
