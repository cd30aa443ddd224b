import { useEffect, useRef, useState } from "react";
import { EmptyState, ErrorNotice, Loading, PageHeading } from "../../components/feedback";
import { useResource } from "../../components/use-resource";
import { t } from "../../i18n";
import { Link } from "../../router";
import { useSession } from "../../session";
import { settingLabel } from "./base-form";
import { takeFlash } from "./flash";
import { readersText } from "./readers";

/** `/bases`: the bases the person may read. */
export function BasesList() {
  // After a base is deleted, say so once: the status region is on the page empty first, then
  // filled, so that screen readers announce it.
  const [notice, setNotice] = useState<string>();
  const flash = useRef<string | undefined>(undefined);
  useEffect(() => {
    flash.current ??= takeFlash();
    const message = flash.current;
    if (!message) return;
    const timer = setTimeout(() => setNotice(message), 100);
    return () => clearTimeout(timer);
  }, []);
  const { can } = useSession();
  const bases = useResource("GET /api/knowledge-bases");
  const writer = can("knowledge:write");
  return (
    <div className="page">
      <PageHeading title={t("knowledge.title")}>
        {writer && (
          <Link href="/bases/nouvelle" className="button">
            {t("knowledge.create")}
          </Link>
        )}
      </PageHeading>
      <p className="lead">{t("knowledge.intro")}</p>
      <div role="status">
        {notice && (
          <div className="notice notice-success">
            <p>{notice}</p>
          </div>
        )}
      </div>
      <div aria-busy={bases.loading}>
        {bases.loading && !bases.data && <Loading />}
        {bases.error !== null && (
          <ErrorNotice error={bases.error} onRetry={() => void bases.reload()} />
        )}
        {bases.data && bases.data.length === 0 && (
          <EmptyState title={t("knowledge.list.empty")}>
            <p>{writer ? t("knowledge.list.emptyWriter") : t("knowledge.list.emptyReader")}</p>
          </EmptyState>
        )}
        {bases.data && bases.data.length > 0 && (
          <div className="table-wrapper">
            <table>
              <caption>{t("knowledge.list.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("knowledge.list.name")}</th>
                  <th scope="col">{t("knowledge.list.owner")}</th>
                  <th scope="col">{t("knowledge.list.readers")}</th>
                  <th scope="col">{t("knowledge.list.documents")}</th>
                  <th scope="col">{t("knowledge.list.personalData")}</th>
                </tr>
              </thead>
              <tbody>
                {bases.data.map((base) => (
                  <tr key={base.id}>
                    <th scope="row">
                      <Link href={`/bases/${encodeURIComponent(base.id)}`}>{base.name}</Link>
                      {base.description && (
                        <p className="hint kb-description">{base.description}</p>
                      )}
                    </th>
                    <td>{base.ownerDirection.path}</td>
                    <td>{readersText(base)}</td>
                    <td>{t("knowledge.list.count", { count: base.documentCount })}</td>
                    <td>{settingLabel(base.personalData)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
