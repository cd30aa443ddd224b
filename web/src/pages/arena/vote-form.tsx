import { type FormEvent, useId, useRef, useState } from "react";
import { call } from "../../api/client";
import { ErrorNotice } from "../../components/feedback";
import { describedBy, Field, FieldError, focusFirstInvalid } from "../../components/fields";
import { useAction } from "../../components/use-action";
import { ta } from "./i18n";
import { CHOICES, type Choice, type Match, type Reveal, TAGS, type Tag } from "./types";

/**
 * « Votre avis » on one match: four radio buttons, the reasons as
 * checkboxes, an optional comment and the minutes it would save. Nothing is
 * sent without a choice.
 */
export function VoteForm(props: { match: Match; onVoted: (reveal: Reveal) => void }) {
  const id = useId();
  const [choice, setChoice] = useState<Choice | "">("");
  const [tags, setTags] = useState<Tag[]>([]);
  const [comment, setComment] = useState("");
  const [minutes, setMinutes] = useState("");
  const [errors, setErrors] = useState<{ choice?: string; minutes?: string }>({});
  const action = useAction();
  const form = useRef<HTMLFormElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: { choice?: string; minutes?: string } = {};
    if (!choice) found.choice = ta("arena.vote.choiceRequired");
    const saved = minutes.trim() === "" ? undefined : Number(minutes);
    if (saved !== undefined && !(Number.isInteger(saved) && saved >= 0 && saved <= 600))
      found.minutes = ta("arena.vote.minutesInvalid");
    setErrors(found);
    action.clear();
    if (!choice || Object.keys(found).length > 0) {
      focusFirstInvalid(form.current);
      return;
    }
    void action.run(async () => {
      const reveal = await call("POST /api/arena/matches/:id/vote", {
        params: { id: props.match.id },
        body: {
          choice,
          tags: TAGS.filter((tag) => tags.includes(tag)),
          ...(comment.trim() && { comment: comment.trim() }),
          ...(saved !== undefined && { minutesSaved: saved }),
        },
      });
      props.onVoted(reveal);
    });
  };

  return (
    <form ref={form} className="form arena-vote" noValidate onSubmit={submit}>
      <fieldset aria-describedby={errors.choice ? `${id}-choice-error` : undefined}>
        <legend>{ta("arena.vote.opinion")}</legend>
        {CHOICES.map((value, index) => (
          <div className="checkbox" key={value}>
            <input
              type="radio"
              name={`${id}-choice`}
              id={`${id}-choice-${value}`}
              value={value}
              checked={choice === value}
              aria-invalid={errors.choice && index === 0 ? true : undefined}
              onChange={() => setChoice(value)}
            />
            <label htmlFor={`${id}-choice-${value}`}>{ta(`arena.choice.${value}`)}</label>
          </div>
        ))}
        <FieldError id={`${id}-choice`} error={errors.choice} />
      </fieldset>
      <fieldset>
        <legend>{ta("arena.vote.tags")}</legend>
        <div className="arena-tags">
          {TAGS.map((tag) => (
            <div className="checkbox" key={tag}>
              <input
                type="checkbox"
                id={`${id}-tag-${tag}`}
                checked={tags.includes(tag)}
                onChange={(event) =>
                  setTags((current) =>
                    event.target.checked
                      ? [...current, tag]
                      : current.filter((other) => other !== tag),
                  )
                }
              />
              <label htmlFor={`${id}-tag-${tag}`}>{ta(`arena.tag.${tag}`)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <Field
        id={`${id}-comment`}
        label={ta("arena.vote.comment")}
        hint={ta("arena.vote.commentHint")}
        error={undefined}
      >
        <textarea
          id={`${id}-comment`}
          rows={3}
          maxLength={2000}
          value={comment}
          aria-describedby={`${id}-comment-hint`}
          onChange={(event) => setComment(event.target.value)}
        />
      </Field>
      <Field
        id={`${id}-minutes`}
        label={ta("arena.vote.minutes")}
        hint={ta("arena.vote.minutesHint")}
        error={errors.minutes}
      >
        <input
          id={`${id}-minutes`}
          type="number"
          inputMode="numeric"
          min={0}
          max={600}
          step={1}
          value={minutes}
          className="arena-minutes"
          aria-invalid={errors.minutes ? true : undefined}
          aria-describedby={describedBy(`${id}-minutes`, true, errors.minutes)}
          onChange={(event) => setMinutes(event.target.value)}
        />
      </Field>
      {action.error !== null && <ErrorNotice error={action.error} />}
      <div className="actions">
        <button type="submit" className="button" aria-disabled={action.busy}>
          {action.busy ? ta("arena.vote.sending") : ta("arena.vote.submit")}
        </button>
      </div>
    </form>
  );
}
