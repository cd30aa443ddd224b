import { t } from "../i18n";

/** Where a passage sits in its document: "Pièces à fournir · page 3" (section left out when it is the title). */
export function passagePlace(passage: {
  title?: string | null;
  section?: string | null;
  page?: number | null;
}): string {
  const parts: string[] = [];
  if (passage.section && passage.section !== passage.title) parts.push(passage.section);
  if (passage.page !== null && passage.page !== undefined)
    parts.push(t("passage.page", { page: passage.page }));
  return parts.join(t("passage.separator"));
}
