import { useEffect, useState } from "react";
import { call } from "../../api/client";
import { type MessageKey, t } from "../../i18n";
import { plainText } from "./answer-text";
import { AUTOMATIC, ModelChoice } from "./model-choice";
import type { AllowedModel, Message } from "./types";

/**
 * What an agent does with an answer: copy it as plain text (as shown, for a
 * letter or an e-mail) or as Markdown (its source), each copy confirmed by
 * a polite status, or how to copy it by hand when the browser refuses; and,
 * on the last answer, "Régénérer": the question asked again, to the model
 * the router chooses or to one of the assistant's models the charter allows
 * for that question's data.
 */
export function AnswerActions(props: {
  conversationId: string;
  message: Message;
  /** The question it answers, for the last answer: "Régénérer" asks it again. */
  question?: Message | undefined;
  busy: boolean;
  onRegenerate?: ((model: string) => void) | undefined;
}) {
  const { message, question } = props;
  const [status, setStatus] = useState("");
  const copy = async (text: string, done: MessageKey) => {
    // Emptied first: the same confirmation twice in a row is announced twice.
    setStatus("");
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(text);
      setStatus(t(done));
    } catch {
      setStatus(t("chat.actions.copyRefused"));
    }
  };
  return (
    <div className="chat-answer-actions">
      <fieldset className="chat-answer-buttons">
        <legend className="visually-hidden">{t("chat.actions.label")}</legend>
        <button
          type="button"
          className="button-secondary button-small"
          onClick={() => void copy(plainText(message.content), "chat.actions.copied")}
        >
          {t("chat.actions.copy")}
        </button>
        <button
          type="button"
          className="button-secondary button-small"
          onClick={() => void copy(message.content, "chat.actions.copiedMarkdown")}
        >
          {t("chat.actions.copyMarkdown")}
        </button>
      </fieldset>
      {question && props.onRegenerate && (
        <Regenerate
          conversationId={props.conversationId}
          question={question}
          busy={props.busy}
          onRegenerate={props.onRegenerate}
        />
      )}
      <p role="status" className="hint">
        {status}
      </p>
    </div>
  );
}

/**
 * "Régénérer", with the model to ask: the assistant's models the charter
 * allows for the question's data, as the preview of that question (in its
 * place in the conversation) says; "Automatique" until it has answered.
 */
function Regenerate(props: {
  conversationId: string;
  question: Message;
  busy: boolean;
  onRegenerate: (model: string) => void;
}) {
  const { conversationId, question } = props;
  const [model, setModel] = useState(AUTOMATIC);
  const [models, setModels] = useState<AllowedModel[]>([]);
  useEffect(() => {
    let current = true;
    call("POST /api/conversations/preview", {
      body: { content: question.content, conversationId, replacing: question.id },
    })
      .then((preview) => {
        if (current) setModels(preview.models);
      })
      // Without the list, "Automatique" stays: the server checks any model asked for anyway.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [conversationId, question.id, question.content]);
  return (
    <div className="chat-regenerate">
      <ModelChoice
        label={t("chat.actions.regenerateModel")}
        models={models}
        value={model}
        onChange={setModel}
        hint={t("chat.actions.regenerateHint")}
      />
      <button
        type="button"
        className="button-secondary button-small"
        aria-disabled={props.busy}
        onClick={() => {
          if (!props.busy) props.onRegenerate(model);
        }}
      >
        {t("chat.actions.regenerate")}
      </button>
    </div>
  );
}
