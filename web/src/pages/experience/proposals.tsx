import { type FormEvent, useId, useRef, useState } from "react";
import { call } from "../../api/client";
import { EmptyState, ErrorNotice, Loading } from "../../components/feedback";
import { describedBy, Field, focusFirstInvalid, useFormErrors } from "../../components/fields";
import { useAction } from "../../components/use-action";
import { type Resource, useResource } from "../../components/use-resource";
import { formatDateTime, t } from "../../i18n";
import { useSession } from "../../session";
import { te } from "./i18n";
import { useRefusal } from "./refusal";
import { StatusMessage } from "./status-message";
import { MAX_TEXT, type Proposal, type ProposalKind } from "./types";

/** The bases' names, by id, for those who may read them. */
function useBaseNames() {
  const { can } = useSession();
  const bases = useResource(can("knowledge:read") ? "GET /api/knowledge-bases" : null);
  return {
    bases,
    name: (id: string | null) =>
      (id && bases.data?.find((base) => base.id === id)?.name) ?? id ?? "",
  };
}

/** What a proposal is about, as the page says it. */
const targetOf = (proposal: Proposal, baseName: (id: string | null) => string) =>
  proposal.kind === "charter"
    ? te("experience.proposal.on.charter")
    : te("experience.proposal.on.base", { base: baseName(proposal.baseId) });

/**
 * A proposal to change the charter or a knowledge base the agent may read,
 * and the agent's own proposals with their answers.
 */
