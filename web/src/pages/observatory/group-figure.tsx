import type { ReactNode } from "react";
import { BarChart, Caption, Figure, HiddenCells, MethodLink } from "./charts";
import { to } from "./i18n";

/** A column of a breakdown: its header (with its figure's definition when `anchor` is given) and its cell. */
export interface GroupColumn<T> {
  title: string;
  anchor?: string;
  cell: (row: T) => ReactNode;
}

/** A group of a breakdown: its figures, or only that the threshold withholds it. */
type Group<T> = ({ hidden: false } & T) | { hidden: true };

/** A column header naming a figure, with the link to its definition. */
export function FigureHeader(props: { title: string; anchor?: string }) {
  return (
    <th scope="col">
      {props.title}
      {props.anchor && (
        <>
          {" "}
          <MethodLink anchor={props.anchor} figure={props.title} />
        </>
      )}
    </th>
  );
}

/** A breakdown's column headers: what a group is, then its figures. */
function GroupHead<T>(props: { head: string; columns: GroupColumn<T>[] }) {
  return (
    <thead>
      <tr>
        <th scope="col">{props.head}</th>
        {props.columns.map((column) => (
          <FigureHeader key={column.title} title={column.title} anchor={column.anchor} />
        ))}
      </tr>
    </thead>
  );
}

/** A row of a group the threshold withholds: it says so, and nothing else (not even its name). */
export function HiddenRow(props: { count: number; span: number }) {
  return (
    <tr>
      <td colSpan={props.span} className="obs-hidden">
        {to("obs.hiddenGroup", { count: props.count })}
      </td>
    </tr>
  );
}

/**
 * A breakdown (per subject, model, class, rule, type…) as a data table with
 * its caption and definition link, and its bar chart when `bar` says what a
 * group's bar is: one row per group, its name as the row's header, each
 * group the threshold withholds one row saying so (the chart leaves it out).
 */
export function GroupFigure<T>(props: {
  title: string;
  anchor: string;
  className: string;
  /** The first column's header: what a group is. */
  head: string;
  rows: Group<T>[];
  rowKey: (row: T) => string;
  name: (row: T) => ReactNode;
  columns: GroupColumn<NoInfer<T>>[];
  /** The charter's threshold, said in the withheld rows. */
  count: number;
  bar?: (row: T) => { label: string; value: number; text: string };
  /** A chart of its own, instead of one bar per group. */
  chart?: ReactNode;
  /** What the table says when there is no group at all. */
  empty?: string;
  footer?: ReactNode;
}) {
  const { rows, columns, bar } = props;
  const shown = rows.flatMap((row) => (row.hidden ? [] : [row as T]));
  return (
    <Figure chart={props.chart ?? (bar && <BarChart bars={shown.map(bar)} />)}>
      <table className={props.className}>
        <Caption title={props.title} anchor={props.anchor} />
        <GroupHead head={props.head} columns={columns} />
        <tbody>
          {rows.length === 0 && props.empty && (
            <tr>
              <td colSpan={columns.length + 1}>{props.empty}</td>
            </tr>
          )}
          {rows.map((row, index) =>
            row.hidden ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: a withheld group has no name
              <HiddenRow key={index} count={props.count} span={columns.length + 1} />
            ) : (
              <tr key={props.rowKey(row as T)}>
                <th scope="row">{props.name(row as T)}</th>
                {columns.map((column) => (
                  <td key={column.title}>{column.cell(row as T)}</td>
                ))}
              </tr>
            ),
          )}
        </tbody>
        {props.footer}
      </table>
    </Figure>
  );
}

/** A figure's two-column summary: each figure (with its definition) and its value. */
export function SummaryFigure(props: {
  title: string;
  anchor: string;
  className?: string;
  rows: { title: string; anchor: string; value: string }[];
}) {
  return (
    <Figure>
      <table className={props.className}>
        <Caption title={props.title} anchor={props.anchor} />
        <thead>
          <tr>
            <th scope="col">{to("obs.column.figure")}</th>
            <th scope="col">{to("obs.column.value")}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.title}>
              <th scope="row">
                {row.title} <MethodLink anchor={row.anchor} figure={row.title} />
              </th>
              <td>{row.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Figure>
  );
}

/**
 * A table whose every row keeps its name, withheld or not (the months of a
 * series, the directions): a withheld row says so in place of its figures.
 */
export function NamedRowsFigure<T extends { hidden: boolean }>(props: {
  title: string;
  anchor: string;
  className: string;
  head: string;
  rows: T[];
  rowKey: (row: T) => string;
  name: (row: T) => ReactNode;
  /** Read for the rows shown only. */
  columns: GroupColumn<NoInfer<T>>[];
  count: number;
  chart?: ReactNode;
}) {
  const { columns } = props;
  return (
    <Figure chart={props.chart}>
      <table className={props.className}>
        <Caption title={props.title} anchor={props.anchor} />
        <GroupHead head={props.head} columns={columns} />
        <tbody>
          {props.rows.map((row) => (
            <tr key={props.rowKey(row)}>
              <th scope="row">{props.name(row)}</th>
              {row.hidden ? (
                <HiddenCells count={props.count} span={columns.length} />
              ) : (
                columns.map((column) => <td key={column.title}>{column.cell(row)}</td>)
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </Figure>
  );
}
