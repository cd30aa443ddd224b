import { useId, useRef, useState } from "react";
import { ApiError, call, urlOf } from "../../api/client";
import { ConfirmButton } from "../../components/dialog";
import { EmptyState, ErrorNotice, Loading, PageHeading } from "../../components/feedback";
import { useAction } from "../../components/use-action";
import { useResource } from "../../components/use-resource";
import { formatDateTime, type MessageKey, t } from "../../i18n";
import { useSession } from "../../session";
import { SelectField, StatusNotice } from "./shared";
import { offsetOf } from "./text-position";
import type { Direction } from "./types";
import { directionOptions } from "./users";

/** A problem of a definition file, as the API gives it (`usecase_invalid`'s details). */
interface Problem {
  line: number;
  column: number;
  path: string;
  message: string;
}

/** The problems of a refused file, or null for any other failure. */
function problemsOf(error: unknown): Problem[] | null {
  if (!(error instanceof ApiError) || error.code !== "usecase_invalid") return null;
  return Array.isArray(error.details) ? (error.details as Problem[]) : [];
}

/** A refused file's problems, each at its line; in the editor, a click puts the caret there. */
function Problems(props: { id: string; problems: Problem[]; goTo?: (problem: Problem) => void }) {
  return (
    <div className="notice notice-error" id={props.id} role="alert">
      <p>{t("admin.usecases.problems", { count: props.problems.length })}</p>
      <ul className="admin-problems">
        {props.problems.map((problem) => {
          const text = (
            <>
              {t("admin.usecases.problemAt", { line: problem.line, column: problem.column })}
              {problem.path && (
                <>
                  {" "}
                  <span className="admin-mono">{problem.path}</span>
                </>
              )}
              {t("admin.usecases.problemMessage", { message: problem.message })}
            </>
          );
          const { goTo } = props;
          return (
            <li key={`${problem.line}:${problem.column}:${problem.path}:${problem.message}`}>
              {goTo ? (
                <button type="button" className="button-tertiary" onClick={() => goTo(problem)}>
                  {text}
                </button>
              ) : (
                text
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** A failure: the file's problems at their lines, or the error's message. */
function Failure(props: { id: string; error: unknown; goTo?: (problem: Problem) => void }) {
  if (props.error === null) return null;
  const problems = problemsOf(props.error);
  if (problems === null || problems.length === 0) return <ErrorNotice error={props.error} />;
  return <Problems id={props.id} problems={problems} {...(props.goTo && { goTo: props.goTo })} />;
}

/** A file chosen and imported: a new use case, or a new version of the one of the same id. */
function ImportForm(props: {
  /** The directions an administrator may give the use case to; absent for a referent (theirs). */
  directions: Direction[] | undefined;
  onImported: (name: string, revision: number) => Promise<void>;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const importing = useAction();
  const [missing, setMissing] = useState(false);
  const [owner, setOwner] = useState("");
  const submit = () =>
    void importing.run(async () => {
      const file = input.current?.files?.[0];
      if (!file) {
        setMissing(true);
        input.current?.focus();
        return;
      }
      setMissing(false);
      const imported = await call("POST /api/usecases/import", {
        body: {
          yaml: await file.text(),
          ...(props.directions && { ownerDirectionId: owner === "" ? null : owner }),
        },
      });
      if (input.current) input.current.value = "";
      await props.onImported(imported.name, imported.revision);
    });
  const invalid = missing || importing.error !== null;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("admin.usecases.importTitle")}</h2>
      <div className="field">
        <label htmlFor={id}>{t("admin.usecases.importLabel")}</label>
        <p className="hint" id={`${id}-hint`}>
          {t("admin.usecases.importHint")}
        </p>
        <input
          id={id}
          ref={input}
          type="file"
          accept=".yaml,.yml,application/yaml,text/yaml"
          aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ""}`}
          aria-invalid={invalid ? true : undefined}
          onChange={() => setMissing(false)}
        />
        {missing && (
          <p className="field-error" id={`${id}-error`}>
            {t("admin.usecases.importNoFile")}
          </p>
        )}
      </div>
      {props.directions && (
        <SelectField
          label={t("admin.usecases.owner")}
          hint={t("admin.usecases.ownerHint")}
          value={owner}
          onChange={setOwner}
          options={directionOptions(props.directions, t("admin.usecases.noDirection"))}
        />
      )}
      {!missing && <Failure id={`${id}-error`} error={importing.error} />}
      <div className="actions">
        <button type="button" className="button" aria-disabled={importing.busy} onClick={submit}>
          {t("admin.usecases.import")}
        </button>
      </div>
    </section>
  );
}

/** One use case's definition in an editor, and its versions. */
function Editor(props: {
  id: string;
  names: Map<string, string>;
  /** The directions an administrator may give the use case to; absent for a referent. */
  directions: Direction[] | undefined;
  onSaved: (text: string) => Promise<void>;
  onClose: () => void;
}) {
  const detail = useResource("GET /api/usecases/:id", { params: { id: props.id } });
  const [text, setText] = useState<string | null>(null);
  const [owner, setOwner] = useState("");
  const [loadedFor, setLoadedFor] = useState<string | null>(null);
  const save = useAction();
  const editor = useRef<HTMLTextAreaElement>(null);
  const problemsId = useId();
  const editorId = useId();

  if (detail.data && loadedFor !== `${detail.data.id}:${detail.data.revision}`) {
    setLoadedFor(`${detail.data.id}:${detail.data.revision}`);
    setText(detail.data.yaml);
    setOwner(detail.data.ownerDirectionId ?? "");
  }

  const goTo = (problem: Problem) => {
    const area = editor.current;
    if (!area || text === null) return;
    const offset = offsetOf(text, problem.line, problem.column);
    area.focus();
    area.setSelectionRange(offset, offset);
    const lineHeight = Number.parseFloat(getComputedStyle(area).lineHeight) || 20;
    area.scrollTop = Math.max(0, (problem.line - 3) * lineHeight);
  };

  const submit = () =>
    void save.run(async () => {
      if (text === null || !detail.data) return;
      const ownerDirectionId = owner === "" ? null : owner;
      const moved =
        props.directions !== undefined && ownerDirectionId !== detail.data.ownerDirectionId;
      const saved = await call("PUT /api/usecases/:id", {
        params: { id: props.id },
        body: { yaml: text, ...(moved && { ownerDirectionId }) },
      });
      const revised = saved.revision !== detail.data.revision;
      detail.set(saved);
      await props.onSaved(
        revised
          ? t("admin.usecases.saved", { name: saved.name, revision: saved.revision })
          : moved
            ? t("admin.usecases.ownerChanged", {
                name: saved.name,
                owner: saved.ownerDirectionPath ?? t("admin.usecases.noDirection"),
              })
            : t("admin.usecases.unchanged"),
      );
    });

  if (!detail.data)
    return detail.error !== null ? (
      <ErrorNotice error={detail.error} onRetry={() => void detail.reload()} />
    ) : (
      <Loading />
    );
  const problems = problemsOf(save.error) ?? [];
  return (
    <section aria-labelledby={`${editorId}-title`} className="admin-usecase-editor">
      <h2 id={`${editorId}-title`} tabIndex={-1}>
        {t("admin.usecases.editTitle", { name: detail.data.name })}
      </h2>
      <div className="field">
        <label htmlFor={editorId}>{t("admin.usecases.editorLabel")}</label>
        <p className="hint" id={`${editorId}-hint`}>
          {t("admin.usecases.editorHint")}
        </p>
        <textarea
          id={editorId}
          ref={editor}
          className="admin-yaml-text"
          value={text ?? ""}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          wrap="off"
          rows={20}
          aria-invalid={problems.length > 0 ? true : undefined}
          aria-describedby={`${editorId}-hint${problems.length > 0 ? ` ${problemsId}` : ""}`}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      {props.directions && (
        <SelectField
          label={t("admin.usecases.owner")}
          hint={t("admin.usecases.ownerHint")}
          value={owner}
          onChange={setOwner}
          options={directionOptions(props.directions, t("admin.usecases.noDirection"))}
        />
      )}
      <Failure id={problemsId} error={save.error} goTo={goTo} />
      <div className="actions">
        <button type="button" className="button" aria-disabled={save.busy} onClick={submit}>
          {save.busy ? t("state.saving") : t("action.save")}
        </button>
        <button type="button" className="button-tertiary" onClick={props.onClose}>
          {t("admin.usecases.close")}
        </button>
      </div>
      <div className="table-wrapper">
        <table>
          <caption>
            {t("admin.usecases.versionsCaption", { count: detail.data.versions.length })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.usecases.revision")}</th>
              <th scope="col">{t("admin.usecases.origin")}</th>
              <th scope="col">{t("admin.usecases.when")}</th>
              <th scope="col">{t("admin.usecases.who")}</th>
            </tr>
          </thead>
          <tbody>
            {detail.data.versions.map((version) => (
              <tr key={version.revision}>
                <th scope="row">
                  {t("admin.usecases.revisionValue", {
                    revision: version.revision,
                    version: version.version,
                  })}
                </th>
                <td>{t(`admin.usecases.source.${version.source}` as MessageKey)}</td>
                <td>{formatDateTime(version.createdAt)}</td>
                <td>
                  {version.authorId === null
                    ? t("admin.usecases.byBeffroi")
                    : (props.names.get(version.authorId) ?? t("admin.usecases.bySomeone"))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** `/administration/cas-usage`: the use-case catalogue, its files, their versions. */
export function UseCasesPage() {
  const { can, session } = useSession();
  const list = useResource("GET /api/usecases");
  const users = useResource(can("directory:read") ? "GET /api/users" : null);
  // Only an administrator chooses the owning direction; a referent's imports are their direction's.
  const admin = session?.user.roles.includes("admin") ?? false;
  const directions = useResource(admin ? "GET /api/directions" : null);
  const ownerChoices = admin ? (directions.data ?? []) : undefined;
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const names = new Map((users.data ?? []).map((user) => [user.id, user.displayName]));

  const announce = async (text: string) => {
    setNotice(text);
    await list.reload();
  };

  return (
    <section className="page">
      <PageHeading title={t("admin.usecases.title")} />
      <p className="lead">{t("admin.usecases.intro")}</p>
      <StatusNotice text={notice} />
      {list.loading && !list.data && <Loading />}
      {list.error !== null && !list.data && (
        <ErrorNotice error={list.error} onRetry={() => void list.reload()} />
      )}
      {list.data && list.data.length === 0 && <EmptyState title={t("admin.usecases.empty")} />}
      {list.data && list.data.length > 0 && (
        <div className="table-wrapper">
          <table>
            <caption>{t("admin.usecases.caption", { count: list.data.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.usecases.name")}</th>
                <th scope="col">{t("admin.usecases.id")}</th>
                <th scope="col">{t("admin.usecases.revision")}</th>
                <th scope="col">{t("admin.usecases.direction")}</th>
                <th scope="col">{t("admin.usecases.origin")}</th>
                <th scope="col">{t("admin.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((useCase) => (
                <tr key={useCase.id}>
                  <th scope="row">{useCase.name}</th>
                  <td className="admin-mono">{useCase.id}</td>
                  <td>
                    {t("admin.usecases.revisionValue", {
                      revision: useCase.revision,
                      version: useCase.version,
                    })}
                  </td>
                  <td>{useCase.ownerDirectionPath ?? t("admin.usecases.noDirection")}</td>
                  <td>
                    {t(`admin.usecases.source.${useCase.source}` as MessageKey)}
                    {useCase.shippedUpdate !== null && (
                      <>
                        <br />
                        {t("admin.usecases.shippedUpdate", { version: useCase.shippedUpdate })}
                      </>
                    )}
                  </td>
                  <td>
                    <div className="admin-row-actions">
                      <button
                        type="button"
                        className="button-secondary button-small"
                        aria-label={t("admin.usecases.editFor", { name: useCase.name })}
                        aria-pressed={editing === useCase.id}
                        onClick={() => {
                          setNotice(null);
                          setEditing(useCase.id);
                        }}
                      >
                        {t("admin.usecases.edit")}
                      </button>
                      <a
                        className="button-tertiary button-small"
                        href={urlOf("GET /api/usecases/:id/export", { params: { id: useCase.id } })}
                        download={`${useCase.id}.yaml`}
                        aria-label={t("admin.usecases.exportFor", { name: useCase.name })}
                      >
                        {t("admin.usecases.export")}
                      </a>
                      {!useCase.shipped && (
                        <ConfirmButton
                          label={t("action.delete")}
                          accessibleName={t("admin.usecases.deleteFor", { name: useCase.name })}
                          title={t("admin.usecases.deleteTitle", { name: useCase.name })}
                          body={t("admin.usecases.deleteBody")}
                          confirmLabel={t("action.delete")}
                          fallbackFocus={() => document.querySelector<HTMLElement>("h1")}
                          onConfirm={async () => {
                            await call("DELETE /api/usecases/:id", {
                              params: { id: useCase.id },
                            });
                            if (editing === useCase.id) setEditing(null);
                            await announce(t("admin.usecases.deleted", { name: useCase.name }));
                          }}
                        />
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing !== null && (
        <Editor
          key={editing}
          id={editing}
          names={names}
          directions={ownerChoices}
          onSaved={announce}
          onClose={() => setEditing(null)}
        />
      )}
      <ImportForm
        directions={ownerChoices}
        onImported={async (name, revision) =>
          announce(t("admin.usecases.imported", { name, revision }))
        }
      />
    </section>
  );
}
