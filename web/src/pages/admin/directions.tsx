import { type FormEvent, type ReactNode, useState } from "react";
import { del, post } from "../../api/client";
import {
  EmptyState,
  ErrorNotice,
  Loading,
  PageHeading,
  SuccessNotice,
} from "../../components/feedback";
import { useResource } from "../../components/use-resource";
import { t } from "../../i18n";
import { useSession } from "../../session";
import { ConfirmButton, TextField, useAction } from "./shared";
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
  const directions = useResource<Direction[]>("/api/directions");
  const [path, setPath] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const added = await post<Direction>("/api/directions", { path: path.trim() });
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
      <div aria-live="polite">{notice && <SuccessNotice>{notice}</SuccessNotice>}</div>
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
                onConfirm={async () => {
                  await del(`/api/directions/${encodeURIComponent(direction.id)}`);
                  await directions.reload();
                  setNotice(t("admin.directions.deleted", { path: direction.path }));
                }}
              />
            ) : null
          }
        />
      )}
      {canWrite && (
        <>
          <h2>{t("admin.directions.newTitle")}</h2>
          <form className="form admin-form" onSubmit={submit} aria-busy={busy}>
            <TextField
              label={t("admin.directions.path")}
              hint={t("admin.directions.pathHint")}
              value={path}
              onChange={setPath}
              required
            />
            {error !== null && <ErrorNotice error={error} />}
            <div className="actions">
              <button type="submit" className="button" disabled={busy || !path.trim()}>
                {t("admin.directions.add")}
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
