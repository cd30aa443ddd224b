import { type FormEvent, useId, useRef, useState } from "react";
import { call, type ResponseOf } from "../../api/client";
import { ConfirmButton, returnFocus } from "../../components/dialog";
import { EmptyState, ErrorNotice, Loading, PageHeading } from "../../components/feedback";
import { useAction } from "../../components/use-action";
import { useResource } from "../../components/use-resource";
import { areaTranslator, formatDateTime, t } from "../../i18n";
import { watch } from "../../i18n/fr/watch";
import { useSession } from "../../session";
import { rowFocus, SelectField, StatusNotice, TextField, useCheckedForm } from "./shared";
import type { Direction } from "./types";
import { directionOptions } from "./users";

/** The watch page's messages (`i18n/fr/watch.ts`), loaded with the administration's chunk. */
export const tw = areaTranslator(watch);

type WatchSource = ResponseOf<"GET /api/watch/sources">[number];
type WatchCheck = ResponseOf<"POST /api/watch/sources/:id/check">;
type WatchItem = ResponseOf<"GET /api/watch/items">[number];
type Kind = WatchSource["kind"];

const KINDS: readonly Kind[] = ["feed", "page"];
/** The intervals offered, in minutes: 15 min, 1 h, 6 h, 1 day, 1 week. */
const INTERVALS = [15, 60, 360, 1440, 10_080] as const;
const DEFAULT_INTERVAL = 360;
/** The closed set of reading outcomes, as the API declares it. */
type Status = WatchSource["status"];

/** An interval as people say it: « toutes les 6 h », « une fois par jour ». */
export function intervalText(minutes: number): string {
  if (minutes % 10_080 === 0) return tw("watch.every.weeks", { count: minutes / 10_080 });
  if (minutes % 1440 === 0) return tw("watch.every.days", { count: minutes / 1440 });
  if (minutes % 60 === 0) return tw("watch.every.hours", { count: minutes / 60 });
  return tw("watch.every.minutes", { count: minutes });
}

/** A reading's status in French; an HTTP error with its status. */
export function statusText(status: Status, detail: string | null): string {
  if (status === "http_status" && detail)
    return tw("watch.status.http_statusDetail", { status: detail });
  return tw(`watch.status.${status}`);
}

/** What « Lire maintenant » announces. */
function checkText(name: string, result: WatchCheck): string {
  if (result.status === "ok")
    return result.newItems === 0
      ? tw("watch.checkedNone", { name })
      : tw("watch.checked", { name, count: result.newItems });
  if (result.status === "not_modified") return tw("watch.checkedUnchanged", { name });
  return tw("watch.checkFailed", { name, reason: statusText(result.status, result.statusDetail) });
}

/** `a > b > c` is within `a > b`: a referent manages their direction and the services below. */
const within = (path: string, ancestor: string) =>
  path === ancestor || path.startsWith(`${ancestor} > `);

/** Feed or page: two radio buttons, each with what it gives. */
function KindFieldset(props: { value: Kind; onChange: (kind: Kind) => void }) {
  const id = useId();
  return (
    <fieldset>
      <legend>{tw("watch.kindLegend")}</legend>
      {KINDS.map((kind) => (
        <div className="admin-radio" key={kind}>
          <input
            type="radio"
            name={`${id}-kind`}
            id={`${id}-${kind}`}
            value={kind}
            checked={props.value === kind}
            aria-describedby={`${id}-${kind}-hint`}
            onChange={() => props.onChange(kind)}
          />
          <label htmlFor={`${id}-${kind}`}>{tw(`watch.kind.${kind}`)}</label>
          <p className="hint" id={`${id}-${kind}-hint`}>
            {tw(`watch.kind.${kind}.hint`)}
          </p>
        </div>
      ))}
    </fieldset>
  );
}

const SOURCE_FIELDS = ["name", "url"] as const;
type SourceField = (typeof SOURCE_FIELDS)[number];

/**
 * A new source. An administrator places it anywhere (or with the whole
 * collectivité); a referent in their direction or a service below it, which
 * the server checks again.
 */
