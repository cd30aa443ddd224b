import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { type BodyOf, call } from "../../api/client";
import { ErrorNotice } from "../../components/feedback";
import { useAction } from "../../components/use-action";
import { type MessageKey, t } from "../../i18n";
import { AidResults } from "./aid-results";
import type { AidFinding } from "./types";

type FindBody = BodyOf<"POST /api/knowledge-bases/:id/aids/find">;

/** The statuses the form offers, as the finder's stable keys. */
const STATUSES = [
  "etudiant",
  "apprenti",
  "lyceen",
  "demandeur_emploi",
  "beneficiaire_rsa",
  "handicap",
] as const;

/** What the status region says once the finder has answered. */
function announcement(finding: AidFinding): string {
  const found =
    finding.aids.length === 0
      ? t("knowledge.aids.results.none")
      : t("knowledge.aids.results.found", { count: finding.aids.length });
  if (finding.excluded.length === 0) return found;
  return `${found} ${t("knowledge.aids.results.setApart", { count: finding.excluded.length })}`;
}

/**
 * "Trouver les aides d'une personne": a question, and optionally an age, a
 * place and statuses; the answer says the situation as read, the aids that may
 * fit and those set apart. An empty form is the server's to refuse, in its words.
 */
export function AidFinder(props: { baseId: string }) {
  const id = useId();
  const [question, setQuestion] = useState("");
  const [age, setAge] = useState("");
  const [place, setPlace] = useState("");
  const [statuses, setStatuses] = useState<string[]>([]);
  const [ageError, setAgeError] = useState<string>();
  const [finding, setFinding] = useState<AidFinding>();
  const [said, setSaid] = useState("");
  const { busy, error, run } = useAction();
  const ageInput = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const notice = useRef<HTMLDivElement>(null);

  const find = (event: FormEvent) => {
    event.preventDefault();
    const years = age.trim() === "" ? undefined : Number(age);
    // Typed text a number field cannot read leaves its value empty: badInput says so.
    const unreadable = ageInput.current?.validity.badInput === true;
    if (
      unreadable ||
      (years !== undefined && !(Number.isInteger(years) && years >= 0 && years <= 120))
    ) {
      setAgeError(t("knowledge.aids.find.ageInvalid"));
      ageInput.current?.focus();
      return;
    }
    setAgeError(undefined);
    // Emptied first, so that the same count found twice is announced twice.
    setSaid("");
    void run(async () => {
      try {
        const found = await call("POST /api/knowledge-bases/:id/aids/find", {
          params: { id: props.baseId },
          body: {
            ...(question.trim() && { question: question.trim() }),
            ...(years !== undefined && { age: years }),
            ...(place.trim() && { place: place.trim() }),
            // At most the form's six statuses: within the schema's 20 (a tuple union in the contract).
            ...(statuses.length > 0 && { statuses: statuses as FindBody["statuses"] }),
          },
        });
        setFinding(found);
        setSaid(announcement(found));
      } catch (caught) {
        setFinding(undefined);
        throw caught;
      }
    });
  };
  // The answer's heading takes the focus, or a refusal does: what the agent reads next.
  useEffect(() => {
    if (finding) heading.current?.focus();
  }, [finding]);
  useEffect(() => {
    if (error !== null) notice.current?.focus();
  }, [error]);

  const toggle = (status: string, on: boolean) =>
    setStatuses((current) =>
      on ? [...current, status] : current.filter((entry) => entry !== status),
    );

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("knowledge.aids.find.title")}</h2>
      <form className="form" noValidate onSubmit={find}>
        <div className="field">
          <label htmlFor={`${id}-question`}>{t("knowledge.aids.find.question")}</label>
          <p className="hint" id={`${id}-question-hint`}>
            {t("knowledge.aids.find.questionHint")}
          </p>
          <textarea
            id={`${id}-question`}
            rows={3}
            maxLength={4000}
            value={question}
            aria-describedby={`${id}-question-hint`}
            onChange={(event) => setQuestion(event.target.value)}
          />
        </div>
        <div className="kb-aid-fields">
          <div className="field">
            <label htmlFor={`${id}-age`}>{t("knowledge.aids.find.age")}</label>
            <p className="hint" id={`${id}-age-hint`}>
              {t("knowledge.aids.find.ageHint")}
            </p>
            <input
              ref={ageInput}
              type="number"
              id={`${id}-age`}
              min={0}
              max={120}
              step={1}
              inputMode="numeric"
              value={age}
              aria-invalid={ageError ? true : undefined}
              aria-describedby={ageError ? `${id}-age-hint ${id}-age-error` : `${id}-age-hint`}
              onChange={(event) => setAge(event.target.value)}
            />
            {ageError && (
              <p className="field-error" id={`${id}-age-error`}>
                {ageError}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor={`${id}-place`}>{t("knowledge.aids.find.place")}</label>
            <p className="hint" id={`${id}-place-hint`}>
              {t("knowledge.aids.find.placeHint")}
            </p>
            <input
              type="text"
              id={`${id}-place`}
              maxLength={200}
              autoComplete="off"
              value={place}
              aria-describedby={`${id}-place-hint`}
              onChange={(event) => setPlace(event.target.value)}
            />
          </div>
        </div>
        <fieldset>
          <legend>{t("knowledge.aids.find.statuses")}</legend>
          {STATUSES.map((status) => (
            <div className="checkbox" key={status}>
              <input
                type="checkbox"
                id={`${id}-${status}`}
                checked={statuses.includes(status)}
                onChange={(event) => toggle(status, event.target.checked)}
              />
              <label htmlFor={`${id}-${status}`}>
                {t(`knowledge.aids.find.status.${status}` as MessageKey)}
              </label>
            </div>
          ))}
        </fieldset>
        <div className="actions">
          <button type="submit" className="button" aria-disabled={busy} aria-busy={busy}>
            {busy ? t("knowledge.aids.find.searching") : t("knowledge.aids.find.submit")}
          </button>
        </div>
      </form>
      <p className="notice notice-info">{t("knowledge.aids.find.note")}</p>
      <p role="status" className="kb-live">
        {said}
      </p>
      {error !== null && (
        <div ref={notice} tabIndex={-1}>
          <ErrorNotice error={error} />
        </div>
      )}
      {finding && <AidResults finding={finding} heading={heading} />}
    </section>
  );
}
