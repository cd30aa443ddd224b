import { type FormEvent, useCallback, useRef, useState } from "react";
import { call } from "../../api/client";
import type { Role, User } from "../../api/types";
import { Dialog } from "../../components/dialog";
import { EmptyState, ErrorNotice, Loading, PageHeading } from "../../components/feedback";
import { useAction } from "../../components/use-action";
import { useResource } from "../../components/use-resource";
import { formatDateTime, t } from "../../i18n";
import { useSession } from "../../session";
import {
  CheckboxGroup,
  focusFirstInvalid,
  nonEmpty,
  SelectField,
  StatusNotice,
  TextField,
  useCheckedForm,
} from "./shared";
import type { Direction } from "./types";

export const ROLES: Role[] = ["agent", "referent", "admin", "auditor"];
const roleOptions = () => ROLES.map((role) => ({ value: role, label: t(`admin.role.${role}`) }));

export const directionOptions = (directions: Direction[] | undefined, none: string) => [
  { value: "", label: none },
  ...(directions ?? [])
    .slice()
    .sort((a, b) => a.path.localeCompare(b.path, "fr"))
    .map((direction) => ({ value: direction.id, label: direction.path })),
];

const NEW_USER_FIELDS = ["email", "displayName", "roles", "password"] as const;
type NewUserField = (typeof NEW_USER_FIELDS)[number];

