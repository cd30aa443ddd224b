import { type FormEvent, useState } from "react";
import { call } from "../../api/client";
import { Dialog } from "../../components/dialog";
import { ErrorNotice } from "../../components/feedback";
import { useAction } from "../../components/use-action";
import { t } from "../../i18n";
import { tp } from "./i18n";
import type { PromptItem } from "./types";

/** A variable's name as a label: "type_conge" → "Type conge". */
const labelOf = (name: string) => {
  const words = name.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * The prompt's variables as a small form; on submit the server fills them
 * (and counts the use) and `onUsed` receives the text for the composer.
 */
export function UseDialog(props: {
  prompt: PromptItem | null;
  openings: number;
  onClose: () => void;
  onUsed: (text: string) => void;
}) {
  const { prompt } = props;
  return (
    <Dialog
      open={prompt !== null}
      openings={props.openings}
      title={prompt ? tp("prompts.use.named", { title: prompt.title }) : ""}
      onClose={props.onClose}
    >
      {prompt && <VariablesForm key={props.openings} prompt={prompt} onUsed={props.onUsed} />}
    </Dialog>
  );
}

function VariablesForm(props: { prompt: PromptItem; onUsed: (text: string) => void }) {
  const { prompt } = props;
  const [values, setValues] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useAction();
  const missing = prompt.variables.filter((name) => !values[name]?.trim());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (missing.length > 0) {
      document.getElementById(`prompt-variable-${missing[0]}`)?.focus();
      return;
    }
    void run(async () => {
      const used = await call("POST /api/prompts/:id/use", {
        params: { id: prompt.id },
        body: { values },
      });
      props.onUsed(used.text);
    });
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
      <p>{tp("prompts.use.lead")}</p>
      {prompt.variables.map((name, index) => {
        const id = `prompt-variable-${name}`;
        const invalid = tried && missing.includes(name);
        return (
          <div className="field" key={name}>
            <label htmlFor={id}>{labelOf(name)}</label>
            <textarea
              id={id}
              rows={2}
              required
              value={values[name] ?? ""}
              aria-invalid={invalid}
              {...(invalid && { "aria-describedby": `${id}-error` })}
              // biome-ignore lint/a11y/noAutofocus: the dialog opens on its first field
              autoFocus={index === 0}
              onChange={(event) =>
                setValues((current) => ({ ...current, [name]: event.target.value }))
              }
            />
            {invalid && (
              <p className="field-error" id={`${id}-error`}>
                {tp("prompts.use.required")}
              </p>
            )}
          </div>
        );
      })}
      {error !== null && <ErrorNotice error={error} />}
      <div className="actions">
        <button type="submit" className="button" aria-disabled={busy}>
          {busy ? t("state.working") : tp("prompts.use.submit")}
        </button>
      </div>
    </form>
  );
}
