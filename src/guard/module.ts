import { ConfigError } from "../config.js";
import type { ModuleContext } from "../context.js";
import { t } from "../i18n/index.js";
import { guardStage, restoreStage } from "../pipeline/index.js";
import { externalSettings } from "./external.js";
import { guardRoutes } from "./guard.routes.js";
import { GuardService } from "./guard.service.js";
import { isCommonFirstName } from "./lexicon.js";
import { GuardNamesRepository } from "./names.repository.js";
import { documentPseudonymiser } from "./pseudonymiser.js";
import { PseudonymService } from "./pseudonyms.js";
import { DEFAULT_RECOGNIZERS } from "./recognizers/index.js";
import { loadVaultKey, Vault, VaultCipher } from "./vault.js";
import { VaultRepository } from "./vault.repository.js";

/**
 * The personal-data guard: scanning, the pseudonym vault, the pipeline's
 * guard and restore stages, and the ports other domains scan through.
 */
export function guardModule({ config, store, clock }: ModuleContext) {
  // The built-in first names, widened by those imported from INSEE's files (reread every 30 s).
  const guard = new GuardService(DEFAULT_RECOGNIZERS, {
    names: new GuardNamesRepository(store.db),
    ...(config.guard.external && { external: externalSettings(config.guard.external) }),
  });
  const vaultKey = loadVaultKey({ ...config.guard, dataDir: config.dataDir, shared: store.shared });
  if (!vaultKey) throw new ConfigError([t("config.vault_key_required")]);
  const pseudonyms = new PseudonymService({
    guard,
    vault: new Vault({
      entries: new VaultRepository(store.db),
      key: vaultKey,
      now: () => clock.now(),
    }),
  });
  return {
    services: { guard, pseudonyms },
    ports: {
      /** Seals other secrets (administrators' provider keys) under the vault key. */
      cipher: new VaultCipher(vaultKey),
      /** Every passage is scanned at ingestion; a pseudonymising base gets one table per document. */
      documents: {
        scan: (text: string) => guard.scan(text, "documents"),
        pseudonymiser: documentPseudonymiser,
      },
      /** Passages retrieved for a turn are scanned, and share the turn's placeholders. */
      passages: { scan: guard.passageFinding, openPseudonyms: pseudonyms.open },
      /** What leaves for a model outside the pipeline (/v1/embeddings) is scanned the same way. */
      egress: { scan: guard.finding, openPseudonyms: pseudonyms.open },
      /** "Je m'appelle Nancy" names no town: the guard knows first names, places do not. */
      isFirstName: isCommonFirstName,
    },
    stages: {
      guard: guardStage(guard.finding, pseudonyms.open),
      restore: restoreStage(guard.finding),
    },
    /** For a preview: the scan only, no pseudonyms opened (nothing written to the vault). */
    previewStages: { guard: guardStage(guard.finding) },
    /** Word lists read at start, not by the first request; imported first names loaded. */
    start: async () => {
      guard.warm();
      await guard.reloadNames();
    },
    routes: guardRoutes({ guard }),
  };
}
