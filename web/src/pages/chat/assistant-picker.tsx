import { SovereigntyBadge } from "../../components/sovereignty";
import { t } from "../../i18n";
import type { AssistantChoice } from "./types";

/** The assistants to start a conversation with: a radio group, each with what it is for and its models. */
export function AssistantPicker(props: {
  assistants: AssistantChoice[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  return (
    <fieldset className="chat-picker">
      <legend>{t("chat.picker.legend")}</legend>
      <ul>
        {props.assistants.map((assistant) => {
          const id = `assistant-${assistant.id}`;
          return (
            <li key={assistant.id} className="chat-picker-option">
              <input
                type="radio"
                id={id}
                name="assistant"
                value={assistant.id}
                checked={props.selected === assistant.id}
                onChange={() => props.onSelect(assistant.id)}
                aria-describedby={`${id}-about`}
              />
              <div>
                <label htmlFor={id} className="chat-picker-name">
                  {assistant.name}
                </label>
                <div id={`${id}-about`} className="chat-picker-about">
                  {assistant.description && <p>{assistant.description}</p>}
                  {assistant.models.length > 0 ? (
                    <>
                      <p className="hint">{t("chat.picker.models")}</p>
                      <ul className="chat-picker-models">
                        {assistant.models.map((model) => (
                          <li key={model.ref}>
                            {model.name} ({model.provider}){" "}
                            <SovereigntyBadge
                              sovereignty={model.sovereignty}
                              country={model.country}
                            />
                          </li>
                        ))}
                      </ul>
                      <p className="hint">{t("chat.picker.lastResort")}</p>
                    </>
                  ) : (
                    <p className="hint">{t("chat.picker.noModel")}</p>
                  )}
                  {assistant.requiresValidation && (
                    <p className="hint">{t("chat.picker.validation")}</p>
                  )}
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
