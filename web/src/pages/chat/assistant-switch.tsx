import { type FormEvent, useEffect, useId, useState } from "react";
import { call } from "../../api/client";
import { ErrorNotice } from "../../components/feedback";
import { useAction } from "../../components/use-action";
import { t } from "../../i18n";
import type { AssistantChoice } from "./types";

/**
 * The conversation's assistant, and another to choose: applied by its button
 * (choosing in the list changes nothing by itself), said in a polite status.
 * The conversation so far goes with it; its next messages go to the new
 * assistant, with its instructions, bases and models.
 */
export function AssistantSwitch(props: {
  conversationId: string;
  assistants: AssistantChoice[];
  currentId: string | null;
  onChanged: (assistantId: string) => void;
}) {
  const id = useId();
  const { busy, error, run } = useAction();
  const [selected, setSelected] = useState(props.currentId ?? "");
  const [done, setDone] = useState("");
  useEffect(() => setSelected(props.currentId ?? ""), [props.currentId]);
  const unchanged = selected === (props.currentId ?? "");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (unchanged || busy) return;
    setDone("");
    void run(async () => {
      const updated = await call("PATCH /api/conversations/:id", {
        params: { id: props.conversationId },
        body: { assistantId: selected },
      });
      const name = props.assistants.find((assistant) => assistant.id === selected)?.name ?? "";
      props.onChanged(updated.assistantId ?? selected);
      setDone(t("chat.assistantSwitch.done", { name }));
    });
  };
  return (
    <form className="chat-assistant-switch" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-assistant`}>{t("chat.assistantSwitch.label")}</label>
        <span id={`${id}-hint`} className="hint">
          {t("chat.assistantSwitch.hint")}
        </span>
        <select
          id={`${id}-assistant`}
          value={selected}
          onChange={(event) => setSelected(event.target.value)}
          aria-describedby={`${id}-hint`}
        >
          {props.assistants.map((assistant) => (
            <option key={assistant.id} value={assistant.id}>
              {assistant.name}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className="button-secondary button-small"
        aria-disabled={unchanged || busy}
      >
        {t("chat.assistantSwitch.submit")}
      </button>
      <p role="status" className="hint">
        {done}
      </p>
      {error ? <ErrorNotice error={error} /> : null}
    </form>
  );
}
