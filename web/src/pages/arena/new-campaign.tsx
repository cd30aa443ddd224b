import { type FormEvent, useId, useMemo, useState } from "react";
import { call } from "../../api/client";
import { ErrorNotice, Loading } from "../../components/feedback";
import {
  describedBy,
  Field,
  FieldError,
  SubjectOptions,
  useFormErrors,
} from "../../components/fields";
import { useAction } from "../../components/use-action";
import { useResource } from "../../components/use-resource";
import { t } from "../../i18n";
import { navigate } from "../../router";
import { ta } from "./i18n";
import { campaignPath, DATA_CLASSES, type DataClass, PAIR_MODES, type PairMode } from "./types";

type FieldName = "name" | "useCase" | "models" | "members";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A new campaign, for referents: its use case, the models in the ring (those
 * the conversation page offers: every chat model a referent may read), the
 * class of its test cases' data, how pairs are chosen, its members. Checked
 * here first; the server checks the charter and the members again.
 */
export function NewCampaignForm() {
  const id = useId();
  const forms = useResource("GET /api/usecase-forms");
  const assistants = useResource("GET /api/conversations/assistants");
  const models = useMemo(() => {
    const byRef = new Map<string, NonNullable<typeof assistants.data>[number]["models"][number]>();
    for (const assistant of assistants.data ?? [])
      for (const model of assistant.models) if (!byRef.has(model.ref)) byRef.set(model.ref, model);
    return [...byRef.values()];
  }, [assistants.data]);
  const [name, setName] = useState("");
  const [useCaseId, setUseCaseId] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [dataClass, setDataClass] = useState<DataClass>("public");
  const [pairMode, setPairMode] = useState<PairMode>("random");
  const [members, setMembers] = useState("");
  const [publishCases, setPublishCases] = useState(false);
  const { errors, summary, form, check } = useFormErrors<FieldName>((count) =>
    ta("arena.formErrors", { count }),
  );
  const action = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const emails = members
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    const found: Partial<Record<FieldName, string>> = {};
    if (!name.trim()) found.name = ta("arena.new.nameRequired");
    if (!useCaseId) found.useCase = ta("arena.new.useCaseRequired");
    if (chosen.length === 0) found.models = ta("arena.new.modelsRequired");
    const invalid = emails.find((email) => !EMAIL.test(email));
    if (invalid) found.members = ta("arena.new.memberInvalid", { email: invalid });
    action.clear();
    const [first, ...rest] = chosen;
    if (!check(found) || first === undefined) return;
    void action.run(async () => {
      const created = await call("POST /api/arena/campaigns", {
        body: {
          name: name.trim(),
          ...(useCaseId.startsWith("assistant:")
            ? { assistantId: useCaseId.slice("assistant:".length) }
            : { useCaseId }),
          models: [first, ...rest],
          dataClass,
          pairMode,
          members: emails,
          publishCases,
        },
      });
      navigate(campaignPath(created.id));
    });
  };

  const toggle = (ref: string, checked: boolean) =>
    setChosen((current) =>
      checked ? [...current, ref] : current.filter((candidate) => candidate !== ref),
    );

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{ta("arena.new.title")}</h2>
      <form ref={form} className="form arena-form" noValidate onSubmit={submit}>
        {summary && (
          <div className="notice notice-error" role="alert">
            <p>{summary}</p>
          </div>
        )}
        <Field id={`${id}-name`} label={ta("arena.new.name")} error={errors.name}>
          <input
            id={`${id}-name`}
            type="text"
            value={name}
            maxLength={200}
            required
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describedBy(`${id}-name`, false, errors.name)}
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <Field id={`${id}-usecase`} label={ta("arena.new.useCase")} error={errors.useCase}>
          <select
            id={`${id}-usecase`}
            value={useCaseId}
            required
            aria-invalid={errors.useCase ? true : undefined}
            aria-describedby={describedBy(`${id}-usecase`, false, errors.useCase)}
            onChange={(event) => setUseCaseId(event.target.value)}
          >
            <SubjectOptions
              choose={ta("arena.new.choose")}
              useCasesLabel={ta("arena.new.useCases")}
              assistantsLabel={ta("arena.new.assistants")}
              useCases={forms.data}
              assistants={assistants.data}
            />
          </select>
        </Field>
        {forms.error !== null && <ErrorNotice error={forms.error} />}
        <fieldset aria-describedby={describedBy(`${id}-models`, true, errors.models)}>
          <legend>{ta("arena.new.models")}</legend>
          <p className="hint" id={`${id}-models-hint`}>
            {ta("arena.new.modelsHint")}
          </p>
          {assistants.loading && !assistants.data && <Loading />}
          {assistants.error !== null && <ErrorNotice error={assistants.error} />}
          {assistants.data && models.length === 0 && <p>{ta("arena.new.noModels")}</p>}
          {models.map((model, index) => (
            <div className="checkbox" key={model.ref}>
              <input
                type="checkbox"
                id={`${id}-model-${index}`}
                value={model.ref}
                checked={chosen.includes(model.ref)}
                aria-invalid={errors.models && index === 0 ? true : undefined}
                onChange={(event) => toggle(model.ref, event.target.checked)}
              />
              <label htmlFor={`${id}-model-${index}`}>
                {ta("arena.new.model", {
                  name: model.name,
                  provider: model.provider,
                  hosting: t(`sovereignty.${model.sovereignty}`),
                })}
              </label>
            </div>
          ))}
          <FieldError id={`${id}-models`} error={errors.models} />
        </fieldset>
        <Field
          id={`${id}-class`}
          label={ta("arena.new.dataClass")}
          hint={ta("arena.new.dataClassHint")}
          error={undefined}
        >
          <select
            id={`${id}-class`}
            value={dataClass}
            aria-describedby={`${id}-class-hint`}
            onChange={(event) => setDataClass(event.target.value as DataClass)}
          >
            {DATA_CLASSES.map((value) => (
              <option key={value} value={value}>
                {ta(`arena.dataClass.${value}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-pairs`} label={ta("arena.new.pairMode")} error={undefined}>
          <select
            id={`${id}-pairs`}
            value={pairMode}
            onChange={(event) => setPairMode(event.target.value as PairMode)}
          >
            {PAIR_MODES.map((value) => (
              <option key={value} value={value}>
                {ta(`arena.pairMode.${value}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id={`${id}-members`}
          label={ta("arena.new.members")}
          hint={ta("arena.new.membersHint")}
          error={errors.members}
        >
          <textarea
            id={`${id}-members`}
            rows={4}
            value={members}
            aria-invalid={errors.members ? true : undefined}
            aria-describedby={describedBy(`${id}-members`, true, errors.members)}
            onChange={(event) => setMembers(event.target.value)}
          />
        </Field>
        <div>
          <div className="checkbox">
            <input
              type="checkbox"
              id={`${id}-publish`}
              checked={publishCases}
              aria-describedby={`${id}-publish-hint`}
              onChange={(event) => setPublishCases(event.target.checked)}
            />
            <label htmlFor={`${id}-publish`}>{ta("arena.new.publish")}</label>
          </div>
          <p className="hint" id={`${id}-publish-hint`}>
            {ta("arena.new.publishHint")}
          </p>
        </div>
        {action.error !== null && <ErrorNotice error={action.error} />}
        <div className="actions">
          <button type="submit" className="button" aria-disabled={action.busy}>
            {action.busy ? t("state.saving") : ta("arena.new.create")}
          </button>
        </div>
      </form>
    </section>
  );
}