function NewUserForm(props: {
  directions: Direction[] | undefined;
  onCreated: (user: User) => void;
}) {
  const [email, setEmail] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [roles, setRoles] = useState<Role[]>(["agent"]);
  const [directionId, setDirectionId] = useState("");
  const [password, setPassword] = useState("");
  const { busy, run, form, errors, formError, check } = useCheckedForm(NEW_USER_FIELDS, {
    user_exists: "email",
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<NewUserField, string>> = {};
    if (!email.trim()) found.email = t("admin.users.emailRequired");
    if (!displayName.trim()) found.displayName = t("admin.users.nameRequired");
    const chosen = nonEmpty(roles);
    if (!chosen) found.roles = t("admin.users.rolesRequired");
    if (!check(found) || !chosen) return;
    void run(async () => {
      const user = await call("POST /api/users", {
        body: {
          email: email.trim(),
          displayName: displayName.trim(),
          roles: chosen,
          directionId: directionId || null,
          ...(password && { password }),
        },
      });
      setEmail("");
      setDisplayName("");
      setRoles(["agent"]);
      setDirectionId("");
      setPassword("");
      props.onCreated(user);
    });
  };
  return (
    <form ref={form} className="form admin-form" onSubmit={submit} aria-busy={busy} noValidate>
      <TextField
        label={t("admin.users.email")}
        type="email"
        value={email}
        onChange={setEmail}
        required
        error={errors.email}
      />
      <TextField
        label={t("admin.users.name")}
        value={displayName}
        onChange={setDisplayName}
        required
        error={errors.displayName}
      />
      <CheckboxGroup
        legend={t("admin.users.roles")}
        hint={t("admin.users.rolesHint")}
        options={roleOptions()}
        selected={roles}
        onChange={setRoles}
        error={errors.roles}
      />
      <SelectField
        label={t("admin.users.direction")}
        value={directionId}
        onChange={setDirectionId}
        options={directionOptions(props.directions, t("admin.users.noDirection"))}
      />
      <TextField
        label={t("admin.users.password")}
        hint={t("admin.users.passwordHint")}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
        error={errors.password}
      />
      {formError !== null && <ErrorNotice error={formError} />}
      <div className="actions">
        <button type="submit" className="button" aria-disabled={busy}>
          {busy ? t("state.saving") : t("admin.users.create")}
        </button>
      </div>
    </form>
  );
}

function EditUserDialog(props: {
  user: User | null;
  directions: Direction[] | undefined;
  onClose: () => void;
  onSaved: (user: User) => void;
}) {
  const { user } = props;
  const [roles, setRoles] = useState<Role[]>([]);
  const [directionId, setDirectionId] = useState("");
  const [shown, setShown] = useState<string | null>(null);
  const [rolesError, setRolesError] = useState<string | undefined>();
  const { busy, error, run, clear } = useAction();
  const form = useRef<HTMLFormElement>(null);
  if (user && shown !== user.id) {
    setShown(user.id);
    setRoles(user.roles);
    setDirectionId(user.direction?.id ?? "");
    setRolesError(undefined);
    clear();
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!user) return;
    const chosen = nonEmpty(roles);
    if (!chosen) {
      setRolesError(t("admin.users.rolesRequired"));
      focusFirstInvalid(form.current);
      return;
    }
    setRolesError(undefined);
    void run(async () => {
      props.onSaved(
        await call("PATCH /api/users/:id", {
          params: { id: user.id },
          body: { roles: chosen, directionId: directionId || null },
        }),
      );
    });
  };
  const { onClose } = props;
  const close = useCallback(() => {
    setShown(null);
    onClose();
  }, [onClose]);
  return (
    <Dialog
      open={user !== null}
      title={t("admin.users.editTitle", { name: user?.displayName ?? "" })}
      onClose={close}
    >
      <form ref={form} className="form" onSubmit={submit} aria-busy={busy} noValidate>
        <CheckboxGroup
          legend={t("admin.users.roles")}
          options={roleOptions()}
          selected={roles}
          onChange={setRoles}
          error={rolesError}
        />
        <SelectField
          label={t("admin.users.direction")}
          value={directionId}
          onChange={setDirectionId}
          options={directionOptions(props.directions, t("admin.users.noDirection"))}
        />
        {error !== null && <ErrorNotice error={error} />}
        <div className="actions">
          <button type="submit" className="button" aria-disabled={busy}>
            {busy ? t("state.saving") : t("action.save")}
          </button>
          <button type="button" className="button-secondary" onClick={close}>
            {t("action.cancel")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** `/administration/utilisateurs`: who may use Beffroi, with which roles, in which direction. */
export function UsersPage() {
  const { can, session } = useSession();
  const canWrite = can("directory:write");
  const users = useResource("GET /api/users");
  const directions = useResource("GET /api/directions");
  const [editing, setEditing] = useState<User | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const toggle = useAction();

  const replace = (user: User) =>
    users.set((list) => (list ?? []).map((entry) => (entry.id === user.id ? user : entry)));
  const setDisabled = (user: User, disabled: boolean) =>
    void toggle.run(async () => {
      const changed = await call("PATCH /api/users/:id", {
        params: { id: user.id },
        body: { disabled },
      });
      replace(changed);
      setNotice(
        t(disabled ? "admin.users.disabledNotice" : "admin.users.enabledNotice", {
          name: changed.displayName,
        }),
      );
    });
  const closeEditor = useCallback(() => setEditing(null), []);

  const list = users.data?.slice().sort((a, b) => a.displayName.localeCompare(b.displayName, "fr"));
  return (
    <section className="page" aria-busy={users.loading}>
      <PageHeading title={t("admin.users.title")} />
      <p className="lead">{t("admin.users.intro")}</p>
      {!canWrite && <p className="notice notice-info">{t("admin.readOnly")}</p>}
      <StatusNotice text={notice} />
      {toggle.error !== null && <ErrorNotice error={toggle.error} />}
      {users.loading && !users.data && <Loading />}
      {users.error !== null && !users.data && (
        <ErrorNotice error={users.error} onRetry={() => void users.reload()} />
      )}
      {list && list.length === 0 && <EmptyState title={t("admin.users.empty")} />}
      {list && list.length > 0 && (
        <div className="table-wrapper">
          <table>
            <caption>{t("admin.users.caption", { count: list.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.users.name")}</th>
                <th scope="col">{t("admin.users.email")}</th>
                <th scope="col">{t("admin.users.roles")}</th>
                <th scope="col">{t("admin.users.direction")}</th>
                <th scope="col">{t("admin.users.lastLogin")}</th>
                <th scope="col">{t("admin.users.status")}</th>
                {canWrite && <th scope="col">{t("admin.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {list.map((user) => (
                <tr key={user.id}>
                  <th scope="row">{user.displayName}</th>
                  <td>{user.email}</td>
                  <td>{user.roles.map((role) => t(`admin.role.${role}`)).join(", ")}</td>
                  <td>{user.direction?.path ?? t("admin.users.noDirectionShort")}</td>
                  <td>
                    {user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t("admin.users.never")}
                  </td>
                  <td>
                    {user.disabledAt ? (
                      <span className="badge badge-error">{t("admin.users.disabled")}</span>
                    ) : (
                      <span className="badge badge-success">{t("admin.users.active")}</span>
                    )}
                  </td>
                  {canWrite && (
                    <td>
                      <div className="admin-row-actions">
                        <button
                          type="button"
                          className="button-secondary button-small"
                          aria-label={t("admin.users.editFor", { name: user.displayName })}
                          onClick={() => setEditing(user)}
                        >
                          {t("action.edit")}
                        </button>
                        {user.id !== session?.user.id && (
                          // One button whose name changes: the focus stays on it.
                          <button
                            type="button"
                            className={`${user.disabledAt ? "button-secondary" : "button-danger"} button-small`}
                            aria-label={t(
                              user.disabledAt ? "admin.users.enableFor" : "admin.users.disableFor",
                              { name: user.displayName },
                            )}
                            aria-disabled={toggle.busy}
                            onClick={() => setDisabled(user, !user.disabledAt)}
                          >
                            {t(user.disabledAt ? "admin.users.enable" : "admin.users.disable")}
                          </button>
                        )}
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite && (
        <>
          <h2>{t("admin.users.newTitle")}</h2>
          <NewUserForm
            directions={directions.data}
            onCreated={(user) => {
              users.set((list) => [...(list ?? []), user]);
              setNotice(t("admin.users.createdNotice", { name: user.displayName }));
            }}
          />
          <EditUserDialog
            user={editing}
            directions={directions.data}
            onClose={closeEditor}
            onSaved={(user) => {
              replace(user);
              setEditing(null);
              setNotice(t("admin.users.savedNotice", { name: user.displayName }));
            }}
          />
        </>
      )}
    </section>
  );
}
