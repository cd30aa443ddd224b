import { useId } from "react";
import { ApiError } from "../../api/client";
import { ErrorNotice, Loading } from "../../components/feedback";
import { useResource } from "../../components/use-resource";
import { formatDateTime, type MessageKey, t } from "../../i18n";
import type { KnowledgeBase } from "./types";

const SEVERITY_BADGE = { info: "badge-info", warning: "badge-warning", error: "badge-error" };

/** "Qualité": the audit's findings, each naming its documents and quoting its passages (masked). */
export function QualitySection(props: { base: KnowledgeBase }) {
  const id = useId();
  const audit = useResource("GET /api/knowledge-bases/:id/audit", {
    params: { id: props.base.id },
  });
  const report = audit.data;
  const forbidden = audit.error instanceof ApiError && audit.error.status === 403;
  return (
    <section aria-labelledby={`${id}-title`} aria-busy={audit.loading}>
      <h2 id={`${id}-title`}>{t("knowledge.quality.title")}</h2>
      <p>{t("knowledge.quality.intro")}</p>
      {audit.loading && !report && <Loading />}
      {forbidden && (
        <div className="notice notice-info">
          <p>{t("knowledge.quality.forbidden")}</p>
        </div>
      )}
      {audit.error !== null && !forbidden && (
        <ErrorNotice error={audit.error} onRetry={() => void audit.reload()} />
      )}
      {report && (
        <>
          <p>
            {t("knowledge.quality.summary", {
              total: t("knowledge.list.count", { count: report.documents.total }),
              ready: t("knowledge.quality.ready", { count: report.documents.ready }),
              failed: t("knowledge.quality.failed", { count: report.documents.failed }),
              quarantined: t("knowledge.quality.quarantined", {
                count: report.documents.quarantined,
              }),
              words: t("knowledge.documents.words", { count: report.documents.words }),
            })}{" "}
            <span className="hint">
              {t("knowledge.quality.generated", { date: formatDateTime(report.generatedAt) })}
            </span>
          </p>
          {!report.personalDataChecked && (
            <div className="notice notice-warning">
              <p>{t("knowledge.quality.unchecked")}</p>
            </div>
          )}
          <div className="actions">
            <button
              type="button"
              className="button-secondary"
              disabled={audit.loading}
              onClick={() => void audit.reload()}
            >
              {t("knowledge.quality.refresh")}
            </button>
          </div>
          {report.findings.length === 0 ? (
            <p className="notice notice-success">{t("knowledge.quality.none")}</p>
          ) : (
            <ul className="kb-findings">
              {report.findings.map((finding, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the findings of one report, in order
                <li key={index} className="kb-finding">
                  <p>
                    <span className={`badge ${SEVERITY_BADGE[finding.severity]}`}>
                      {t(`knowledge.quality.severity.${finding.severity}` as MessageKey)}
                    </span>{" "}
                    {finding.message}
                  </p>
                  {finding.documents.length > 0 && (
                    <p className="hint">
                      {t("knowledge.quality.documents", {
                        names: finding.documents.map((document) => document.fileName).join(", "),
                      })}
                    </p>
                  )}
                  {finding.passages.slice(0, 3).map((passage, at) => (
                    <blockquote
                      // biome-ignore lint/suspicious/noArrayIndexKey: excerpts of one finding, in order
                      key={at}
                      className="kb-excerpt"
                    >
                      {passage.excerpt}
                    </blockquote>
                  ))}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
