import { type RefObject, useCallback, useEffect, useId, useRef, useState } from "react";
import { call } from "../../api/client";
import { ConfirmDialog } from "../../components/dialog";
import { EmptyState, ErrorNotice, Loading, PageHeading } from "../../components/feedback";
import { useAction } from "../../components/use-action";
import { useResource } from "../../components/use-resource";
import { formatDateTime, type MessageKey, t } from "../../i18n";
import { useSession } from "../../session";
import { SelectField, StatusNotice } from "./shared";
import { offsetOf, positionOf } from "./text-position";
import type { CharterPreview, CharterProblem, CharterVersionSummary } from "./types";

const DEBOUNCE_MS = 400;

const CHANGE_KEYS = new Set([
  "title",
  "principles",
  "audiences",
  "forbiddenCategories",
  "dataMatrix",
  "pilot",
  "humanValidation",
  "quotas",
  "sobriety",
  "retention",
  "disclosure",
]);
const changeName = (key: string) =>
  CHANGE_KEYS.has(key) ? t(`admin.charter.key.${key}` as MessageKey) : key;

/** The YAML editor: a monospace textarea, its line numbers beside it, the caret's line and column. */
function YamlEditor(props: {
  value: string;
  onChange: (value: string) => void;
  readOnly: boolean;
  invalid: boolean;
  describedBy: string;
  editor: RefObject<HTMLTextAreaElement | null>;
  caret: { line: number; column: number };
  onCaret: (caret: { line: number; column: number }) => void;
}) {
  const id = useId();
  const gutter = useRef<HTMLDivElement>(null);
  const { caret, onCaret } = props;
  const lines = props.value.split("\n").length;
  const track = () => {
    const area = props.editor.current;
    if (area) onCaret(positionOf(area.value, area.selectionStart));
  };
  return (
    <div className="field">
      <label htmlFor={id}>{t("admin.charter.editorLabel")}</label>
      <p className="hint" id={`${id}-hint`}>
        {t("admin.charter.editorHint")}
      </p>
      <div className="admin-yaml">
        <div className="admin-yaml-gutter" ref={gutter} aria-hidden="true">
          {Array.from({ length: lines }, (_, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: line numbers are their index.
            <div key={index}>{index + 1}</div>
          ))}
        </div>
        <textarea
          id={id}
          ref={props.editor}
          className="admin-yaml-text"
          value={props.value}
          readOnly={props.readOnly}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          wrap="off"
          rows={24}
          aria-invalid={props.invalid ? true : undefined}
          aria-describedby={`${id}-hint ${id}-caret ${props.describedBy}`}
          onChange={(event) => {
            props.onChange(event.target.value);
            track();
          }}
          onSelect={track}
          onKeyUp={track}
          onClick={track}
          onScroll={(event) => {
            if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop;
          }}
        />
      </div>
      <p className="hint" id={`${id}-caret`}>
        {t("admin.charter.caret", { line: caret.line, column: caret.column })}
      </p>
    </div>
  );
}

