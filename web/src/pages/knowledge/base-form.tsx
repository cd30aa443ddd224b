import { useId } from "react";
import { ApiError } from "../../api/client";
import { errorText } from "../../components/feedback";
import { type MessageKey, t } from "../../i18n";
import type {
  Direction,
  FieldIssue,
  KnowledgeBase,
  PersonalDataSetting,
  Reader,
  ReaderRole,
} from "./types";

export const SETTINGS: PersonalDataSetting[] = ["quarantine", "pseudonymise", "index"];
const ROLES: ReaderRole[] = ["agent", "referent", "admin", "auditor"];

/** Who may read a base, as the form holds it. */
export interface ReadersValue {
  everyone: boolean;
  roles: ReaderRole[];
  directions: string[];
}

export function readersValue(readers: KnowledgeBase["readers"]): ReadersValue {
  return {
    everyone: readers.some((reader) => reader.kind === "everyone"),
    roles: readers
      .filter((reader) => reader.kind === "role")
      .map((reader) => reader.value as ReaderRole),
    directions: readers
      .filter((reader) => reader.kind === "direction")
      .map((reader) => reader.value),
  };
}

export function readersOf(value: ReadersValue): Reader[] {
  return [
    ...(value.everyone ? [{ kind: "everyone" as const, value: "*" as const }] : []),
    ...value.roles.map((role) => ({ kind: "role" as const, value: role })),
    ...value.directions.map((id) => ({ kind: "direction" as const, value: id })),
  ];
}

export const settingLabel = (setting: PersonalDataSetting) =>
  t(`knowledge.personalData.${setting}` as MessageKey);

/** Where a field's error is shown, from the API's answer: the field it names, else the whole form. */
export type FieldName = "name" | "description" | "owner" | "readers" | "personalData";

export function fieldErrors(error: unknown): {
  fields: Partial<Record<FieldName, string>>;
  form?: string;
} {
  if (!(error instanceof ApiError)) return { fields: {}, form: errorText(error) };
  switch (error.code) {
    case "knowledge_base_exists":
      return { fields: { name: error.message } };
    case "owner_direction_required":
      return { fields: { owner: error.message } };
    case "direction_not_found":
      return { fields: { readers: error.message } };
  }
  if (error.code === "invalid_request" && Array.isArray(error.details)) {
    const fields: Partial<Record<FieldName, string>> = {};
    for (const issue of error.details as FieldIssue[]) {
      const [, first] = issue.field.split(".");
      const name: FieldName | undefined =
        first === "ownerDirectionId" ? "owner" : (first as FieldName | undefined);
      if (name && ["name", "description", "owner", "readers", "personalData"].includes(name))
        fields[name] ??= issue.message;
    }
    if (Object.keys(fields).length > 0) return { fields };
  }
  return { fields: {}, form: errorText(error) };
}

/** The props a field in error carries: aria-invalid and the id of its message. */
export function invalid(error: string | undefined, errorId: string, hintId?: string) {
  const describedBy = [hintId, error ? errorId : undefined].filter(Boolean).join(" ");
  return {
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy || undefined,
  } as const;
}

export function FieldError(props: { id: string; message: string | undefined }) {
  if (!props.message) return null;
  return (
    <p className="field-error" id={props.id}>
      {props.message}
    </p>
  );
}

/** Everyone, roles, directions: the readers of a base, as checkboxes. */
export function ReadersFieldset(props: {
  value: ReadersValue;
  onChange(value: ReadersValue): void;
  /** undefined while they load. */
  directions: Direction[] | undefined;
  error?: string;
}) {
  const id = useId();
  const { value, onChange } = props;
  const directions = props.directions ?? [];
  const toggle = <T,>(list: T[], item: T, on: boolean) =>
    on ? [...list, item] : list.filter((entry) => entry !== item);
  return (
    <fieldset {...invalidGroup(props.error, `${id}-error`)}>
      <legend>{t("knowledge.form.readers")}</legend>
      <FieldError id={`${id}-error`} message={props.error} />
      <div className="checkbox">
        <input
          type="checkbox"
          id={`${id}-everyone`}
          checked={value.everyone}
          onChange={(event) => onChange({ ...value, everyone: event.target.checked })}
        />
        <label htmlFor={`${id}-everyone`}>{t("knowledge.form.everyone")}</label>
      </div>
      <fieldset className="kb-subfieldset">
        <legend>{t("knowledge.form.roles")}</legend>
        {ROLES.map((role) => (
          <div className="checkbox" key={role}>
            <input
              type="checkbox"
              id={`${id}-role-${role}`}
              checked={value.roles.includes(role)}
              onChange={(event) =>
                onChange({ ...value, roles: toggle(value.roles, role, event.target.checked) })
              }
            />
            <label htmlFor={`${id}-role-${role}`}>
              {t(`knowledge.form.role.${role}` as MessageKey)}
            </label>
          </div>
        ))}
      </fieldset>
      <fieldset className="kb-subfieldset">
        <legend>{t("knowledge.form.directions")}</legend>
        {props.directions === undefined && <p className="hint">{t("state.loading")}</p>}
        {props.directions?.length === 0 && (
          <p className="hint">{t("knowledge.form.noDirections")}</p>
        )}
        <div className="kb-directions">
          {directions.map((direction) => (
            <div className="checkbox" key={direction.id}>
              <input
                type="checkbox"
                id={`${id}-direction-${direction.id}`}
                checked={value.directions.includes(direction.id)}
                onChange={(event) =>
                  onChange({
                    ...value,
                    directions: toggle(value.directions, direction.id, event.target.checked),
                  })
                }
              />
              <label htmlFor={`${id}-direction-${direction.id}`}>{direction.path}</label>
            </div>
          ))}
        </div>
      </fieldset>
    </fieldset>
  );
}

function invalidGroup(error: string | undefined, errorId: string) {
  return error ? { "aria-describedby": errorId } : {};
}

/** The three personal-data settings, as radio buttons with what each does. */
export function PersonalDataFieldset(props: {
  value: PersonalDataSetting;
  onChange(value: PersonalDataSetting): void;
  error?: string;
  hint?: string;
}) {
  const id = useId();
  return (
    <fieldset {...invalidGroup(props.error, `${id}-error`)}>
      <legend>{t("knowledge.form.personalData")}</legend>
      {props.hint && <p className="hint">{props.hint}</p>}
      <FieldError id={`${id}-error`} message={props.error} />
      {SETTINGS.map((setting) => (
        <div className="kb-radio" key={setting}>
          <input
            type="radio"
            name={`${id}-setting`}
            id={`${id}-${setting}`}
            value={setting}
            checked={props.value === setting}
            aria-describedby={`${id}-${setting}-hint`}
            onChange={() => props.onChange(setting)}
          />
          <label htmlFor={`${id}-${setting}`}>{settingLabel(setting)}</label>
          <p className="hint" id={`${id}-${setting}-hint`}>
            {t(`knowledge.personalData.${setting}.hint` as MessageKey)}
          </p>
        </div>
      ))}
    </fieldset>
  );
}
