import {
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from "react";
import { PageHeading } from "../../components/feedback";
import { useResource } from "../../components/use-resource";
import { Link } from "../../router";
import { useSession } from "../../session";
import { currentMonth, formatPeriod, shiftMonth, to } from "./i18n";
import {
  AdoptionSection,
  BattlesSection,
  ImpactSection,
  ProtectionSection,
  UsesSection,
} from "./sections";
import { type Direction, type Filter, SECTIONS, type Section } from "./types";

const SEPARATOR = " > ";
/** `path` is `ancestor` itself or lies below it, as the server reads a referent's reach. */
const within = (path: string, ancestor: string) =>
  path === ancestor || path.startsWith(`${ancestor}${SEPARATOR}`);

const SECTION_VIEWS: Record<Section, (props: { filter: Filter }) => ReactNode> = {
  adoption: AdoptionSection,
  usages: UsesSection,
  protection: ProtectionSection,
  impact: ImpactSection,
  comparaisons: BattlesSection,
};

/**
 * `/observatoire/<section>`: the filter (period, direction) applied to every
 * section, and the sections as tabs (arrow keys, Home and End move between
 * them). The address follows the tab without a new page, so that it can be
 * bookmarked and the focus stays on the tab.
 */
export function ObservatoryPage(props: { section: Section }) {
  const id = useId();
  const { session, can } = useSession();
  const everyone = can("audit:read");
  const own = session?.user.direction ?? null;
  const [filter, setFilter] = useState<Filter>(() => {
    const last = currentMonth();
    return { from: shiftMonth(last, -11), to: last, direction: everyone ? "" : (own?.id ?? "") };
  });
  const [section, setSection] = useState<Section>(props.section);
  useEffect(() => setSection(props.section), [props.section]);
  const directions = useResource("GET /api/directions");
  // A referent reads their own direction and those below it, never another's.
  const choices = (directions.data ?? (own ? [{ ...own, name: own.path, parentId: null }] : []))
    .filter((direction) => everyone || (own !== null && within(direction.path, own.path)))
    .sort((a, b) => a.path.localeCompare(b.path, "fr"));
  const directionName = filter.direction
    ? (choices.find((direction) => direction.id === filter.direction)?.path ??
      (own?.id === filter.direction ? own.path : ""))
    : to("obs.everyone");
  const select = (next: Section) => {
    setSection(next);
    // Not through the router: the page stays, and so does the focus on the tab.
    history.replaceState(null, "", `/observatoire/${next}`);
  };
  const tabs = useRef<Record<string, HTMLButtonElement | null>>({});
  const onKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = SECTIONS.indexOf(section);
    const last = SECTIONS.length - 1;
    const target =
      event.key === "ArrowRight"
        ? index === last
          ? 0
          : index + 1
        : event.key === "ArrowLeft"
          ? index === 0
            ? last
            : index - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : null;
    if (target === null) return;
    event.preventDefault();
    const next = SECTIONS[target] as Section;
    select(next);
    tabs.current[next]?.focus();
  };
  const View = SECTION_VIEWS[section];
  return (
    <div className="page obs">
      <PageHeading
        title={to("obs.heading", {
          period: formatPeriod(filter.from, filter.to),
          direction: directionName,
        })}
      />
      <p className="lead">
        {to("obs.intro")} <Link href="/observatoire/methode">{to("obs.methodLink")}</Link>
      </p>
      <FilterForm
        key={`${filter.from}/${filter.to}/${filter.direction}`}
        filter={filter}
        everyone={everyone}
        directions={choices}
        onApply={setFilter}
      />
      <div role="tablist" aria-label={to("obs.tabs")} className="obs-tabs">
        {SECTIONS.map((name) => (
          <button
            key={name}
            ref={(element) => {
              tabs.current[name] = element;
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${name}`}
            aria-selected={name === section}
            {...(name === section && { "aria-controls": `${id}-panel` })}
            tabIndex={name === section ? 0 : -1}
            onClick={() => select(name)}
            onKeyDown={onKey}
          >
            {to(`obs.tab.${name}`)}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${id}-panel`}
        aria-labelledby={`${id}-tab-${section}`}
        className="obs-panel"
      >
        <h2>{to(`obs.tab.${section}`)}</h2>
        <View filter={filter} />
      </div>
    </div>
  );
}

/** The period (from and to months) and the direction; applied to every section at once. */
function FilterForm(props: {
  filter: Filter;
  everyone: boolean;
  directions: Direction[];
  onApply: (filter: Filter) => void;
}) {
  const id = useId();
  const [from, setFrom] = useState(props.filter.from);
  const [until, setUntil] = useState(props.filter.to);
  const [direction, setDirection] = useState(props.filter.direction);
  const [error, setError] = useState<{ field: "from" | "to"; text: string } | null>(null);
  const fromField = useRef<HTMLInputElement>(null);
  const toField = useRef<HTMLInputElement>(null);
  const month = /^\d{4}-(0[1-9]|1[0-2])$/;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = !month.test(from)
      ? ({ field: "from", text: to("obs.filter.missing") } as const)
      : !month.test(until)
        ? ({ field: "to", text: to("obs.filter.missing") } as const)
        : from > until
          ? ({ field: "to", text: to("obs.filter.order") } as const)
          : null;
    setError(problem);
    if (problem) {
      (problem.field === "from" ? fromField : toField).current?.focus();
      return;
    }
    props.onApply({ from, to: until, direction });
  };
  const errorId = `${id}-error`;
  const invalid = (field: "from" | "to") =>
    error?.field === field ? { "aria-invalid": true, "aria-describedby": errorId } : {};
  return (
    <form className="obs-filter" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="obs-filter-title">
        {to("obs.filter.title")}
      </h2>
      <p className="hint">{to("obs.filter.hint")}</p>
      <div className="obs-filter-fields">
        <div className="field">
          <label htmlFor={`${id}-from`}>{to("obs.filter.from")}</label>
          <input
            ref={fromField}
            id={`${id}-from`}
            type="month"
            value={from}
            onChange={(event) => setFrom(event.target.value)}
            {...invalid("from")}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{to("obs.filter.to")}</label>
          <input
            ref={toField}
            id={`${id}-to`}
            type="month"
            value={until}
            onChange={(event) => setUntil(event.target.value)}
            {...invalid("to")}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-direction`}>{to("obs.filter.direction")}</label>
          <select
            id={`${id}-direction`}
            value={direction}
            onChange={(event) => setDirection(event.target.value)}
          >
            {props.everyone && <option value="">{to("obs.everyone")}</option>}
            {props.directions.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.path}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {to("obs.filter.apply")}
        </button>
      </div>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error.text}
        </p>
      )}
    </form>
  );
}