function NewSourceForm(props: {
  directions: Direction[] | undefined;
  onCreated: (source: WatchSource) => Promise<void>;
}) {
  const { session } = useSession();
  const admin = session?.user.roles.includes("admin") ?? false;
  const mine = session?.user.direction ?? null;
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [kind, setKind] = useState<Kind>("feed");
  const [interval, setIntervalMinutes] = useState(String(DEFAULT_INTERVAL));
  const [directionId, setDirectionId] = useState(admin ? "" : (mine?.id ?? ""));
  const { busy, run, form, errors, formError, check } = useCheckedForm(SOURCE_FIELDS, {
    watch_url_invalid: "url",
    watch_address_refused: "url",
  });
  const id = useId();
  // No « Toute la collectivité » for a referent: their direction or a service below it.
  const directions = admin
    ? directionOptions(props.directions, tw("watch.everyone"))
    : (props.directions ?? [])
        .filter((direction) => mine !== null && within(direction.path, mine.path))
        .sort((a, b) => a.path.localeCompare(b.path, "fr"))
        .map((direction) => ({ value: direction.id, label: direction.path }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<SourceField, string>> = {};
    if (!name.trim()) found.name = tw("watch.nameRequired");
    if (!url.trim()) found.url = tw("watch.urlRequired");
    if (!check(found)) return;
    void run(async () => {
      const created = await call("POST /api/watch/sources", {
        body: {
          name: name.trim(),
          url: url.trim(),
          kind,
          intervalMinutes: Number(interval),
          directionId: directionId || null,
        },
      });
      setName("");
      setUrl("");
      await props.onCreated(created);
    });
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{tw("watch.newTitle")}</h2>
      <form ref={form} className="form admin-form" onSubmit={submit} aria-busy={busy} noValidate>
        <TextField
          label={tw("watch.name")}
          hint={tw("watch.nameHint")}
          value={name}
          onChange={setName}
          required
          error={errors.name}
        />
        <TextField
          label={tw("watch.url")}
          hint={tw("watch.urlHint")}
          type="url"
          mono
          value={url}
          onChange={setUrl}
          required
          error={errors.url}
        />
        <KindFieldset value={kind} onChange={setKind} />
        <SelectField
          label={tw("watch.interval")}
          hint={tw("watch.intervalHint")}
          value={interval}
          onChange={setIntervalMinutes}
          options={INTERVALS.map((minutes) => ({
            value: String(minutes),
            label: tw(`watch.interval.${minutes}`),
          }))}
        />
        <SelectField
          label={tw("watch.direction")}
          hint={admin ? tw("watch.directionHint") : tw("watch.directionReferentHint")}
          value={directionId}
          onChange={setDirectionId}
          options={directions}
        />
        {formError !== null && <ErrorNotice error={formError} />}
        <div className="actions">
          <button type="submit" className="button" aria-disabled={busy}>
            {busy ? t("state.saving") : tw("watch.create")}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The 20 newest items, every source together: what the watch has found lately. */
function LatestItems(props: { items: WatchItem[] | undefined; error: unknown }) {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{tw("watch.latestTitle")}</h2>
      <p className="hint">{tw("watch.latestHint")}</p>
      {props.error !== null && !props.items && <ErrorNotice error={props.error} />}
      {props.items && props.items.length === 0 && <EmptyState title={tw("watch.latestEmpty")} />}
      {props.items && props.items.length > 0 && (
        <ul className="admin-plain-list admin-stack">
          {props.items.map((item) => (
            <li key={item.id}>
              {item.title}
              <p className="hint">
                {tw("watch.latestOrigin", {
                  source: item.sourceName,
                  date: formatDateTime(item.publishedAt ?? item.foundAt),
                })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A source's state: its last reading's status, failures in a row, suspended. */
function SourceState(props: { source: WatchSource }) {
  const { source } = props;
  return (
    <>
      {statusText(source.status, source.statusDetail)}
      {source.failures > 0 && (
        <p className="hint">{tw("watch.failures", { count: source.failures })}</p>
      )}
      {!source.enabled && <p className="hint">{tw("watch.suspended")}</p>}
    </>
  );
}

/** `/administration/veille`: the document watch's sources, read by the server on a schedule. */
export function WatchPage() {
  const sources = useResource("GET /api/watch/sources");
  const latest = useResource("GET /api/watch/items", { query: { limit: 20 } });
  const directions = useResource("GET /api/directions");
  const rowAction = useAction();
  const [checking, setChecking] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const list = sources.data;

  const checkNow = (source: WatchSource) =>
    void rowAction.run(async () => {
      setNotice(null);
      setChecking(source.id);
      try {
        const result = await call("POST /api/watch/sources/:id/check", {
          params: { id: source.id },
        });
        setNotice(checkText(source.name, result));
        await Promise.all([sources.reload(), latest.reload()]);
      } finally {
        setChecking(null);
      }
    });

  const toggle = (source: WatchSource) =>
    void rowAction.run(async () => {
      setNotice(null);
      const updated = await call("PATCH /api/watch/sources/:id", {
        params: { id: source.id },
        body: { enabled: !source.enabled },
      });
      sources.set((current) =>
        current?.map((entry) => (entry.id === updated.id ? updated : entry)),
      );
      setNotice(
        tw(updated.enabled ? "watch.resumedNotice" : "watch.suspendedNotice", {
          name: updated.name,
        }),
      );
    });

  return (
    <section className="page" aria-busy={sources.loading}>
      <PageHeading title={t("admin.watch.title")} />
      <p className="lead">{tw("watch.intro")}</p>
      <p>{tw("watch.usage")}</p>
      <p>{tw("watch.privateHosts")}</p>
      <StatusNotice text={notice} />
      {rowAction.error !== null && <ErrorNotice error={rowAction.error} />}
      {sources.loading && !list && <Loading />}
      {sources.error !== null && !list && (
        <ErrorNotice error={sources.error} onRetry={() => void sources.reload()} />
      )}
      {list && list.length === 0 && (
        <EmptyState title={tw("watch.empty")}>
          <p>{tw("watch.emptyHint")}</p>
        </EmptyState>
      )}
      {list && list.length > 0 && (
        <div className="table-wrapper">
          <table ref={table} tabIndex={-1}>
            <caption>{tw("watch.caption", { count: list.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{tw("watch.name")}</th>
                <th scope="col">{tw("watch.kind")}</th>
                <th scope="col">{tw("watch.url")}</th>
                <th scope="col">{tw("watch.direction")}</th>
                <th scope="col">{tw("watch.interval")}</th>
                <th scope="col">{tw("watch.state")}</th>
                <th scope="col">{tw("watch.checkedAt")}</th>
                <th scope="col">{tw("watch.items")}</th>
                <th scope="col">{t("admin.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((source, index) => (
                <tr key={source.id}>
                  <th scope="row">{source.name}</th>
                  <td>{tw(`watch.kind.${source.kind}`)}</td>
                  <td className="admin-mono">{source.url}</td>
                  <td>{source.directionPath ?? tw("watch.everyone")}</td>
                  <td>{intervalText(source.intervalMinutes)}</td>
                  <td>
                    <SourceState source={source} />
                  </td>
                  <td>
                    {source.checkedAt === null
                      ? tw("watch.never")
                      : formatDateTime(source.checkedAt)}
                  </td>
                  <td>{source.items}</td>
                  <td>
                    <div className="admin-row-actions">
                      <button
                        type="button"
                        className="button-secondary button-small"
                        aria-label={tw("watch.checkFor", { name: source.name })}
                        aria-disabled={rowAction.busy}
                        onClick={() => checkNow(source)}
                      >
                        {checking === source.id ? tw("watch.checking") : tw("watch.check")}
                      </button>
                      <button
                        type="button"
                        className="button-tertiary button-small"
                        aria-label={tw(source.enabled ? "watch.suspendFor" : "watch.resumeFor", {
                          name: source.name,
                        })}
                        aria-disabled={rowAction.busy}
                        onClick={() => toggle(source)}
                      >
                        {source.enabled ? tw("watch.suspend") : tw("watch.resume")}
                      </button>
                      <ConfirmButton
                        label={t("action.delete")}
                        accessibleName={tw("watch.deleteFor", { name: source.name })}
                        title={tw("watch.deleteTitle", { name: source.name })}
                        body={tw("watch.deleteBody")}
                        confirmLabel={t("action.delete")}
                        fallbackFocus={() => rowFocus(table.current, index)}
                        onConfirm={async () => {
                          await call("DELETE /api/watch/sources/:id", {
                            params: { id: source.id },
                          });
                          setNotice(null);
                          await Promise.all([sources.reload(), latest.reload()]);
                          setNotice(tw("watch.deleted", { name: source.name }));
                          // The row goes, with the button and its dialog: the focus goes to the next row.
                          returnFocus(null, () => rowFocus(table.current, index));
                        }}
                      />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NewSourceForm
        directions={directions.data}
        onCreated={async (source) => {
          setNotice(null);
          await sources.reload();
          setNotice(tw("watch.created", { name: source.name }));
        }}
      />
      <LatestItems items={latest.data} error={latest.error} />
    </section>
  );
}
