import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { call } from "../../api/client";
import { ConfirmButton, returnFocus } from "../../components/dialog";
import { EmptyState, ErrorNotice, Loading, PageHeading } from "../../components/feedback";
import { useAction } from "../../components/use-action";
import { useResource } from "../../components/use-resource";
import { t } from "../../i18n";
import { useSession } from "../../session";
import { focusFirstInvalid, placeError, StatusNotice, TextField } from "./shared";
import type { Direction } from "./types";

function Tree(props: {
  directions: Direction[];
  parentId: string | null;
  action: (direction: Direction) => ReactNode;
}): ReactNode {
  const children = props.directions
    .filter((direction) => direction.parentId === props.parentId)
    .sort((a, b) => a.name.localeCompare(b.name, "fr"));
  if (children.length === 0) return null;
  return (
    <ul className={props.parentId === null ? "admin-tree" : undefined}>
      {children.map((direction) => (
        <li key={direction.id}>
          <span className="admin-tree-name">{direction.name}</span> {props.action(direction)}
          <Tree directions={props.directions} parentId={direction.id} action={props.action} />
        </li>
      ))}
    </ul>
  );
}

/** `/administration/directions`: the tree of directions and services; add one by its path. */
export function DirectionsPage() {
  const { can } = useSession();
  const canWrite = can("directory:write");
  const directions = useResource("GET /api/directions");
  const [path, setPath] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const [empty, setEmpty] = useState(false);
  const { busy, error, run, clear } = useAction();
  const form = useRef<HTMLFormElement>(null);
  const tree = useRef<HTMLDivElement>(null);
  // The position of the delete button whose direction was just deleted.
  const deletedAt = useRef(0);
  const nextDelete = () => {
    const buttons = tree.current?.querySelectorAll<HTMLElement>("button");
    return buttons?.[deletedAt.current] ?? buttons?.[deletedAt.current - 1] ?? null;
  };
  const placed = placeError(error, ["path"] as const, {
    direction_exists: "path",
    invalid_request: "path",
  });
  const pathError = empty ? t("admin.directions.pathRequired") : placed.fields.path;
  useEffect(() => {
    if (error !== null) focusFirstInvalid(form.current);
  }, [error]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    clear();
    setEmpty(!path.trim());
    if (!path.trim()) {
      focusFirstInvalid(form.current);
      return;
    }
    void run(async () => {
      const added = await call("POST /api/directions", { body: { path: path.trim() } });
      setPath("");
      await directions.reload();
      setNotice(t("admin.directions.added", { path: added.path }));
    });
  };
  const list = directions.data;
  return (
    <section className="page" aria-busy={directions.loading}>
      <PageHeading title={t("admin.directions.title")} />
      <p className="lead">{t("admin.directions.intro")}</p>
      {!canWrite && <p className="notice notice-info">{t("admin.readOnly")}</p>}
      <StatusNotice text={notice} />
      {directions.loading && !list && <Loading />}
      {directions.error !== null && !list && (
        <ErrorNotice error={directions.error} onRetry={() => void directions.reload()} />
      )}
      {list && list.length === 0 && (
        <EmptyState title={t("admin.directions.empty")}>
          {canWrite && <p>{t("admin.directions.emptyHint")}</p>}
        </EmptyState>
      )}
      {list && list.length > 0 && (
        <div ref={tree}>
          <Tree
            directions={list}
            parentId={null}
            action={(direction) =>
              canWrite && !list.some((other) => other.parentId === direction.id) ? (
                <ConfirmButton
                  label={t("action.delete")}
                  accessibleName={t("admin.directions.deleteFor", { path: direction.path })}
                  title={t("admin.directions.deleteTitle", { path: direction.path })}
                  body={t("admin.directions.deleteBody")}
                  confirmLabel={t("action.delete")}
                  className="button-tertiary button-small"
                  fallbackFocus={nextDelete}
                  onConfirm={async () => {
                    const label = t("admin.directions.deleteFor", { path: direction.path });
                    deletedAt.current = Array.from(
                      tree.current?.querySelectorAll("button") ?? [],
                    ).findIndex((button) => button.getAttribute("aria-label") === label);
                    await call("DELETE /api/directions/:id", { params: { id: direction.id } });
                    await directions.reload();
                    setNotice(t("admin.directions.deleted", { path: direction.path }));
                    // The line goes, with the button and its dialog: the focus goes to the next
                    // delete button, else the page's heading.
                    returnFocus(null, nextDelete);
                  }}
                />
              ) : null
            }
          />
        </div>
      )}
      {canWrite && (
        <>
          <h2>{t("admin.directions.newTitle")}</h2>
          <form
            ref={form}
            className="form admin-form"
            onSubmit={submit}
            aria-busy={busy}
            noValidate
          >
            <TextField
              label={t("admin.directions.path")}
              hint={t("admin.directions.pathHint")}
              value={path}
              onChange={setPath}
              required
              error={pathError}
            />
            {placed.form !== null && <ErrorNotice error={placed.form} />}
            <div className="actions">
              <button type="submit" className="button" aria-disabled={busy}>
                {t("admin.directions.add")}
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
