import { useId } from "react";
import { EmptyState, ErrorNotice, Loading } from "../../components/feedback";
import type { Resource } from "../../components/use-resource";
import { formatDateTime, formatNumber } from "../../i18n";
import { te } from "./i18n";
import { type Report, subjectOf } from "./types";

/** One report: what worked, what did not, the minutes saved, the author's direction. */
export function ReportCard(props: { report: Report; showStatus?: boolean; headingLevel?: 3 | 4 }) {
  const { report } = props;
  const Heading = props.headingLevel === 4 ? "h4" : "h3";
  return (
    <article className="experience-report">
      {props.showStatus !== false && (
        <Heading className="experience-report-title">
          {subjectOf(report, te("experience.report.unknownSubject"))}
        </Heading>
      )}
      <p className="hint">
        {formatDateTime(report.createdAt)}
        {report.directionPath &&
          ` · ${te("experience.report.from", { direction: report.directionPath })}`}
        {props.showStatus !== false &&
          ` · ${te("experience.statusOf", { status: te(`experience.status.${report.status}`) })}`}
      </p>
      <dl className="experience-fields">
        <dt>{te("experience.report.worked")}</dt>
        <dd>{report.worked}</dd>
        {report.didNotWork && (
          <>
            <dt>{te("experience.report.didNotWork")}</dt>
            <dd>{report.didNotWork}</dd>
          </>
        )}
      </dl>
      {report.minutesSaved !== null && (
        <p>{te("experience.report.minutes", { minutes: formatNumber(report.minutesSaved, 1) })}</p>
      )}
    </article>
  );
}

/** The published reports, grouped by use case or assistant. */
export function PublishedReports(props: { reports: Resource<Report[]> }) {
  const id = useId();
  const { reports } = props;
  const groups = new Map<string, Report[]>();
  for (const report of reports.data ?? []) {
    const key = `${report.subjectKind}:${report.subjectId}`;
    groups.set(key, [...(groups.get(key) ?? []), report]);
  }
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{te("experience.published.title")}</h2>
      {reports.error !== null && (
        <ErrorNotice error={reports.error} onRetry={() => void reports.reload()} />
      )}
      {reports.loading && !reports.data && <Loading />}
      {reports.data?.length === 0 && <EmptyState title={te("experience.published.empty")} />}
      {[...groups].map(([key, group]) => {
        const [first] = group;
        if (!first) return null;
        return (
          <section key={key} aria-labelledby={`${id}-${key}`} className="experience-group">
            <h3 id={`${id}-${key}`}>
              {subjectOf(first, te("experience.report.unknownSubject"))}{" "}
              <span className="hint">({te("experience.count", { count: group.length })})</span>
            </h3>
            {group.map((report) => (
              <ReportCard key={report.id} report={report} showStatus={false} />
            ))}
          </section>
        );
      })}
    </section>
  );
}

/** The caller's own reports and where each stands. */
export function MyReports(props: { reports: Resource<Report[]> }) {
  const id = useId();
  const { reports } = props;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{te("experience.mine.title")}</h2>
      {reports.error !== null && (
        <ErrorNotice error={reports.error} onRetry={() => void reports.reload()} />
      )}
      {reports.loading && !reports.data && <Loading />}
      {reports.data?.length === 0 && <EmptyState title={te("experience.mine.empty")} />}
      {reports.data?.map((report) => (
        <ReportCard key={report.id} report={report} />
      ))}
    </section>
  );
}