function Problems(props: {
  id: string;
  problems: CharterProblem[];
  goTo: (p: CharterProblem) => void;
}) {
  return (
    <div className="notice notice-error" id={props.id}>
      <p>{t("admin.charter.problems", { count: props.problems.length })}</p>
      <ul className="admin-problems">
        {props.problems.map((problem) => (
          <li key={`${problem.line}:${problem.column}:${problem.path}:${problem.message}`}>
            <button type="button" className="button-tertiary" onClick={() => props.goTo(problem)}>
              {t("admin.charter.problemAt", { line: problem.line, column: problem.column })}
              {problem.path && (
                <>
                  {" "}
                  <span className="admin-mono">{problem.path}</span>
                </>
              )}
              {t("admin.charter.problemMessage", { message: problem.message })}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Rules(props: { preview: CharterPreview }) {
  return (
    <div className="admin-rules">
      {props.preview.rules.map((section) => (
        <section key={section.title}>
          <h3>{section.title}</h3>
          <ul>
            {section.sentences.map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function Versions(props: {
  versions: CharterVersionSummary[];
  names: Map<string, string>;
  onLoad: (version: number) => void;
  canWrite: boolean;
}) {
  return (
    <div className="table-wrapper">
      <table>
        <caption>{t("admin.charter.versionsCaption", { count: props.versions.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.charter.version")}</th>
            <th scope="col">{t("admin.charter.when")}</th>
            <th scope="col">{t("admin.charter.who")}</th>
            <th scope="col">{t("admin.charter.changes")}</th>
            {props.canWrite && <th scope="col">{t("admin.actions")}</th>}
          </tr>
        </thead>
        <tbody>
          {props.versions.map((version) => (
            <tr key={version.version}>
              <th scope="row">{t("admin.charter.versionNumber", { version: version.version })}</th>
              <td>{formatDateTime(version.createdAt)}</td>
              <td>
                {version.createdBy === null
                  ? t("admin.charter.byInstallation")
                  : (props.names.get(version.createdBy) ?? t("admin.charter.byAdministrator"))}
              </td>
              <td>
                {version.version === 1
                  ? t("admin.charter.firstVersion")
                  : version.changes.length === 0
                    ? t("admin.charter.noChange")
                    : version.changes.map(changeName).join(", ")}
              </td>
              {props.canWrite && (
                <td>
                  <button
                    type="button"
                    className="button-tertiary button-small"
                    onClick={() => props.onLoad(version.version)}
                  >
                    {t("admin.charter.startFrom", { version: version.version })}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** `/administration/charte`: the charter's YAML, checked as it is typed, its rules in plain French. */
export function CharterEditorPage() {
  const { can, refresh } = useSession();
  const canWrite = can("settings:write");
  const current = useResource("GET /api/charter");
  const versions = useResource("GET /api/charter/versions");
  const templates = useResource("GET /api/charter/templates");
  const templateList = templates.data;
  const users = useResource(can("directory:read") ? "GET /api/users" : null);
  const [text, setText] = useState<string | null>(null);
  const [preview, setPreview] = useState<CharterPreview | null>(null);
  const [checking, setChecking] = useState(false);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [template, setTemplate] = useState("");
  const [caret, setCaret] = useState({ line: 1, column: 1 });
  const [notice, setNotice] = useState<string | null>(null);
  const [unchanged, setUnchanged] = useState(false);
  // A text waiting for the administrator's word before it replaces unsaved edits.
  const [replacing, setReplacing] = useState<string | null>(null);
  const save = useAction();
  const load = useAction();
  const editor = useRef<HTMLTextAreaElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const sequence = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const problemsId = useId();
  const unchangedId = useId();

  // The editor starts from the version in force.
  if (text === null && current.data) setText(current.data.yaml);

  const check = useCallback(async (yaml: string) => {
    const mine = ++sequence.current;
    setChecking(true);
    try {
      const answer = await call("POST /api/charter/preview", { body: { yaml } });
      if (mine !== sequence.current) return null;
      setPreview(answer);
      setPreviewError(null);
      return answer;
    } catch (caught) {
      if (mine === sequence.current) setPreviewError(caught);
      return null;
    } finally {
      if (mine === sequence.current) setChecking(false);
    }
  }, []);

  useEffect(() => {
    if (text === null) return;
    timer.current = setTimeout(() => void check(text), DEBOUNCE_MS);
    return () => clearTimeout(timer.current);
  }, [text, check]);

  const goTo = (problem: CharterProblem) => {
    const area = editor.current;
    if (!area || text === null) return;
    const offset = offsetOf(text, problem.line, problem.column);
    area.focus();
    area.setSelectionRange(offset, offset);
    setCaret(positionOf(text, offset));
    const lineHeight = Number.parseFloat(getComputedStyle(area).lineHeight) || 20;
    area.scrollTop = Math.max(0, (problem.line - 3) * lineHeight);
  };

  const edit = (yaml: string) => {
    setText(yaml);
    setNotice(null);
    setUnchanged(false);
  };

  const names = new Map((users.data ?? []).map((user) => [user.id, user.displayName]));
  const problems = preview && !preview.valid ? preview.errors : [];
  const modified = current.data !== undefined && text !== null && text !== current.data.yaml;

  /** Puts a template or an old version in the editor, asking first when that would lose edits. */
  const replaceWith = (yaml: string) => {
    if (modified && yaml !== text) {
      setReplacing(yaml);
      return;
    }
    edit(yaml);
    editor.current?.focus();
  };

  const submit = () => {
    if (text === null) return;
    if (!modified) {
      setUnchanged(true);
      editor.current?.focus();
      return;
    }
    void save.run(async () => {
      // Checked here, not by the typing timer: a check still to come or in flight must not
      // overtake this one (it would leave the save without an answer).
      clearTimeout(timer.current);
      ++sequence.current;
      setChecking(false);
      const checked = await call("POST /api/charter/preview", { body: { yaml: text } });
      setPreview(checked);
      setPreviewError(null);
      if (!checked.valid) {
        summary.current?.focus();
        return;
      }
      const saved = await call("PUT /api/charter", { body: { yaml: text } });
      current.set(saved);
      setNotice(t("admin.charter.savedNotice", { version: saved.version }));
      await versions.reload();
      // The session learns of the new version: like every agent, the administrator accepts it.
      await refresh();
    });
  };

  const loadVersion = (version: number) =>
    void load.run(async () => {
      const found = await call("GET /api/charter/versions/:version", { params: { version } });
      replaceWith(found.yaml);
    });

  // Screen readers hear the check's outcome in a few words, only when it changes.
  const outcome = !preview
    ? ""
    : preview.valid
      ? t("admin.charter.valid")
      : t("admin.charter.problemsCount", { count: problems.length });

  if (current.loading && !current.data)
    return (
      <section className="page" aria-busy="true">
        <PageHeading title={t("admin.charter.title")} />
        <Loading />
      </section>
    );
  if (!current.data)
    return (
      <section className="page">
        <PageHeading title={t("admin.charter.title")} />
        <ErrorNotice error={current.error} onRetry={() => void current.reload()} />
      </section>
    );

  return (
    <section className="page">
      <PageHeading title={t("admin.charter.title")} />
      <p className="lead">
        {t("admin.charter.current", {
          version: current.data.version,
          title: current.data.title,
          date: formatDateTime(current.data.createdAt),
        })}
      </p>
      {!canWrite && <p className="notice notice-info">{t("admin.charter.readOnly")}</p>}
      <StatusNotice text={notice} />

      {canWrite && (
        <div className="admin-toolbar">
          <SelectField
            label={t("admin.charter.template")}
            hint={t("admin.charter.templateHint")}
            value={template}
            onChange={setTemplate}
            options={[
              { value: "", label: t("admin.charter.templateChoose") },
              ...(templateList ?? []).map((entry) => ({
                value: entry.name,
                label: t(`admin.charter.template.${entry.name}`),
              })),
            ]}
          />
          <button
            type="button"
            className="button-secondary"
            disabled={!template}
            onClick={() => {
              const chosen = templateList?.find((entry) => entry.name === template);
              if (chosen) replaceWith(chosen.yaml);
            }}
          >
            {t("admin.charter.useTemplate")}
          </button>
          {modified && (
            <button
              type="button"
              className="button-tertiary"
              onClick={() => {
                // This button goes away with the edits: the focus goes to the editor.
                edit(current.data?.yaml ?? "");
                editor.current?.focus();
              }}
            >
              {t("admin.charter.revert")}
            </button>
          )}
        </div>
      )}
      {load.error !== null && <ErrorNotice error={load.error} />}

      <div className="admin-charter">
        <div>
          <YamlEditor
            value={text ?? ""}
            onChange={edit}
            readOnly={!canWrite}
            invalid={problems.length > 0 || unchanged}
            describedBy={[problems.length > 0 ? problemsId : "", unchanged ? unchangedId : ""]
              .join(" ")
              .trim()}
            editor={editor}
            caret={caret}
            onCaret={setCaret}
          />
          {unchanged && (
            <p className="field-error" id={unchangedId}>
              {t("admin.charter.unchanged")}
            </p>
          )}
          <p role="status" className="visually-hidden">
            {outcome}
          </p>
          <div ref={summary} tabIndex={-1} className="admin-check">
            {checking && <p className="hint">{t("admin.charter.checking")}</p>}
            {!checking && preview?.valid && (
              <p className="notice notice-success">{t("admin.charter.valid")}</p>
            )}
            {problems.length > 0 && <Problems id={problemsId} problems={problems} goTo={goTo} />}
          </div>
          {previewError !== null && <ErrorNotice error={previewError} />}
          {save.error !== null && <ErrorNotice error={save.error} />}
          {canWrite && (
            <div className="actions">
              <button type="button" className="button" aria-disabled={save.busy} onClick={submit}>
                {save.busy ? t("state.saving") : t("action.save")}
              </button>
              <p className="hint">{t("admin.charter.saveHint")}</p>
            </div>
          )}
        </div>
        <section aria-labelledby="apercu-charte" className="admin-preview">
          <h2 id="apercu-charte">{t("admin.charter.previewTitle")}</h2>
          {preview?.valid ? (
            <Rules preview={preview} />
          ) : (
            <p className="hint">
              {preview ? t("admin.charter.previewInvalid") : t("admin.charter.previewPending")}
            </p>
          )}
        </section>
      </div>

      <h2>{t("admin.charter.versionsTitle")}</h2>
      {versions.loading && !versions.data && <Loading />}
      {versions.error !== null && !versions.data && (
        <ErrorNotice error={versions.error} onRetry={() => void versions.reload()} />
      )}
      {versions.data && versions.data.length === 0 && (
        <EmptyState title={t("admin.charter.noVersions")} />
      )}
      {versions.data && versions.data.length > 0 && (
        <Versions versions={versions.data} names={names} onLoad={loadVersion} canWrite={canWrite} />
      )}
      <ConfirmDialog
        open={replacing !== null}
        title={t("admin.charter.replaceTitle")}
        body={t("admin.charter.replaceBody")}
        confirmLabel={t("admin.charter.replace")}
        tone="primary"
        onConfirm={() => {
          if (replacing !== null) edit(replacing);
        }}
        onClose={() => setReplacing(null)}
      />
    </section>
  );
}
