import type { ReactNode } from "react";
import { EmptyState, ErrorNotice, Loading } from "../../components/feedback";
import { personalDataType } from "../../components/personal-data";
import { type Resource, useResource } from "../../components/use-resource";
import { BarChart, Caption, Figure, HiddenCells, MethodLink, MonthChart } from "./charts";
import {
  formatCount,
  formatEnergy,
  formatGwp,
  formatMonth,
  formatRange,
  formatTenths,
  formatWater,
  labelOf,
  to,
} from "./i18n";
import type { Adoption, Battles, Filter, Impact, Protection, Uses } from "./types";
import { queryOf } from "./types";

/** A section's answer once it is there; its error, with « Réessayer », else. */
function Loaded<T>(props: { resource: Resource<T>; children: (data: T) => ReactNode }) {
  const { resource } = props;
  if (resource.error !== null)
    return <ErrorNotice error={resource.error} onRetry={() => void resource.reload()} />;
  if (!resource.data) return <Loading />;
  return <>{props.children(resource.data)}</>;
}

/** Too few agents over the whole period and direction: no figure at all. */
function HiddenScope(props: { count: number }) {
  return (
    <div className="notice notice-info">
      <p>
        {to("obs.hiddenScope", { count: props.count })}{" "}
        <MethodLink anchor="seuil" figure={to("def.threshold.title")} />
      </p>
    </div>
  );
}

/** A row of a group the threshold withholds: it says so, and nothing else. */
function HiddenRow(props: { count: number; span: number }) {
  return (
    <tr>
      <td colSpan={props.span} className="obs-hidden">
        {to("obs.hiddenGroup", { count: props.count })}
      </td>
    </tr>
  );
}

