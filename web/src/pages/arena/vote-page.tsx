import { type RefObject, useCallback, useEffect, useId, useRef, useState } from "react";
import { ApiError } from "../../api/client";
import { postForEvents } from "../../api/stream";
import { ErrorNotice, Loading, PageHeading } from "../../components/feedback";
import { Markdown } from "../../components/markdown";
import { useResource } from "../../components/use-resource";
import { Link } from "../../router";
import { ta } from "./i18n";
import { caseForm } from "./question-form";
import { RevealView } from "./reveal";
import { campaignPath, type Match, type Reveal, type UseCaseForm } from "./types";
import { VoteForm } from "./vote-form";

/** A duel being written: its case, and the two answers so far. */
interface Writing {
  case: Match["case"];
  a: string;
  b: string;
}

type Phase =
  | { kind: "loading" }
  | { kind: "writing"; writing: Writing }
  | { kind: "match"; match: Match }
  | { kind: "revealed"; match: Match; reveal: Reveal }
  | { kind: "done" }
  | { kind: "error"; error: unknown };

/**
 * `/comparaisons/:id/voter`: the blind vote. A case and two anonymous
 * answers side by side (stacked on a phone), « Votre avis » and why; after
 * « Voter », who was who and what each answer cost, announced and focused;
 * « Duel suivant » until every pair has been seen.
 */
export function VotePage(props: { id: string }) {
  const campaign = useResource("GET /api/arena/campaigns/:id", { params: { id: props.id } });
  const forms = useResource("GET /api/usecase-forms");
  const [phase, setPhase] = useState<Phase>({ kind: "loading" });
  const [announce, setAnnounce] = useState("");
  /** Set by « Duel suivant »: what comes next takes the focus (not on the page's first load). */
  const moveFocus = useRef(false);
  const caseHeading = useRef<HTMLHeadingElement>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);

  const next = useCallback(async () => {
    setPhase({ kind: "loading" });
    try {
      // The two answers are written side by side as the models write them; the vote opens at the end.
      let writing: Writing | undefined;
      for await (const { event, data } of postForEvents("POST /api/arena/campaigns/:id/next", {
        params: { id: props.id },
      })) {
        if (event === "case") {
          writing = { case: data as Match["case"], a: "", b: "" };
          setPhase({ kind: "writing", writing });
        } else if (event === "reset") {
          setPhase({ kind: "loading" });
        } else if (event === "delta" && writing) {
          const { side, text } = data as { side: "a" | "b"; text: string };
          writing = { ...writing, [side]: writing[side] + text };
          setPhase({ kind: "writing", writing });
        } else if (event === "done") {
          setPhase({ kind: "match", match: data as Match });
          return;
        } else if (event === "error") {
          const { code, message } = data as { code: string; message: string };
          throw new ApiError(500, code, message);
        }
      }
    } catch (error) {
      if (error instanceof ApiError && error.code === "arena_nothing_left")
        setPhase({ kind: "done" });
      else setPhase({ kind: "error", error });
    }
  }, [props.id]);

  useEffect(() => {
    void next();
  }, [next]);

  useEffect(() => {
    if (!moveFocus.current) return;
    if (phase.kind === "match") caseHeading.current?.focus();
    else if (phase.kind === "done") doneHeading.current?.focus();
    else return;
    moveFocus.current = false;
  }, [phase]);

  const name = campaign.data?.name ?? "";
  const useCase = caseForm(campaign.data, forms.data);
  return (
    <div className="page">
      <p>
        <Link href={campaignPath(props.id)}>{ta("arena.backCampaign")}</Link>
      </p>
      <PageHeading title={ta("arena.vote.title", { name })} />
      <p>{ta("arena.vote.intro")}</p>
      <p className="visually-hidden" role="status">
        {announce}
      </p>
      {phase.kind === "loading" && <Loading label={ta("arena.vote.preparing")} />}
      {phase.kind === "error" && (
        <ErrorNotice error={phase.error} onRetry={() => void next()}>
          <p>
            <Link href={campaignPath(props.id)}>{ta("arena.backCampaign")}</Link>
          </p>
        </ErrorNotice>
      )}
      {phase.kind === "done" && <Done id={props.id} heading={doneHeading} />}
      {phase.kind === "writing" && (
        <>
          <CaseView match={phase.writing} useCase={useCase} heading={caseHeading} />
          <p role="status">{ta("arena.vote.writing")}</p>
          <Answers match={phase.writing} busy />
        </>
      )}
      {(phase.kind === "match" || phase.kind === "revealed") && (
        <>
          <CaseView match={phase.match} useCase={useCase} heading={caseHeading} />
          <Answers match={phase.match} />
          {phase.kind === "match" ? (
            <VoteForm
              key={phase.match.id}
              match={phase.match}
              onVoted={(reveal) => {
                setAnnounce(ta("arena.reveal.announce", { a: reveal.a.label, b: reveal.b.label }));
                setPhase({ kind: "revealed", match: phase.match, reveal });
              }}
            />
          ) : (
            <RevealView
              reveal={phase.reveal}
              onNext={() => {
                moveFocus.current = true;
                setAnnounce("");
                void next();
              }}
            />
          )}
        </>
      )}
    </div>
  );
}

/** The test case: its title, then its values as the use case's form names them. */
function CaseView(props: {
  match: Pick<Match, "case">;
  useCase: UseCaseForm | undefined;
  heading: RefObject<HTMLHeadingElement | null>;
}) {
  const id = useId();
  const { match, useCase } = props;
  const label = (fieldId: string) =>
    useCase?.fields.find((field) => field.id === fieldId)?.label ?? fieldId;
  return (
    <section aria-labelledby={`${id}-case`} className="arena-case">
      <h2 id={`${id}-case`} ref={props.heading} tabIndex={-1}>
        {ta("arena.vote.case", { title: match.case.title })}
      </h2>
      <dl>
        {Object.entries(match.case.values).map(([fieldId, value]) => (
          <div key={fieldId}>
            <dt>{label(fieldId)}</dt>
            <dd>{typeof value === "string" ? value : JSON.stringify(value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The two anonymous answers, side by side on a wide screen, one above the other on a phone. */
function Answers(props: {
  match: { a: { text: string } | string; b: { text: string } | string };
  busy?: boolean;
}) {
  const id = useId();
  const text = (side: "a" | "b") => {
    const answer = props.match[side];
    return typeof answer === "string" ? answer : answer.text;
  };
  return (
    <div className="arena-answers">
      {(["a", "b"] as const).map((side) => (
        <section
          key={side}
          className="arena-answer"
          aria-labelledby={`${id}-${side}`}
          aria-busy={props.busy ? true : undefined}
        >
          <h2 id={`${id}-${side}`}>
            {ta(side === "a" ? "arena.vote.answerA" : "arena.vote.answerB")}
          </h2>
          <Markdown text={text(side)} />
        </section>
      ))}
    </div>
  );
}

function Done(props: { id: string; heading: RefObject<HTMLHeadingElement | null> }) {
  return (
    <section className="notice notice-success" aria-labelledby="arena-done">
      <h2 id="arena-done" ref={props.heading} tabIndex={-1}>
        {ta("arena.done.title")}
      </h2>
      <p>{ta("arena.done.body")}</p>
      <p>
        <Link href={campaignPath(props.id, "classement")}>{ta("arena.done.ranking")}</Link>
      </p>
    </section>
  );
}
