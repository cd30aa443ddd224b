import { type FormEvent, useState } from "react";
import { type BodyOf, call } from "../../api/client";
import { Dialog } from "../../components/dialog";
import { ErrorNotice } from "../../components/feedback";
import { useAction } from "../../components/use-action";
import { t } from "../../i18n";
import { useSession } from "../../session";
import { tp } from "./i18n";
import type { PromptItem, PromptScope } from "./types";

type Draft = Required<Pick<BodyOf<"POST /api/prompts">, "title" | "body" | "example">> & {
  scope: PromptScope;
};

/** Proposing a prompt (`editing` null) or editing one, in a dialog. */
export function PromptFormDialog(props: {
  open: boolean;
  openings: number;
  editing: PromptItem | null;
  onClose: () => void;
  onSaved: (prompt: PromptItem) => void;
}) {
  return (
    <Dialog
      open={props.open}
      openings={props.openings}
      title={
        props.editing ? tp("prompts.edit.named", { title: props.editing.title }) : tp("prompts.new")
      }
      onClose={props.onClose}
    >
      {props.open && (
        <PromptForm
          key={props.openings}
          editing={props.editing}
          onSaved={props.onSaved}
          onCancel={props.onClose}
        />
      )}
    </Dialog>
  );
}

function PromptForm(props: {
  editing: PromptItem | null;
  onSaved: (prompt: PromptItem) => void;
  onCancel: () => void;
}) {
  const { session, can } = useSession();
  const { editing } = props;
  const direction = session?.user.direction ?? null;
  const [draft, setDraft] = useState<Draft>({
    title: editing?.title ?? "",
    body: editing?.body ?? "",
    example: editing?.example ?? "",
    scope: editing?.scope ?? "personal",
  });
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useAction();
  const set = (name: keyof Draft) => (value: string) =>
    setDraft((current) => ({ ...current, [name]: value }));
  const scopes: { value: PromptScope; label: string }[] = [
    { value: "personal", label: tp("prompts.form.scope.personal") },
  ];
  // Sharing is for curators; the server checks it again.
  if (can("assistants:write") && direction)
    scopes.push({
      value: "direction",
      label: tp("prompts.form.scope.direction", { direction: direction.path }),
    });
  if (can("assistants:write") && session?.user.roles.includes("admin"))
    scopes.push({ value: "collectivite", label: tp("prompts.form.scope.collectivite") });
  if (!scopes.some((scope) => scope.value === draft.scope))
    scopes.push({
      value: draft.scope,
      label: tp(`prompts.form.scope.${draft.scope}`, { direction: editing?.directionPath ?? "" }),
    });
  const missing = (["title", "body"] as const).filter((name) => !draft[name].trim());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (missing.length > 0) {
      document.getElementById(`prompt-form-${missing[0]}`)?.focus();
      return;
    }
    const directionId =
      draft.scope === "direction"
        ? ((editing?.scope === "direction" ? editing.directionId : direction?.id) ?? null)
        : null;
    const body = { ...draft, directionId };
    void run(async () => {
      const saved = editing
        ? await call("PUT /api/prompts/:id", { params: { id: editing.id }, body })
        : await call("POST /api/prompts", { body });
      props.onSaved(saved);
    });
  };

  const field = (name: "title" | "body" | "example", label: string, hint?: string) => {
    const id = `prompt-form-${name}`;
    const invalid = tried && (missing as string[]).includes(name);
    const described = [hint && `${id}-hint`, invalid && `${id}-error`].filter(Boolean).join(" ");
    const common = {
      id,
      value: draft[name],
      onChange: (event: { target: { value: string } }) => set(name)(event.target.value),
      "aria-invalid": invalid,
      ...(described && { "aria-describedby": described }),
    };
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        {hint && (
          <p className="hint" id={`${id}-hint`}>
            {hint}
          </p>
        )}
        {name === "title" ? (
          // biome-ignore lint/a11y/noAutofocus: the dialog opens on its first field
          <input type="text" required autoFocus {...common} />
        ) : (
          <textarea rows={name === "body" ? 6 : 3} required={name === "body"} {...common} />
        )}
        {invalid && (
          <p className="field-error" id={`${id}-error`}>
            {tp("prompts.form.required")}
          </p>
        )}
      </div>
    );
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
      {field("title", tp("prompts.form.title"))}
      {field("body", tp("prompts.form.body"), tp("prompts.form.body.hint"))}
      {field("example", tp("prompts.form.example"), tp("prompts.form.example.hint"))}
      <div className="field">
        <label htmlFor="prompt-form-scope">{tp("prompts.form.scope")}</label>
        <select
          id="prompt-form-scope"
          value={draft.scope}
          onChange={(event) => set("scope")(event.target.value)}
        >
          {scopes.map((scope) => (
            <option key={scope.value} value={scope.value}>
              {scope.label}
            </option>
          ))}
        </select>
      </div>
      {error !== null && <ErrorNotice error={error} />}
      <div className="actions">
        <button type="submit" className="button" aria-disabled={busy}>
          {busy ? t("state.working") : tp("prompts.form.save")}
        </button>
        <button type="button" className="button-secondary" onClick={props.onCancel}>
          {t("action.cancel")}
        </button>
      </div>
    </form>
  );
}