/** A column header naming a figure, with the link to its definition. */
function FigureHeader(props: { title: string; anchor?: string }) {
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

/** A row of a two-column summary: the figure (with its definition) and its value. */
function SummaryRow(props: { title: string; anchor: string; value: string }) {
  return (
    <tr>
      <th scope="row">
        {props.title} <MethodLink anchor={props.anchor} figure={props.title} />
      </th>
      <td>{props.value}</td>
    </tr>
  );
}

/** A figure and, when there is one, what it amounts to in everyday terms. */
const withEquivalent = (value: string, equivalent: string | null) =>
  equivalent ? `${value} (${equivalent})` : value;

/** A quota's limits in words, or that there is none. */
function limitsText(
  limits: { requests?: number; tokens?: number; wh?: number; gco2e?: number } | null,
): string {
  const parts = (["requests", "tokens", "wh", "gco2e"] as const).flatMap((measure) =>
    limits?.[measure] === undefined
      ? []
      : [to(`obs.impact.limit.${measure}`, { value: formatCount(limits[measure] ?? 0) })],
  );
  return parts.length > 0 ? parts.join(", ") : to("obs.impact.noQuota");
}

function SummaryHead() {
  return (
    <thead>
      <tr>
        <th scope="col">{to("obs.column.figure")}</th>
        <th scope="col">{to("obs.column.value")}</th>
      </tr>
    </thead>
  );
}

const count = (value: number | null) => (value === null ? "" : formatCount(value));
const hosting = (sovereignty: string | null) =>
  sovereignty ? labelOf("obs.hosting", sovereignty) : to("obs.hosting.none");
const subjectName = (name: string | null) => name ?? to("obs.subject.none");
const minutes = (value: number, answers: number) =>
  to("obs.minutesValue", { minutes: formatTenths(value), count: answers });

export function AdoptionSection(props: { filter: Filter }) {
  const figures = useResource("GET /api/observatory/adoption", { query: queryOf(props.filter) });
  return <Loaded resource={figures}>{(data) => <AdoptionFigures data={data} />}</Loaded>;
}

function AdoptionFigures(props: { data: Adoption }) {
  const { data } = props;
  const k = data.minAgents;
  if (data.hidden) return <HiddenScope count={k} />;
  const shownDirections = data.directions.filter((row) => !row.hidden);
  return (
    <>
      <Figure>
        <table>
          <Caption title={to("obs.adoption.summary")} anchor="comptes" />
          <SummaryHead />
          <tbody>
            <SummaryRow
              title={to("obs.adoption.agents")}
              anchor="agents-actifs"
              value={formatCount(data.agents)}
            />
            <SummaryRow
              title={to("obs.adoption.accounts")}
              anchor="comptes"
              value={count(data.accounts)}
            />
            <SummaryRow
              title={to("obs.adoption.never")}
              anchor="comptes"
              value={count(data.neverUsed)}
            />
          </tbody>
        </table>
      </Figure>
      <Figure
        chart={
          <MonthChart
            columns={data.months.map((month) => ({
              month: month.month,
              value: month.activeAgents,
              text: count(month.activeAgents),
            }))}
          />
        }
      >
        <table className="obs-months">
          <Caption title={to("obs.adoption.months")} anchor="agents-actifs" />
          <thead>
            <tr>
              <th scope="col">{to("obs.column.month")}</th>
              <FigureHeader title={to("obs.adoption.active")} />
              <FigureHeader title={to("obs.adoption.new")} anchor="premiers-usages" />
              <FigureHeader title={to("obs.adoption.returning")} anchor="agents-revenus" />
            </tr>
          </thead>
          <tbody>
            {data.months.map((month) => (
              <tr key={month.month}>
                <th scope="row">{formatMonth(month.month)}</th>
                {month.hidden ? (
                  <HiddenCells count={k} span={3} />
                ) : (
                  <>
                    <td>{count(month.activeAgents)}</td>
                    <td>{count(month.newAgents)}</td>
                    <td>{count(month.returning)}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </Figure>
      <Figure
        chart={
          <BarChart
            bars={shownDirections.map((row) => ({
              label: row.directionPath ?? to("obs.noDirection"),
              value: row.activeAgents ?? 0,
              text: count(row.activeAgents),
            }))}
          />
        }
      >
        <table className="obs-directions">
          <Caption title={to("obs.adoption.directions")} anchor="comptes" />
          <thead>
            <tr>
              <th scope="col">{to("obs.column.direction")}</th>
              <th scope="col">{to("obs.adoption.accounts")}</th>
              <th scope="col">{to("obs.column.agents")}</th>
              <th scope="col">{to("obs.adoption.never")}</th>
            </tr>
          </thead>
          <tbody>
            {data.directions.map((row) => (
              <tr key={row.directionId ?? ""}>
                <th scope="row">{row.directionPath ?? to("obs.noDirection")}</th>
                {row.hidden ? (
                  <HiddenCells count={k} span={3} />
                ) : (
                  <>
                    <td>{count(row.accounts)}</td>
                    <td>{count(row.activeAgents)}</td>
                    <td>{count(row.neverUsed)}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </Figure>
      {data.neverUsedNames && (
        <Figure>
          <table>
            <Caption title={to("obs.adoption.names")} anchor="comptes" />
            <thead>
              <tr>
                <th scope="col">{to("obs.column.name")}</th>
                <th scope="col">{to("obs.adoption.email")}</th>
                <th scope="col">{to("obs.column.direction")}</th>
              </tr>
            </thead>
            <tbody>
              {data.neverUsedNames.length === 0 && (
                <tr>
                  <td colSpan={3}>{to("obs.adoption.namesEmpty")}</td>
                </tr>
              )}
              {data.neverUsedNames.map((person) => (
                <tr key={person.email}>
                  <th scope="row">{person.displayName}</th>
                  <td>{person.email}</td>
                  <td>{person.directionPath ?? to("obs.noDirection")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Figure>
      )}
    </>
  );
}

export function UsesSection(props: { filter: Filter }) {
  const figures = useResource("GET /api/observatory/uses", { query: queryOf(props.filter) });
  return <Loaded resource={figures}>{(data) => <UsesFigures data={data} />}</Loaded>;
}

function UsesFigures(props: { data: Uses }) {
  const { data } = props;
  const k = data.minAgents;
  if (data.hidden || !data.totals) return <HiddenScope count={k} />;
  const totals = data.totals;
  return (
    <>
      <Figure>
        <table className="obs-totals">
          <Caption title={to("obs.uses.totals")} anchor="demandes" />
          <SummaryHead />
          <tbody>
            <SummaryRow
              title={to("obs.column.turns")}
              anchor="demandes"
              value={formatCount(totals.turns)}
            />
            <SummaryRow
              title={to("obs.column.completed")}
              anchor="demandes"
              value={formatCount(totals.completed)}
            />
            <SummaryRow
              title={to("obs.column.refused")}
              anchor="demandes"
              value={formatCount(totals.refused)}
            />
            <SummaryRow
              title={to("obs.column.abstained")}
              anchor="demandes"
              value={formatCount(totals.abstained)}
            />
            <SummaryRow
              title={to("obs.column.validated")}
              anchor="validees"
              value={formatCount(totals.validated)}
            />
            <SummaryRow
              title={to("obs.column.positive")}
              anchor="avis"
              value={formatCount(totals.positive)}
            />
            <SummaryRow
              title={to("obs.column.negative")}
              anchor="avis"
              value={formatCount(totals.negative)}
            />
            <SummaryRow
              title={to("obs.column.minutes")}
              anchor="minutes"
              value={minutes(totals.minutesSaved, totals.minutesAnswers)}
            />
          </tbody>
        </table>
      </Figure>
      <Figure
        chart={
          <BarChart
            bars={data.subjects.flatMap((row) =>
              row.hidden
                ? []
                : [{ label: subjectName(row.name), value: row.turns, text: count(row.turns) }],
            )}
          />
        }
      >
        <table className="obs-subjects">
          <Caption title={to("obs.uses.subjects")} anchor="par-sujet" />
          <thead>
            <tr>
              <th scope="col">{to("obs.column.name")}</th>
              <th scope="col">{to("obs.column.kind")}</th>
              <th scope="col">{to("obs.column.turns")}</th>
              <th scope="col">{to("obs.column.completed")}</th>
              <th scope="col">{to("obs.column.refused")}</th>
              <th scope="col">{to("obs.column.abstained")}</th>
              <th scope="col">{to("obs.column.validated")}</th>
              <th scope="col">{to("obs.column.positive")}</th>
              <th scope="col">{to("obs.column.negative")}</th>
              <th scope="col">{to("obs.column.minutes")}</th>
            </tr>
          </thead>
          <tbody>
            {data.subjects.map((row, index) =>
              row.hidden ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: a withheld group has no name
                <HiddenRow key={index} count={k} span={10} />
              ) : (
                <tr key={row.id ?? ""}>
                  <th scope="row">{subjectName(row.name)}</th>
                  <td>{to(row.kind === "usecase" ? "obs.kind.usecase" : "obs.kind.assistant")}</td>
                  <td>{formatCount(row.turns)}</td>
                  <td>{formatCount(row.completed)}</td>
                  <td>{formatCount(row.refused)}</td>
                  <td>{formatCount(row.abstained)}</td>
                  <td>{formatCount(row.validated)}</td>
                  <td>{formatCount(row.positive)}</td>
                  <td>{formatCount(row.negative)}</td>
                  <td>{minutes(row.minutesSaved, row.minutesAnswers)}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </Figure>
      <Figure
        chart={
          <BarChart
            bars={data.models.flatMap((row) =>
              row.hidden ? [] : [{ label: row.modelRef, value: row.turns, text: count(row.turns) }],
            )}
          />
        }
      >
        <table className="obs-models">
          <Caption title={to("obs.uses.models")} anchor="par-modele" />
          <thead>
            <tr>
              <th scope="col">{to("obs.column.model")}</th>
              <th scope="col">{to("obs.column.hosting")}</th>
              <th scope="col">{to("obs.column.turns")}</th>
              <FigureHeader title={to("obs.column.energy")} anchor="energie" />
              <FigureHeader title={to("obs.column.gwp")} anchor="co2e" />
            </tr>
          </thead>
          <tbody>
            {data.models.map((row, index) =>
              row.hidden ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: a withheld group has no name
                <HiddenRow key={index} count={k} span={5} />
              ) : (
                <tr key={row.modelRef}>
                  <th scope="row">{row.modelRef}</th>
                  <td>{hosting(row.sovereignty)}</td>
                  <td>{formatCount(row.turns)}</td>
                  <td>{formatEnergy(row.energyKwh)}</td>
                  <td>{formatGwp(row.gwpKgCo2e)}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </Figure>
      <Figure
        chart={
          <BarChart
            bars={data.classes.flatMap((row) =>
              row.hidden
                ? []
                : [
                    {
                      label: labelOf("obs.class", row.dataClass),
                      value: row.turns,
                      text: count(row.turns),
                    },
                  ],
            )}
          />
        }
      >
        <table className="obs-classes">
          <Caption title={to("obs.uses.classes")} anchor="par-classe" />
          <thead>
            <tr>
              <th scope="col">{to("obs.column.class")}</th>
              <th scope="col">{to("obs.column.turns")}</th>
              <th scope="col">{to("obs.column.completed")}</th>
              <th scope="col">{to("obs.column.refused")}</th>
            </tr>
          </thead>
          <tbody>
            {data.classes.map((row, index) =>
              row.hidden ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: a withheld group has no name
                <HiddenRow key={index} count={k} span={4} />
              ) : (
                <tr key={row.dataClass}>
                  <th scope="row">{labelOf("obs.class", row.dataClass)}</th>
                  <td>{formatCount(row.turns)}</td>
                  <td>{formatCount(row.completed)}</td>
                  <td>{formatCount(row.refused)}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </Figure>
      <Figure
        chart={
          <BarChart
            bars={data.refusals.flatMap((row) =>
              row.hidden
                ? []
                : [{ label: ruleName(row.rule), value: row.turns, text: count(row.turns) }],
            )}
          />
        }
      >
        <table className="obs-refusals">
          <Caption title={to("obs.uses.refusals")} anchor="refus" />
          <thead>
            <tr>
              <th scope="col">{to("obs.column.rule")}</th>
              <th scope="col">{to("obs.column.turns")}</th>
            </tr>
          </thead>
          <tbody>
            {data.refusals.length === 0 && (
              <tr>
                <td colSpan={2}>{to("obs.uses.noRefusal")}</td>
              </tr>
            )}
            {data.refusals.map((row, index) =>
              row.hidden ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: a withheld group has no name
                <HiddenRow key={index} count={k} span={2} />
              ) : (
                <tr key={row.rule}>
                  <th scope="row">{ruleName(row.rule)}</th>
                  <td>{formatCount(row.turns)}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </Figure>
    </>
  );
}

function ruleName(rule: string): string {
  const label = labelOf("obs.rule", rule);
  return label === rule ? to("obs.rule.other", { rule }) : label;
}

export function ProtectionSection(props: { filter: Filter }) {
  const figures = useResource("GET /api/observatory/protection", { query: queryOf(props.filter) });
  return <Loaded resource={figures}>{(data) => <ProtectionFigures data={data} />}</Loaded>;
}

function ProtectionFigures(props: { data: Protection }) {
  const { data } = props;
  const byType = new Map<string, number>();
  for (const row of data.types)
    if (!row.hidden) byType.set(row.type, (byType.get(row.type) ?? 0) + row.findings);
  const k = data.minAgents;
  const { quarantine } = data;
  return (
    <>
      {data.hidden ? (
        <HiddenScope count={data.minAgents} />
      ) : (
        <>
          <Figure
            chart={
              <BarChart
                bars={[...byType.entries()].map(([type, findings]) => ({
                  label: personalDataType(type),
                  value: findings,
                  text: formatCount(findings),
                }))}
              />
            }
          >
            <table className="obs-findings">
              <Caption title={to("obs.protection.types")} anchor="donnees-personnelles" />
              <thead>
                <tr>
                  <th scope="col">{to("obs.column.type")}</th>
                  <th scope="col">{to("obs.column.class")}</th>
                  <th scope="col">{to("obs.column.action")}</th>
                  <th scope="col">{to("obs.column.findings")}</th>
                  <th scope="col">{to("obs.column.turns")}</th>
                </tr>
              </thead>
              <tbody>
                {data.types.length === 0 && (
                  <tr>
                    <td colSpan={5}>{to("obs.protection.none")}</td>
                  </tr>
                )}
                {data.types.map((row, index) =>
                  row.hidden ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a withheld group has no name
                    <HiddenRow key={index} count={k} span={5} />
                  ) : (
                    <tr key={`${row.type}/${row.dataClass}/${row.action}`}>
                      <th scope="row">{personalDataType(row.type)}</th>
                      <td>{labelOf("obs.class", row.dataClass)}</td>
                      <td>{labelOf("obs.action", row.action)}</td>
                      <td>{formatCount(row.findings)}</td>
                      <td>{formatCount(row.turns)}</td>
                    </tr>
                  ),
                )}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    {to("obs.protection.total")}
                  </th>
                  <td>{formatCount(data.totalFindings ?? 0)}</td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </Figure>
          <Figure
            chart={
              <BarChart
                bars={data.actions.flatMap((row) =>
                  row.hidden
                    ? []
                    : [
                        {
                          label: labelOf("obs.action", row.action),
                          value: row.turns,
                          text: formatCount(row.turns),
                        },
                      ],
                )}
              />
            }
          >
            <table className="obs-actions">
              <Caption title={to("obs.protection.actions")} anchor="traitements" />
              <thead>
                <tr>
                  <th scope="col">{to("obs.column.action")}</th>
                  <th scope="col">{to("obs.column.turns")}</th>
                </tr>
              </thead>
              <tbody>
                {data.actions.length === 0 && (
                  <tr>
                    <td colSpan={2}>{to("obs.protection.none")}</td>
                  </tr>
                )}
                {data.actions.map((row, index) =>
                  row.hidden ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a withheld group has no name
                    <HiddenRow key={index} count={k} span={2} />
                  ) : (
                    <tr key={row.action}>
                      <th scope="row">{labelOf("obs.action", row.action)}</th>
                      <td>{formatCount(row.turns)}</td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </Figure>
        </>
      )}
      <Figure>
        <table className="obs-quarantine">
          <Caption title={to("obs.protection.quarantine")} anchor="quarantaine" />
          <SummaryHead />
          <tbody>
            <SummaryRow
              title={to("obs.protection.held")}
              anchor="quarantaine"
              value={formatCount(quarantine.held)}
            />
            <SummaryRow
              title={to("obs.protection.released")}
              anchor="quarantaine"
              value={formatCount(quarantine.released)}
            />
            <SummaryRow
              title={to("obs.protection.median")}
              anchor="quarantaine"
              value={
                quarantine.medianReviewHours === null
                  ? to("obs.protection.noMedian")
                  : to("obs.protection.hours", {
                      hours: formatTenths(quarantine.medianReviewHours),
                    })
              }
            />
          </tbody>
        </table>
      </Figure>
    </>
  );
}

export function ImpactSection(props: { filter: Filter }) {
  const figures = useResource("GET /api/observatory/impact", { query: queryOf(props.filter) });
  return <Loaded resource={figures}>{(data) => <ImpactFigures data={data} />}</Loaded>;
}

function ImpactFigures(props: { data: Impact }) {
  const { data } = props;
  const k = data.minAgents;
  if (data.hidden || !data.totals) return <HiddenScope count={k} />;
  const { totals, sobriety } = data;
  return (
    <>
      <Figure>
        <table className="obs-impact-totals">
          <Caption title={to("obs.impact.totals")} anchor="energie" />
          <SummaryHead />
          <tbody>
            <SummaryRow
              title={to("obs.column.turns")}
              anchor="demandes"
              value={formatCount(totals.turns)}
            />
            <SummaryRow
              title={to("obs.column.energy")}
              anchor="energie"
              value={withEquivalent(
                formatEnergy(totals.energyKwh),
                data.equivalents &&
                  to("me.ledBulb", { value: formatRange(data.equivalents.ledBulbMinutes) }),
              )}
            />
            <SummaryRow
              title={to("obs.column.gwp")}
              anchor="co2e"
              value={withEquivalent(
                formatGwp(totals.gwpKgCo2e),
                data.equivalents &&
                  to("me.video", { value: formatRange(data.equivalents.videoStreamingMinutes) }),
              )}
            />
            <SummaryRow
              title={to("obs.column.water")}
              anchor="eau"
              value={withEquivalent(
                formatWater(totals.waterL),
                data.equivalents &&
                  to("me.glasses", { value: formatRange(data.equivalents.waterGlasses) }),
              )}
            />
          </tbody>
        </table>
      </Figure>
      {data.quotas && (
        <Figure>
          <table className="obs-impact-quotas">
            <Caption
              title={to("obs.impact.quotas", { month: formatMonth(data.quotas.month) })}
              anchor="quotas"
            />
            <SummaryHead />
            <tbody>
              <SummaryRow
                title={to("obs.impact.quotaAgent")}
                anchor="quotas"
                value={limitsText(data.quotas.agent)}
              />
              <SummaryRow
                title={to("obs.impact.quotaDirection")}
                anchor="quotas"
                value={limitsText(data.quotas.direction)}
              />
              <SummaryRow
                title={to("obs.impact.agentsAtLimit")}
                anchor="quotas"
                value={
                  data.quotas.agentsAtLimit === null
                    ? to("obs.hidden", { count: k })
                    : formatCount(data.quotas.agentsAtLimit)
                }
              />
              <SummaryRow
                title={to("obs.impact.directionsAtLimit")}
                anchor="quotas"
                value={formatCount(data.quotas.directionsAtLimit)}
              />
            </tbody>
          </table>
        </Figure>
      )}
      <Figure
        chart={
          <BarChart
            bars={data.months.map((month) =>
              month.hidden
                ? { label: formatMonth(month.month), value: 0, text: "—" }
                : {
                    label: formatMonth(month.month),
                    value: month.energyKwh.max,
                    text: formatEnergy(month.energyKwh),
                  },
            )}
          />
        }
      >
        <table className="obs-impact-months">
          <Caption title={to("obs.impact.months")} anchor="impact-par-mois" />
          <thead>
            <tr>
              <th scope="col">{to("obs.column.month")}</th>
              <th scope="col">{to("obs.column.turns")}</th>
              <FigureHeader title={to("obs.column.energy")} anchor="energie" />
              <FigureHeader title={to("obs.column.gwp")} anchor="co2e" />
              <FigureHeader title={to("obs.column.water")} anchor="eau" />
            </tr>
          </thead>
          <tbody>
            {data.months.map((month) => (
              <tr key={month.month}>
                <th scope="row">{formatMonth(month.month)}</th>
                {month.hidden ? (
                  <HiddenCells count={k} span={4} />
                ) : (
                  <>
                    <td>{formatCount(month.turns)}</td>
                    <td>{formatEnergy(month.energyKwh)}</td>
                    <td>{formatGwp(month.gwpKgCo2e)}</td>
                    <td>{formatWater(month.waterL)}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </Figure>
      <Figure
        chart={
          <BarChart
            bars={data.subjects.flatMap((row) =>
              row.hidden
                ? []
                : [
                    {
                      label: subjectName(row.name),
                      value: row.energyKwh.max,
                      text: formatEnergy(row.energyKwh),
                    },
                  ],
            )}
          />
        }
      >
        <table className="obs-impact-subjects">
          <Caption title={to("obs.impact.subjects")} anchor="par-sujet" />
          <thead>
            <tr>
              <th scope="col">{to("obs.column.name")}</th>
              <th scope="col">{to("obs.column.turns")}</th>
              <th scope="col">{to("obs.column.energy")}</th>
              <th scope="col">{to("obs.column.gwp")}</th>
              <th scope="col">{to("obs.column.water")}</th>
            </tr>
          </thead>
          <tbody>
            {data.subjects.map((row, index) =>
              row.hidden ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: a withheld group has no name
                <HiddenRow key={index} count={k} span={5} />
              ) : (
                <tr key={row.id ?? ""}>
                  <th scope="row">{subjectName(row.name)}</th>
                  <td>{formatCount(row.turns)}</td>
                  <td>{formatEnergy(row.energyKwh)}</td>
                  <td>{formatGwp(row.gwpKgCo2e)}</td>
                  <td>{formatWater(row.waterL)}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </Figure>
      <Figure
        chart={
          <BarChart
            bars={data.models.flatMap((row) =>
              row.hidden
                ? []
                : [
                    {
                      label: row.modelRef,
                      value: row.energyKwh.max,
                      text: formatEnergy(row.energyKwh),
                    },
                  ],
            )}
          />
        }
      >
        <table className="obs-impact-models">
          <Caption title={to("obs.impact.models")} anchor="par-modele" />
          <thead>
            <tr>
              <th scope="col">{to("obs.column.model")}</th>
              <th scope="col">{to("obs.column.hosting")}</th>
              <th scope="col">{to("obs.column.turns")}</th>
              <th scope="col">{to("obs.column.energy")}</th>
              <th scope="col">{to("obs.column.gwp")}</th>
              <th scope="col">{to("obs.column.water")}</th>
            </tr>
          </thead>
          <tbody>
            {data.models.map((row, index) =>
              row.hidden ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: a withheld group has no name
                <HiddenRow key={index} count={k} span={6} />
              ) : (
                <tr key={row.modelRef}>
                  <th scope="row">{row.modelRef}</th>
                  <td>{hosting(row.sovereignty)}</td>
                  <td>{formatCount(row.turns)}</td>
                  <td>{formatEnergy(row.energyKwh)}</td>
                  <td>{formatGwp(row.gwpKgCo2e)}</td>
                  <td>{formatWater(row.waterL)}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </Figure>
      {sobriety && (
        <Figure>
          <table className="obs-sobriety">
            <Caption title={to("obs.impact.sobriety")} anchor="sobriete" />
            <SummaryHead />
            <tbody>
              <SummaryRow
                title={to("obs.impact.passagesFirst")}
                anchor="sobriete"
                value={formatCount(sobriety.passagesFirstTurns)}
              />
              <SummaryRow
                title={to("obs.impact.smallest")}
                anchor="sobriete"
                value={formatCount(sobriety.smallestModelTurns)}
              />
              <SummaryRow
                title={to("obs.impact.avoided")}
                anchor="sobriete"
                value={
                  sobriety.avoidedKwh
                    ? formatEnergy(sobriety.avoidedKwh)
                    : to("obs.impact.notMeasured")
                }
              />
              <SummaryRow
                title={to("obs.impact.avoidedShare")}
                anchor="sobriete"
                value={
                  sobriety.avoidedShare === null
                    ? to("obs.impact.notMeasured")
                    : to("obs.percent", { value: formatTenths(sobriety.avoidedShare * 100) })
                }
              />
            </tbody>
          </table>
        </Figure>
      )}
    </>
  );
}

export function BattlesSection(props: { filter: Filter }) {
  const figures = useResource("GET /api/observatory/battles", { query: queryOf(props.filter) });
  return <Loaded resource={figures}>{(data) => <BattlesFigures data={data} />}</Loaded>;
}

function CampaignsTable(props: {
  campaigns: Battles["campaigns"];
  title: string;
  anchor: string;
  empty: string;
}) {
  const { campaigns } = props;
  return (
    <Figure
      chart={
        <BarChart
          bars={campaigns.map((campaign) => ({
            label: campaign.name,
            value: campaign.votes,
            text: formatCount(campaign.votes),
          }))}
        />
      }
    >
      <table className="obs-campaigns">
        <Caption title={props.title} anchor={props.anchor} />
        <thead>
          <tr>
            <th scope="col">{to("obs.column.name")}</th>
            <th scope="col">{to("obs.battles.subject")}</th>
            <th scope="col">{to("obs.battles.status")}</th>
            <th scope="col">{to("obs.battles.votes")}</th>
            <th scope="col">{to("obs.battles.verdict")}</th>
            <th scope="col">{to("obs.battles.best")}</th>
          </tr>
        </thead>
        <tbody>
          {campaigns.length === 0 && (
            <tr>
              <td colSpan={6}>{props.empty}</td>
            </tr>
          )}
          {campaigns.map((campaign) => (
            <tr key={campaign.id}>
              <th scope="row">{campaign.name}</th>
              <td>{campaign.subjectName ?? campaign.subjectId}</td>
              <td>{to(campaign.status === "open" ? "obs.battles.open" : "obs.battles.closed")}</td>
              <td>{formatCount(campaign.votes)}</td>
              <td>{campaign.verdict?.text ?? to("obs.battles.noVerdict")}</td>
              <td>{campaign.verdict?.bestModel ?? to("obs.battles.none")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Figure>
  );
}

function BattlesFigures(props: { data: Battles }) {
  const { data } = props;
  if (data.campaigns.length === 0) return <EmptyState title={to("obs.battles.empty")} />;
  return (
    <>
      <CampaignsTable
        campaigns={data.campaigns}
        title={to("obs.battles.campaigns")}
        anchor="verdicts"
        empty={to("obs.battles.empty")}
      />
      <CampaignsTable
        campaigns={data.noGain}
        title={to("obs.battles.noGain")}
        anchor="verdicts"
        empty={to("obs.battles.noGainEmpty")}
      />
    </>
  );
}
