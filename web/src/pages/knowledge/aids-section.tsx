import { ErrorNotice } from "../../components/feedback";
import { useResource } from "../../components/use-resource";
import { t } from "../../i18n";
import { AidFinder } from "./aid-finder";
import { AidImportForm } from "./aid-import-form";
import type { KnowledgeBase } from "./types";

/**
 * "Aides": the aid schemes of a base. Every reader finds the aids that fit a
 * person's situation; those who manage the base import the file.
 */
export function AidsSection(props: { base: KnowledgeBase }) {
  const { base } = props;
  // The total is all the page needs: one scheme read, not the whole list.
  const schemes = useResource("GET /api/knowledge-bases/:id/aids", {
    params: { id: base.id },
    query: { limit: 1 },
  });
  const total = schemes.data?.total;

  return (
    <>
      <p>{t("knowledge.aids.intro")}</p>
      {total !== undefined && (
        <p className="kb-aids-count">
          {total > 0 ? t("knowledge.aids.count", { count: total }) : t("knowledge.aids.empty")}
          {total === 0 && base.canManage && <> {t("knowledge.aids.emptyManager")}</>}
        </p>
      )}
      {schemes.error !== null && (
        <ErrorNotice error={schemes.error} onRetry={() => void schemes.reload()} />
      )}
      {base.canManage && (
        <AidImportForm baseId={base.id} onImported={() => void schemes.reload()} />
      )}
      <AidFinder baseId={base.id} />
    </>
  );
}
