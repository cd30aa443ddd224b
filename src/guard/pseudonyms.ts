import type { GuardService } from "./guard.service.js";
import type { Pseudonyms } from "./personal-data.js";
import {
  adoptPlaceholders,
  DOCUMENT_SOURCE,
  type PseudonymTable,
  pseudonymise,
  restore,
} from "./pseudonymiser.js";
import type { Vault } from "./vault.js";

/**
 * The guard stage's pseudonym port: a turn's pseudonyms, those of its
 * conversation when it has one (kept in the vault for its next turns), a
 * fresh set otherwise.
 */
export class PseudonymService {
  constructor(private readonly deps: { guard: GuardService; vault: Vault }) {}

  open = async (conversationId: string | undefined): Promise<Pseudonyms> =>
    new TurnPseudonyms(await this.deps.vault.open(conversationId), this.deps.guard, {
      conversationId,
      vault: this.deps.vault,
    });
}

/** A turn's pseudonyms over a table: values the guard finds are replaced, and put back in answers. */
export class TurnPseudonyms implements Pseudonyms {
  private readonly used = new Set<string>();

  constructor(
    readonly table: PseudonymTable,
    private readonly guard: Pick<GuardService, "scan">,
    private readonly storage?: { conversationId: string | undefined; vault: Vault },
  ) {}

  get replaced(): number {
    return this.used.size;
  }

  async protect(text: string, documentId?: string): Promise<string> {
    const adopted = adoptPlaceholders(
      text,
      this.table,
      documentId === undefined ? undefined : `${DOCUMENT_SOURCE}${documentId}`,
    );
    const { entities } = await this.guard.scan(adopted, "egress");
    const { text: masked, placeholders } = pseudonymise(adopted, entities, this.table);
    for (const placeholder of placeholders) this.used.add(placeholder);
    return masked;
  }

  restore(text: string): string {
    return restore(text, this.table);
  }

  async keep(): Promise<void> {
    const { conversationId, vault } = this.storage ?? {};
    if (conversationId && vault) await vault.keep(conversationId, this.table);
  }
}
