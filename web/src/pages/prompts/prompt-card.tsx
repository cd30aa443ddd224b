import { call } from "../../api/client";
import { ConfirmButton } from "../../components/dialog";
import { ErrorNotice } from "../../components/feedback";
import { useAction } from "../../components/use-action";
import { tp } from "./i18n";
import type { PromptItem } from "./types";

/** One prompt of the library: what it is, who shares it, how it is used and rated, and its actions. */
export function PromptCard(props: {
  prompt: PromptItem;
  onUse: (prompt: PromptItem) => void;
  onEdit: (prompt: PromptItem) => void;
  /** After a rating, an edit elsewhere or a deletion: the list is read again. */
  onChanged: (announce?: string) => void;
}) {
  const { prompt } = props;
  const { error, run } = useAction();
  const titleId = `prompt-${prompt.id}-title`;
  const shared =
    prompt.scope === "direction"
      ? tp("prompts.shared.direction", { direction: prompt.directionPath ?? "" })
      : tp(`prompts.shared.${prompt.scope}`);
  const rate = (value: string) =>
    void run(async () => {
      await call("PUT /api/prompts/:id/rating", {
        params: { id: prompt.id },
        body: { rating: Number(value) },
      });
      props.onChanged(tp("prompts.rating.saved"));
    });
  return (
    <article className="prompt-card" aria-labelledby={titleId}>
      <h3 id={titleId}>{prompt.title}</h3>
      <p className="prompt-meta">
        <span className="badge badge-info">{shared}</span>{" "}
        <span>
          {prompt.author
            ? tp("prompts.author", { name: prompt.author.displayName })
            : tp("prompts.author.unknown")}
        </span>
        {" · "}
        <span>{tp("prompts.uses", { count: prompt.useCount })}</span>
        {" · "}
        <span>
          {prompt.rating.average === null
            ? tp("prompts.rating.none")
            : tp("prompts.rating.average", {
                average: prompt.rating.average,
                count: prompt.rating.count,
              })}
        </span>
      </p>
      <p className="visually-hidden">{tp("prompts.text")}</p>
      <pre className="prompt-body">{prompt.body}</pre>
      {prompt.variables.length > 0 && (
        <p className="hint">{tp("prompts.variables", { names: prompt.variables.join(", ") })}</p>
      )}
      {prompt.example && (
        <p className="prompt-example">
          <strong>{tp("prompts.example")} : </strong>
          {prompt.example}
        </p>
      )}
      {error !== null && <ErrorNotice error={error} />}
      <div className="actions">
        <button
          type="button"
          className="button"
          aria-label={tp("prompts.use.named", { title: prompt.title })}
          onClick={() => props.onUse(prompt)}
        >
          {tp("prompts.use")}
        </button>
        <div className="prompt-rating">
          <label htmlFor={`prompt-${prompt.id}-rating`}>{tp("prompts.rating.mine")}</label>{" "}
          <select
            id={`prompt-${prompt.id}-rating`}
            value={prompt.rating.mine ?? ""}
            onChange={(event) => event.target.value && rate(event.target.value)}
          >
            <option value="">{tp("prompts.rating.choose")}</option>
            {[1, 2, 3, 4, 5].map((value) => (
              <option key={value} value={value}>
                {tp("prompts.rating.value", { count: value })}
              </option>
            ))}
          </select>
        </div>
        {prompt.editable && (
          <>
            <button
              type="button"
              className="button-secondary button-small"
              aria-label={tp("prompts.edit.named", { title: prompt.title })}
              onClick={() => props.onEdit(prompt)}
            >
              {tp("prompts.edit")}
            </button>
            <ConfirmButton
              label={tp("prompts.delete")}
              accessibleName={`${tp("prompts.delete")} « ${prompt.title} »`}
              title={tp("prompts.delete")}
              body={tp("prompts.delete.confirm", { title: prompt.title })}
              confirmLabel={tp("prompts.delete")}
              onConfirm={async () => {
                await call("DELETE /api/prompts/:id", { params: { id: prompt.id } });
                props.onChanged();
              }}
              fallbackFocus={() => document.querySelector<HTMLElement>("#prompts-search")}
            />
          </>
        )}
      </div>
    </article>
  );
}
