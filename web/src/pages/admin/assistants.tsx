import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { call, type ResponseOf } from "../../api/client";
import { ConfirmButton, Dialog, returnFocus } from "../../components/dialog";
import { EmptyState, ErrorNotice, Loading, PageHeading } from "../../components/feedback";
import { SovereigntyBadge } from "../../components/sovereignty";
import { useAction } from "../../components/use-action";
import { useResource } from "../../components/use-resource";
import { t } from "../../i18n";
import { useSession } from "../../session";
import {
  CheckboxGroup,
  focusFirstInvalid,
  placeError,
  rowFocus,
  SelectField,
  StatusNotice,
  TextAreaField,
  TextField,
} from "./shared";
import {
  type Assistant,
  type AssistantBody,
  type AssistantInput,
  CATEGORIES,
  type Category,
  DEFAULT_GROUNDING,
  type Direction,
  GROUNDING_MODES,
  type Grounding,
  type KnowledgeBase,
} from "./types";
import { directionOptions } from "./users";

const BLANK: AssistantInput = {
  name: "",
  description: "",
  instructions: "",
  knowledgeBaseIds: [],
  preferredModels: [],
  audience: "agents",
  category: "general",
  grounding: DEFAULT_GROUNDING.general,
  requiresValidation: true,
  ownerDirectionId: null,
};

/**
 * How the assistant uses its bases: three radio buttons, each with what it
 * does; the category's advised mode said above them; a warning, announced
 * as it appears, when a category that drafts or rewrites must answer from
 * its bases only (it would refuse what they do not cover).
 */
function GroundingFieldset(props: {
  value: Grounding;
  category: Category;
  onChange: (value: Grounding) => void;
}) {
  const id = useId();
  const advised = DEFAULT_GROUNDING[props.category];
  const category = t(`admin.assistants.category.${props.category}`);
  const warned = props.value === "required" && advised === "preferred";
  return (
    <fieldset aria-describedby={`${id}-hint${warned ? ` ${id}-warning` : ""}`}>
      <legend>{t("admin.assistants.grounding")}</legend>
      <p className="hint" id={`${id}-hint`}>
        {t("admin.assistants.groundingDefault", {
          category,
          mode: t(`admin.assistants.grounding.short.${advised}`),
        })}
      </p>
      {GROUNDING_MODES.map((mode) => (
        <div className="admin-radio" key={mode}>
          <input
            type="radio"
            name={`${id}-grounding`}
            id={`${id}-${mode}`}
            value={mode}
            checked={props.value === mode}
            aria-describedby={`${id}-${mode}-hint`}
            onChange={() => props.onChange(mode)}
          />
          <label htmlFor={`${id}-${mode}`}>{t(`admin.assistants.grounding.${mode}`)}</label>
          <p className="hint" id={`${id}-${mode}-hint`}>
            {t(`admin.assistants.grounding.${mode}.hint`)}
          </p>
        </div>
      ))}
      <div aria-live="polite">
        {warned && (
          <p className="notice notice-warning" id={`${id}-warning`}>
            {t("admin.assistants.groundingWarning", { category })}
          </p>
        )}
      </div>
    </fieldset>
  );
}

type ModelEntry = ResponseOf<"GET /v1/models">["data"][number];

