import { useEffect, useRef } from "react";
import { Markdown } from "../../components/markdown";
import { Link } from "../../router";
import { tu } from "./i18n";
import type { Run } from "./run-page";

/** A run's answer, its checklist and the baseline (first when no model wrote the answer). */
export function RunResult(props: { run: Run }) {
  const { run } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const passed = run.checks.filter((check) => check.passed).length;
  const summary =
    run.checks.length > 0 ? tu("usecases.checksSummary", { passed, total: run.checks.length }) : "";
  const answer = (
    <section className="usecase-answer" aria-labelledby="usecase-answer-title">
      <h3 id="usecase-answer-title">
        {run.answer?.mode === "model" ? tu("usecases.answer") : tu("usecases.answerExtractive")}
      </h3>
      {run.answer ? (
        <Markdown text={run.answer.content} />
      ) : (
        <p>{tu("usecases.refused", { message: run.refusal?.message ?? "" })}</p>
      )}
      {run.checks.length > 0 && (
        <>
          <h4>{tu("usecases.checklist")}</h4>
          <p>{summary}</p>
          <ul className="usecase-checklist">
            {run.checks.map((check) => (
              <li key={check.id} className={check.passed ? "check-passed" : "check-failed"}>
                <span className={`badge ${check.passed ? "badge-success" : "badge-error"}`}>
                  {check.passed ? tu("usecases.checkPassed") : tu("usecases.checkFailed")}
                </span>{" "}
                {check.label}
                {check.detail && <span className="hint"> — {check.detail}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
  const baseline = (
    <section className="usecase-baseline" aria-labelledby="usecase-baseline-title">
      <h3 id="usecase-baseline-title">{tu("usecases.baseline")}</h3>
      <p className="hint">{tu("usecases.baselineHint")}</p>
      {run.baseline.text !== null ? (
        <pre className="usecase-baseline-text">{run.baseline.text}</pre>
      ) : (
        <p>{tu("usecases.baselineNone")}</p>
      )}
    </section>
  );
  return (
    <section className="usecase-result" aria-labelledby="usecase-result-title">
      <h2 id="usecase-result-title" ref={heading} tabIndex={-1}>
        {tu("usecases.result")}
      </h2>
      <p className="visually-hidden" role="status">
        {tu("usecases.announce", { summary })}
      </p>
      {run.baselineFirst && <p className="notice">{tu("usecases.baselineFirst")}</p>}
      {run.baselineFirst ? [baseline, answer] : [answer, baseline]}
      <details className="usecase-prompt">
        <summary>{tu("usecases.prompt", { version: run.useCase.version })}</summary>
        <pre>{run.prompt}</pre>
      </details>
      {run.conversationId !== null && (
        <p>
          <Link
            href={`/conversations/${encodeURIComponent(run.conversationId)}`}
            className="button"
          >
            {tu("usecases.continue")}
          </Link>
        </p>
      )}
    </section>
  );
}
