import { useState } from "react";
import { call } from "../api/client";
import type { CurrentCharter } from "../api/types";
import { ErrorNotice, PageHeading } from "../components/feedback";
import { formatDateTime, t } from "../i18n";
import { useSession } from "../session";

/** The charter's own words: title, principles, the AI notice. */
export function CharterText(props: { charter: CurrentCharter }) {
  const { charter } = props;
  return (
    <div className="charter-text">
      <p className="hint">
        {t("charter.version", {
          version: charter.version,
          date: formatDateTime(charter.createdAt),
        })}
      </p>
      <h2>{t("charter.principles")}</h2>
      <div className="prose">{charter.charter.principles}</div>
      {charter.charter.disclosure && (
        <>
          <h2>{t("charter.disclosure")}</h2>
          <p>{charter.charter.disclosure}</p>
        </>
      )}
    </div>
  );
}

type SinceAccepted = NonNullable<CurrentCharter["sinceAccepted"]>;

/** A list of rule sections, each under its title. */
function RuleList(props: { sections: SinceAccepted["added"] }) {
  return props.sections.map((section) => (
    <div key={section.title}>
      <h4>{section.title}</h4>
      <ul>
        {section.sentences.map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>
    </div>
  ));
}

/** For an agent who accepted an earlier version: what the new one changes, before its text. */
function CharterChanges(props: { since: SinceAccepted }) {
  const { since } = props;
  const rulesChanged = since.added.length > 0 || since.removed.length > 0;
  return (
    <section className="notice notice-info charter-changes" aria-labelledby="charter-changes">
      <h2 id="charter-changes">{t("charter.changes.title", { version: since.version })}</h2>
      <p>
        {t("charter.changes.intro", {
          version: since.version,
          date: formatDateTime(since.acceptedAt),
        })}
      </p>
      {since.added.length > 0 && (
        <>
          <h3>{t("charter.changes.added")}</h3>
          <RuleList sections={since.added} />
        </>
      )}
      {since.removed.length > 0 && (
        <>
          <h3>{t("charter.changes.removed")}</h3>
          <RuleList sections={since.removed} />
        </>
      )}
      {since.principlesChanged && <p>{t("charter.changes.principles")}</p>}
      {since.disclosureChanged && <p>{t("charter.changes.disclosure")}</p>}
      {!rulesChanged && !since.principlesChanged && !since.disclosureChanged && (
        <p>{t("charter.changes.none")}</p>
      )}
    </section>
  );
}

/** Before first use, and on each new version: read the charter and accept it. */
export function CharterAcceptancePage() {
  const { charter, refresh, signOut } = useSession();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!charter) return null;
  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      await call("POST /api/charter/accept");
      await refresh();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  return (
    <main id="contenu" className="page narrow" tabIndex={-1}>
      <PageHeading title={charter.title} />
      <p className="lead">{t("charter.acceptIntro")}</p>
      {charter.sinceAccepted && <CharterChanges since={charter.sinceAccepted} />}
      <CharterText charter={charter} />
      {error !== null && <ErrorNotice error={error} />}
      <div className="actions">
        <button type="button" className="button" onClick={accept} disabled={busy}>
          {t("charter.accept", { version: charter.version })}
        </button>
        <button type="button" className="button-tertiary" onClick={() => void signOut()}>
          {t("auth.signOut")}
        </button>
      </div>
    </main>
  );
}

/** The charter in force, for anyone signed in (linked from the footer). */
export function CharterPage() {
  const { charter } = useSession();
  if (!charter) return null;
  return (
    <section className="page narrow">
      <PageHeading title={charter.title} />
      <CharterText charter={charter} />
      {charter.acceptedAt && (
        <p className="hint">
          {t("charter.acceptedAt", { date: formatDateTime(charter.acceptedAt) })}
        </p>
      )}
    </section>
  );
}
