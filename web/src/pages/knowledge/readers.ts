import { type MessageKey, t } from "../../i18n";
import type { KnowledgeBase } from "./types";

/** Who reads a base, in words: "Tous les agents, Référents, Pôle solidarités". */
export function readersText(base: KnowledgeBase): string {
  if (base.readers.length === 0) return t("knowledge.readers.ownerOnly");
  return base.readers
    .map((reader) =>
      reader.kind === "everyone"
        ? t("knowledge.form.everyone")
        : reader.kind === "role"
          ? t(`knowledge.form.role.${reader.value}` as MessageKey)
          : reader.label,
    )
    .join(", ");
}