export function ProposalForm() {
  const id = useId();
  const { bases, name } = useBaseNames();
  const mine = useResource("GET /api/proposals/mine");
  const [kind, setKind] = useState<ProposalKind>("charter");
  const [baseId, setBaseId] = useState("");
  const [text, setText] = useState("");
  const { errors, summary, form, check } = useFormErrors<"base" | "text">((count) =>
    te("experience.formErrors", { count }),
  );
  const [sent, setSent] = useState<{ text: string; count: number } | null>(null);
  const action = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: { base?: string; text?: string } = {};
    if (kind === "base" && !baseId) found.base = te("experience.proposal.baseRequired");
    if (!text.trim()) found.text = te("experience.proposal.textRequired");
    else if (text.trim().length > MAX_TEXT) found.text = te("experience.form.tooLong");
    action.clear();
    if (!check(found)) return;
    void action.run(async () => {
      await call("POST /api/proposals", {
        body: { kind, text: text.trim(), ...(kind === "base" && { baseId }) },
      });
      setText("");
      setSent((last) => ({ text: te("experience.proposal.sent"), count: (last?.count ?? 0) + 1 }));
      await mine.reload();
    });
  };

  const refusal = useRefusal(action.error, form);
  const textError = errors.text ?? refusal.messageFor("proposal");

  return (
    <>
      <section aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{te("experience.proposal.title")}</h2>
        <p className="hint">{te("experience.proposal.intro")}</p>
        <StatusMessage message={sent} />
        <form ref={form} className="form experience-form" noValidate onSubmit={submit}>
          {summary && (
            <div className="notice notice-error" role="alert">
              <p>{summary}</p>
            </div>
          )}
          <fieldset>
            <legend>{te("experience.proposal.kind")}</legend>
            {(["charter", "base"] as const).map((value) => (
              <div className="checkbox" key={value}>
                <input
                  type="radio"
                  id={`${id}-kind-${value}`}
                  name={`${id}-kind`}
                  value={value}
                  checked={kind === value}
                  onChange={() => setKind(value)}
                />
                <label htmlFor={`${id}-kind-${value}`}>
                  {te(`experience.proposal.kind.${value}`)}
                </label>
              </div>
            ))}
          </fieldset>
          {kind === "base" && (
            <Field id={`${id}-base`} label={te("experience.proposal.base")} error={errors.base}>
              <select
                id={`${id}-base`}
                value={baseId}
                required
                aria-invalid={errors.base ? true : undefined}
                aria-describedby={describedBy(`${id}-base`, false, errors.base)}
                onChange={(event) => setBaseId(event.target.value)}
              >
                <option value="">{te("experience.form.choose")}</option>
                {bases.data?.map((base) => (
                  <option key={base.id} value={base.id}>
                    {base.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field
            id={`${id}-text`}
            label={te("experience.proposal.text")}
            hint={te("experience.proposal.textHint")}
            error={textError}
          >
            <textarea
              id={`${id}-text`}
              rows={4}
              value={text}
              required
              aria-invalid={textError ? true : undefined}
              aria-describedby={describedBy(`${id}-text`, true, textError)}
              onChange={(event) => setText(event.target.value)}
            />
          </Field>
          {action.error !== null && refusal.messageFor("proposal") === undefined && (
            <ErrorNotice error={action.error} />
          )}
          <div className="actions">
            <button type="submit" className="button" aria-disabled={action.busy}>
              {action.busy ? t("state.saving") : te("experience.proposal.submit")}
            </button>
          </div>
        </form>
      </section>
      <MyProposals proposals={mine} baseName={name} />
    </>
  );
}

function MyProposals(props: {
  proposals: Resource<Proposal[]>;
  baseName: (id: string | null) => string;
}) {
  const id = useId();
  const { proposals } = props;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{te("experience.proposal.mine")}</h2>
      {proposals.error !== null && (
        <ErrorNotice error={proposals.error} onRetry={() => void proposals.reload()} />
      )}
      {proposals.loading && !proposals.data && <Loading />}
      {proposals.data?.length === 0 && <EmptyState title={te("experience.proposal.mineEmpty")} />}
      {proposals.data && proposals.data.length > 0 && (
        <ul className="experience-proposals">
          {proposals.data.map((proposal) => (
            <li key={proposal.id}>
              <p className="hint">
                {formatDateTime(proposal.createdAt)} · {targetOf(proposal, props.baseName)} ·{" "}
                {te(`experience.proposal.status.${proposal.status}`)}
              </p>
              <p>{proposal.text}</p>
              {proposal.answer && (
                <p>{te("experience.proposal.answer", { answer: proposal.answer })}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * Every proposal, for administrators (who answer the open ones) and
 * auditors (who read them).
 */
export function ProposalsAdmin() {
  const id = useId();
  const { can } = useSession();
  const { name } = useBaseNames();
  const proposals = useResource("GET /api/proposals");
  const [done, setDone] = useState<{ text: string; count: number } | null>(null);
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{te("experience.admin.title")}</h2>
      <StatusMessage message={done} />
      {proposals.error !== null && (
        <ErrorNotice error={proposals.error} onRetry={() => void proposals.reload()} />
      )}
      {proposals.loading && !proposals.data && <Loading />}
      {proposals.data?.length === 0 && <EmptyState title={te("experience.admin.empty")} />}
      {proposals.data?.map((proposal) => (
        <article key={proposal.id} className="experience-report">
          <h3 className="experience-report-title">
            {te("experience.admin.proposalOf", { date: formatDateTime(proposal.createdAt) })}
          </h3>
          <p className="hint">
            {targetOf(proposal, name)} · {te(`experience.proposal.status.${proposal.status}`)}
          </p>
          <p>{proposal.text}</p>
          {proposal.answer && (
            <p>{te("experience.proposal.answer", { answer: proposal.answer })}</p>
          )}
          {proposal.status === "open" && can("settings:write") && (
            <AnswerForm
              proposal={proposal}
              onAnswered={async () => {
                setDone((last) => ({
                  text: te("experience.admin.answered"),
                  count: (last?.count ?? 0) + 1,
                }));
                await proposals.reload();
              }}
            />
          )}
        </article>
      ))}
    </section>
  );
}

function AnswerForm(props: { proposal: Proposal; onAnswered: () => Promise<void> }) {
  const id = useId();
  const [decision, setDecision] = useState<"accepted" | "declined">("accepted");
  const [answer, setAnswer] = useState("");
  const [error, setError] = useState<string | undefined>();
  const action = useAction();
  const form = useRef<HTMLFormElement>(null);
  const date = formatDateTime(props.proposal.createdAt);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = !answer.trim()
      ? te("experience.admin.answerRequired")
      : answer.trim().length > MAX_TEXT
        ? te("experience.form.tooLong")
        : undefined;
    setError(found);
    action.clear();
    if (found) {
      focusFirstInvalid(form.current);
      return;
    }
    void action.run(async () => {
      await call("POST /api/proposals/:id/answer", {
        params: { id: props.proposal.id },
        body: { decision, answer: answer.trim() },
      });
      await props.onAnswered();
    });
  };

  const refusal = useRefusal(action.error, form);
  const answerError = error ?? refusal.messageFor("answer");

  return (
    <form ref={form} className="form experience-form" noValidate onSubmit={submit}>
      <fieldset>
        <legend>{te("experience.admin.decision")}</legend>
        {(["accepted", "declined"] as const).map((value) => (
          <div className="checkbox" key={value}>
            <input
              type="radio"
              id={`${id}-${value}`}
              name={`${id}-decision`}
              value={value}
              checked={decision === value}
              onChange={() => setDecision(value)}
            />
            <label htmlFor={`${id}-${value}`}>
              {te(value === "accepted" ? "experience.admin.accept" : "experience.admin.decline")}
            </label>
          </div>
        ))}
      </fieldset>
      <Field
        id={`${id}-answer`}
        label={te("experience.admin.answer")}
        hint={te("experience.admin.answerHint")}
        error={answerError}
      >
        <textarea
          id={`${id}-answer`}
          rows={3}
          value={answer}
          required
          aria-invalid={answerError ? true : undefined}
          aria-describedby={describedBy(`${id}-answer`, true, answerError)}
          onChange={(event) => setAnswer(event.target.value)}
        />
      </Field>
      {action.error !== null && refusal.messageFor("answer") === undefined && (
        <ErrorNotice error={action.error} />
      )}
      <div className="actions">
        <button
          type="submit"
          className="button"
          aria-disabled={action.busy}
          aria-label={te("experience.admin.sendFor", { date })}
        >
          {action.busy ? t("state.saving") : te("experience.admin.send")}
        </button>
      </div>
    </form>
  );
}
