import { useId, useState } from "react";
import { call } from "../../api/client";
import { EmptyState, ErrorNotice, Loading } from "../../components/feedback";
import { useAction } from "../../components/use-action";
import { useResource } from "../../components/use-resource";
import { te } from "./i18n";
import { ReportCard } from "./reports";
import { StatusMessage } from "./status-message";
import { type Report, subjectOf } from "./types";

/**
 * The reports waiting for the caller (a referent of the owning direction, or
 * an administrator): publish one for every agent, or set it aside.
 */
export function CurationQueue(props: { onCurated: () => Promise<void> }) {
  const id = useId();
  const queue = useResource("GET /api/experiences/queue");
  const action = useAction();
  const [done, setDone] = useState<{ text: string; count: number } | null>(null);

  const curate = (report: Report, status: "published" | "set-aside") =>
    void action.run(async () => {
      await call("POST /api/experiences/:id/curation", {
        params: { id: report.id },
        body: { status },
      });
      const subject = subjectOf(report, te("experience.report.unknownSubject"));
      setDone((last) => ({
        text:
          status === "published"
            ? te("experience.queue.published", { subject })
            : te("experience.queue.setAsideDone", { subject }),
        count: (last?.count ?? 0) + 1,
      }));
      await Promise.all([queue.reload(), props.onCurated()]);
    });

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{te("experience.queue.title")}</h2>
      <p className="hint">{te("experience.queue.intro")}</p>
      <StatusMessage message={done} />
      {action.error !== null && <ErrorNotice error={action.error} />}
      {queue.error !== null && (
        <ErrorNotice error={queue.error} onRetry={() => void queue.reload()} />
      )}
      {queue.loading && !queue.data && <Loading />}
      {queue.data?.length === 0 && <EmptyState title={te("experience.queue.empty")} />}
      {queue.data?.map((report) => {
        const subject = subjectOf(report, te("experience.report.unknownSubject"));
        return (
          <div key={report.id} className="experience-queue-item">
            <ReportCard report={report} />
            <div className="actions">
              <button
                type="button"
                className="button button-small"
                aria-label={te("experience.queue.publishFor", { subject })}
                aria-disabled={action.busy}
                onClick={() => curate(report, "published")}
              >
                {te("experience.queue.publish")}
              </button>
              <button
                type="button"
                className="button-secondary button-small"
                aria-label={te("experience.queue.setAsideFor", { subject })}
                aria-disabled={action.busy}
                onClick={() => curate(report, "set-aside")}
              >
                {te("experience.queue.setAside")}
              </button>
            </div>
          </div>
        );
      })}
    </section>
  );
}