function AssistantForm(props: {
  initial: AssistantInput;
  editingId: string | null;
  bases: KnowledgeBase[];
  models: ModelEntry[];
  directions: Direction[] | undefined;
  onSaved: (assistant: Assistant) => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState(props.initial);
  // The mode follows the category until someone chooses one (a mode other than its category's, kept).
  const [groundingChosen, setGroundingChosen] = useState(
    props.initial.grounding !== DEFAULT_GROUNDING[props.initial.category],
  );
  const [missing, setMissing] = useState<string | undefined>();
  const { busy, error, run, clear } = useAction();
  const formRef = useRef<HTMLFormElement>(null);
  const placed = placeError(error, ["name"] as const, { assistant_exists: "name" });
  const nameError = missing ?? placed.fields.name;
  useEffect(() => {
    if (error !== null) focusFirstInvalid(formRef.current);
  }, [error]);
  const set =
    <K extends keyof AssistantInput>(key: K) =>
    (value: AssistantInput[K]) =>
      setForm((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    clear();
    setMissing(form.name.trim() ? undefined : t("admin.assistants.nameRequired"));
    if (!form.name.trim()) {
      focusFirstInvalid(formRef.current);
      return;
    }
    void run(async () => {
      const body = {
        ...form,
        name: form.name.trim(),
        // At most 20, which the server checks: the contract's tuples cannot be built from a list.
        preferredModels: form.preferredModels as AssistantBody["preferredModels"],
      };
      props.onSaved(
        props.editingId
          ? await call("PUT /api/assistants/:id", { params: { id: props.editingId }, body })
          : await call("POST /api/assistants", { body }),
      );
    });
  };
  // Models the assistant names that no provider offers any longer stay visible, to be unticked.
  const known = new Set(props.models.map((model) => model.id));
  const modelOptions = [
    ...props.models.map((model) => ({ value: model.id, label: model.id })),
    ...form.preferredModels
      .filter((ref) => !known.has(ref))
      .map((ref) => ({ value: ref, label: t("admin.assistants.modelGone", { ref }) })),
  ];
  return (
    <form ref={formRef} className="form" onSubmit={submit} aria-busy={busy} noValidate>
      <TextField
        label={t("admin.assistants.name")}
        value={form.name}
        onChange={set("name")}
        required
        error={nameError}
      />
      <TextAreaField
        label={t("admin.assistants.description")}
        hint={t("admin.assistants.descriptionHint")}
        rows={2}
        value={form.description}
        onChange={set("description")}
      />
      <TextAreaField
        label={t("admin.assistants.instructions")}
        hint={t("admin.assistants.instructionsHint")}
        rows={6}
        value={form.instructions}
        onChange={set("instructions")}
      />
      {props.bases.length > 0 ? (
        <CheckboxGroup
          legend={t("admin.assistants.bases")}
          options={props.bases.map((base) => ({ value: base.id, label: base.name }))}
          selected={form.knowledgeBaseIds}
          onChange={set("knowledgeBaseIds")}
        />
      ) : (
        <p className="hint">{t("admin.assistants.noBases")}</p>
      )}
      {modelOptions.length > 0 ? (
        <CheckboxGroup
          legend={t("admin.assistants.models")}
          hint={t("admin.assistants.modelsHint")}
          options={modelOptions}
          selected={form.preferredModels}
          onChange={set("preferredModels")}
        />
      ) : (
        <p className="hint">{t("admin.assistants.noModels")}</p>
      )}
      <SelectField
        label={t("admin.assistants.category")}
        value={form.category}
        onChange={(value) =>
          setForm((current) => ({
            ...current,
            category: value as Category,
            ...(!groundingChosen && { grounding: DEFAULT_GROUNDING[value as Category] }),
          }))
        }
        options={CATEGORIES.map((category) => ({
          value: category,
          label: t(`admin.assistants.category.${category}`),
        }))}
      />
      <GroundingFieldset
        value={form.grounding}
        category={form.category}
        onChange={(grounding) => {
          setGroundingChosen(true);
          set("grounding")(grounding);
        }}
      />
      <SelectField
        label={t("admin.assistants.audience")}
        hint={t("admin.assistants.audienceHint")}
        value={form.audience}
        onChange={(value) => set("audience")(value as AssistantInput["audience"])}
        options={[
          { value: "agents", label: t("admin.assistants.audience.agents") },
          { value: "citizens", label: t("admin.assistants.audience.citizens") },
        ]}
      />
      <div className="checkbox">
        <input
          type="checkbox"
          id="assistant-validation"
          checked={form.requiresValidation}
          onChange={(event) => set("requiresValidation")(event.target.checked)}
        />
        <label htmlFor="assistant-validation">{t("admin.assistants.requiresValidation")}</label>
      </div>
      <SelectField
        label={t("admin.assistants.direction")}
        hint={t("admin.assistants.directionHint")}
        value={form.ownerDirectionId ?? ""}
        onChange={(value) => set("ownerDirectionId")(value || null)}
        options={directionOptions(props.directions, t("admin.assistants.shared"))}
      />
      {placed.form !== null && <ErrorNotice error={placed.form} />}
      <div className="actions">
        <button type="submit" className="button" aria-disabled={busy}>
          {props.editingId ? t("action.save") : t("admin.assistants.create")}
        </button>
        <button type="button" className="button-secondary" onClick={props.onCancel}>
          {t("action.cancel")}
        </button>
      </div>
    </form>
  );
}

/** `/administration/assistants`: what each assistant is for, what it reads, which models it prefers. */
export function AssistantsPage() {
  const { can } = useSession();
  const assistants = useResource("GET /api/assistants");
  const bases = useResource(can("knowledge:read") ? "GET /api/knowledge-bases" : null);
  const models = useResource("GET /v1/models");
  const directions = useResource("GET /api/directions");
  const [editing, setEditing] = useState<{ id: string | null; initial: AssistantInput } | null>(
    null,
  );
  const [notice, setNotice] = useState<string | null>(null);
  const close = useCallback(() => setEditing(null), []);
  const table = useRef<HTMLTableElement>(null);
  const modelList = (models.data?.data ?? []).filter((model) => model.owned_by !== "beffroi");
  const sovereigntyOf = new Map(modelList.map((model) => [model.id, model]));
  const list = assistants.data;
  return (
    <section className="page" aria-busy={assistants.loading}>
      <PageHeading title={t("admin.assistants.title")}>
        <button
          type="button"
          className="button"
          onClick={() => setEditing({ id: null, initial: BLANK })}
        >
          {t("admin.assistants.new")}
        </button>
      </PageHeading>
      <p className="lead">{t("admin.assistants.intro")}</p>
      <StatusNotice text={notice} />
      {assistants.loading && !list && <Loading />}
      {assistants.error !== null && !list && (
        <ErrorNotice error={assistants.error} onRetry={() => void assistants.reload()} />
      )}
      {list && list.length === 0 && <EmptyState title={t("admin.assistants.empty")} />}
      {list && list.length > 0 && (
        <div className="table-wrapper">
          <table ref={table} tabIndex={-1}>
            <caption>{t("admin.assistants.caption", { count: list.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.assistants.name")}</th>
                <th scope="col">{t("admin.assistants.category")}</th>
                <th scope="col">{t("admin.assistants.audience")}</th>
                <th scope="col">{t("admin.assistants.models")}</th>
                <th scope="col">{t("admin.assistants.direction")}</th>
                <th scope="col">{t("admin.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((assistant, index) => (
                <tr key={assistant.id}>
                  <th scope="row">
                    {assistant.name}
                    {assistant.isDefault && (
                      <>
                        {" "}
                        <span className="badge badge-neutral">{t("admin.assistants.default")}</span>
                      </>
                    )}
                    {assistant.description && <p className="hint">{assistant.description}</p>}
                  </th>
                  <td>
                    {t(`admin.assistants.category.${assistant.category}`)}
                    <p className="hint">
                      {t(`admin.assistants.grounding.short.${assistant.grounding}`)}
                    </p>
                  </td>
                  <td>
                    {t(`admin.assistants.audience.${assistant.audience}`)}
                    {assistant.requiresValidation && (
                      <p className="hint">{t("admin.assistants.validated")}</p>
                    )}
                  </td>
                  <td>
                    {assistant.preferredModels.length === 0 ? (
                      t("admin.assistants.anyModel")
                    ) : (
                      <ul className="admin-plain-list">
                        {assistant.preferredModels.map((ref) => {
                          const model = sovereigntyOf.get(ref);
                          return (
                            <li key={ref}>
                              <span className="admin-mono">{ref}</span>{" "}
                              {model?.sovereignty && (
                                <SovereigntyBadge sovereignty={model.sovereignty} />
                              )}
                            </li>
                          );
                        })}
                      </ul>
                    )}
                  </td>
                  <td>{assistant.ownerDirectionPath ?? t("admin.assistants.shared")}</td>
                  <td>
                    <div className="admin-row-actions">
                      <button
                        type="button"
                        className="button-secondary button-small"
                        aria-label={t("admin.assistants.editFor", { name: assistant.name })}
                        onClick={() =>
                          setEditing({
                            id: assistant.id,
                            initial: {
                              name: assistant.name,
                              description: assistant.description,
                              instructions: assistant.instructions ?? "",
                              knowledgeBaseIds: assistant.knowledgeBaseIds,
                              preferredModels: assistant.preferredModels,
                              audience: assistant.audience,
                              category: assistant.category,
                              grounding: assistant.grounding,
                              requiresValidation: assistant.requiresValidation,
                              ownerDirectionId: assistant.ownerDirectionId,
                            },
                          })
                        }
                      >
                        {t("action.edit")}
                      </button>
                      {!assistant.isDefault && (
                        <ConfirmButton
                          label={t("action.delete")}
                          accessibleName={t("admin.assistants.deleteFor", { name: assistant.name })}
                          title={t("admin.assistants.deleteTitle", { name: assistant.name })}
                          body={t("admin.assistants.deleteBody")}
                          confirmLabel={t("action.delete")}
                          fallbackFocus={() => rowFocus(table.current, index)}
                          onConfirm={async () => {
                            await call("DELETE /api/assistants/:id", {
                              params: { id: assistant.id },
                            });
                            await assistants.reload();
                            setNotice(t("admin.assistants.deleted", { name: assistant.name }));
                            // The row goes, with the button and its dialog: the focus goes to the next row.
                            returnFocus(null, () => rowFocus(table.current, index));
                          }}
                        />
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Dialog
        open={editing !== null}
        title={
          editing?.id
            ? t("admin.assistants.editTitle", { name: editing.initial.name })
            : t("admin.assistants.new")
        }
        onClose={close}
      >
        {editing && (
          <AssistantForm
            key={editing.id ?? "nouveau"}
            initial={editing.initial}
            editingId={editing.id}
            bases={bases.data ?? []}
            models={modelList}
            directions={directions.data}
            onCancel={close}
            onSaved={(assistant) => {
              setEditing(null);
              setNotice(
                t(editing.id ? "admin.assistants.saved" : "admin.assistants.created", {
                  name: assistant.name,
                }),
              );
              void assistants.reload();
            }}
          />
        )}
      </Dialog>
    </section>
  );
}
