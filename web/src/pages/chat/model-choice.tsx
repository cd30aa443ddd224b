import { useEffect, useId, useRef, useState } from "react";
import { t } from "../../i18n";
import type { AllowedModel, AssistantModel } from "./types";

/** The choice left to the router (and the charter): the empty value. */
export const AUTOMATIC = "";

/**
 * Which model a message goes to: "Automatique" (the router chooses among
 * the assistant's models, by the charter), or one of the `models` offered,
 * those the charter allows for the message's data. When the chosen one
 * leaves the list (the draft now holds data the charter keeps from it), the
 * choice goes back to automatic and says so (a polite status).
 */
export function ModelChoice(props: {
  label: string;
  models: readonly (AllowedModel | AssistantModel)[];
  value: string;
  onChange: (ref: string) => void;
  hint?: string;
}) {
  const id = useId();
  const { models, value, onChange } = props;
  const [dropped, setDropped] = useState("");
  /** The names of the models offered so far, to name one that leaves the list. */
  const names = useRef(new Map<string, string>());
  for (const model of models) names.current.set(model.ref, model.name);
  useEffect(() => {
    if (value === AUTOMATIC || models.some((model) => model.ref === value)) return;
    setDropped(t("chat.model.dropped", { name: names.current.get(value) ?? value }));
    onChange(AUTOMATIC);
  }, [models, value, onChange]);
  return (
    <div className="field chat-model">
      <label htmlFor={`${id}-model`}>{props.label}</label>
      <select
        id={`${id}-model`}
        value={value}
        onChange={(event) => {
          setDropped("");
          onChange(event.target.value);
        }}
        {...(props.hint && { "aria-describedby": `${id}-hint` })}
      >
        <option value={AUTOMATIC}>{t("chat.model.automatic")}</option>
        {models.map((model) => (
          <option key={model.ref} value={model.ref}>
            {t(
              "pseudonymise" in model && model.pseudonymise
                ? "chat.model.pseudonymised"
                : "chat.model.option",
              {
                name: model.name,
                provider: model.provider,
                hosting: t(`sovereignty.${model.sovereignty}`),
              },
            )}
          </option>
        ))}
      </select>
      {props.hint && (
        <span id={`${id}-hint`} className="hint">
          {props.hint}
        </span>
      )}
      <span role="status" className="hint">
        {dropped}
      </span>
    </div>
  );
}
