import { METHOD_PROVIDER_DATACENTERS } from "../impact/index.js";
import type { ProviderInput } from "./provider.schema.js";

/** Where the impact method places a provider's datacenters: its zone as the hosting country, PUE, WUE. */
function methodDatacenter(provider: keyof typeof METHOD_PROVIDER_DATACENTERS) {
  const { zone, pue, wue } = METHOD_PROVIDER_DATACENTERS[provider];
  return { country: zone, pue, wue };
}

/**
 * Starting points for the providers collectivités use most. Model ids change
 * often upstream: `beffroi provider test ID` lists the models the provider
 * really offers. Parameter counts are in billions (for the impact estimate),
 * the method's own where it gives them (../shared/design/IMPACT.md); left
 * out where nobody publishes them, and so are a datacenter's PUE and WUE:
 * the page then says what to fill in rather than Beffroi guessing. Local
 * presets leave them out on purpose: the collectivité's own figures
 * (`impact.localPue`, `impact.localWue`) apply.
 */
export const PRESETS: Record<string, { description: string; provider: ProviderInput }> = {
  albert: {
    description: "Albert API, l'API d'IA de l'État (DINUM), hébergée en France",
    provider: {
      id: "albert",
      label: "Albert API (État)",
      baseUrl: "https://albert.api.etalab.gouv.fr/v1",
      apiKeyEnv: "ALBERT_API_KEY",
      sovereignty: "sovereign",
      country: "FRA",
      models: [
        { id: "albert-large", label: "Albert Large" },
        { id: "albert-small", label: "Albert Small" },
        { id: "embeddings-small", label: "Albert embeddings", capabilities: ["embeddings"] },
      ],
    },
  },
  mistral: {
    description:
      "Mistral AI La Plateforme, entreprise française, hébergement dans l'Union européenne",
    provider: {
      id: "mistral",
      label: "Mistral La Plateforme",
      baseUrl: "https://api.mistral.ai/v1",
      apiKeyEnv: "MISTRAL_API_KEY",
      sovereignty: "sovereign",
      // A French company whose inference the method counts in Sweden.
      ...methodDatacenter("mistral"),
      models: [
        {
          id: "mistral-small-latest",
          label: "Mistral Small",
          contextLength: 128_000,
          activeParameters: 24,
          totalParameters: 24,
          // Mistral's API names the seed `random_seed` and refuses `seed`.
          parameters: [
            "top_p",
            "stop",
            "presence_penalty",
            "frequency_penalty",
            "tools",
            "response_format",
          ],
        },
        { id: "mistral-embed", label: "Mistral Embed", capabilities: ["embeddings"] },
      ],
    },
  },
  ovhcloud: {
    description: "OVHcloud AI Endpoints, modèles ouverts hébergés en France",
    provider: {
      id: "ovhcloud",
      label: "OVHcloud AI Endpoints",
      baseUrl: "https://oai.endpoints.kepler.ai.cloud.ovh.net/v1",
      apiKeyEnv: "OVH_AI_ENDPOINTS_ACCESS_TOKEN",
      sovereignty: "sovereign",
      country: "FRA",
      // OVHcloud's published range over its datacenters (fiscal year 2021).
      pue: { min: 1.1, max: 1.3 },
      wue: { min: 0.17, max: 0.2 },
      models: [
        {
          id: "Mistral-Small-3.2-24B-Instruct-2506",
          contextLength: 128_000,
          activeParameters: 24,
          totalParameters: 24,
        },
        {
          id: "Meta-Llama-3_3-70B-Instruct",
          contextLength: 128_000,
          activeParameters: 70,
          totalParameters: 70,
        },
      ],
    },
  },
  scaleway: {
    description: "Scaleway Generative APIs, modèles ouverts hébergés en France",
    provider: {
      id: "scaleway",
      label: "Scaleway Generative APIs",
      baseUrl: "https://api.scaleway.ai/v1",
      apiKeyEnv: "SCW_SECRET_KEY",
      sovereignty: "sovereign",
      country: "FRA",
      // Scaleway's published figures for DC5, its most efficient site: PUE 1.15–1.17, WUE under 0.2.
      pue: { min: 1.15, max: 1.17 },
      wue: { min: 0, max: 0.2 },
      models: [
        {
          id: "mistral-small-3.2-24b-instruct-2506",
          contextLength: 128_000,
          activeParameters: 24,
          totalParameters: 24,
        },
        {
          id: "llama-3.3-70b-instruct",
          contextLength: 128_000,
          activeParameters: 70,
          totalParameters: 70,
        },
        { id: "bge-multilingual-gemma2", capabilities: ["embeddings"] },
      ],
    },
  },
  vllm: {
    description: "Un serveur vLLM de la collectivité (sur ses propres machines)",
    provider: {
      id: "vllm",
      label: "vLLM (serveurs de la collectivité)",
      baseUrl: "http://127.0.0.1:8000/v1",
      sovereignty: "local",
      country: "FRA",
      models: [
        {
          id: "mistralai/Mistral-Small-3.2-24B-Instruct-2506",
          contextLength: 32_768,
          activeParameters: 24,
          totalParameters: 24,
        },
      ],
    },
  },
  ollama: {
    description: "Ollama sur un poste ou un serveur de la collectivité",
    provider: {
      id: "ollama",
      label: "Ollama (local)",
      baseUrl: "http://127.0.0.1:11434/v1",
      sovereignty: "local",
      country: "FRA",
      models: [
        {
          id: "mistral-small3.2:24b",
          contextLength: 32_768,
          activeParameters: 24,
          totalParameters: 24,
        },
      ],
    },
  },
  openai: {
    description:
      "OpenAI (États-Unis) : soumis au droit extraterritorial, jamais de données personnelles",
    provider: {
      id: "openai",
      label: "OpenAI",
      baseUrl: "https://api.openai.com/v1",
      apiKeyEnv: "OPENAI_API_KEY",
      sovereignty: "extraterritorial",
      ...methodDatacenter("openai"),
      models: [
        {
          id: "gpt-4o",
          contextLength: 128_000,
          activeParameters: { min: 44, max: 132 },
          totalParameters: 440,
        },
        {
          id: "gpt-4o-mini",
          contextLength: 128_000,
          activeParameters: { min: 8, max: 28 },
          totalParameters: { min: 8, max: 28 },
        },
      ],
    },
  },
  anthropic: {
    description:
      "Anthropic (États-Unis), par son point d'accès compatible OpenAI : soumis au droit extraterritorial",
    provider: {
      id: "anthropic",
      label: "Anthropic",
      baseUrl: "https://api.anthropic.com/v1",
      apiKeyEnv: "ANTHROPIC_API_KEY",
      sovereignty: "extraterritorial",
      ...methodDatacenter("anthropic"),
      models: [{ id: "claude-sonnet-4-5", contextLength: 200_000 }],
    },
  },
};
