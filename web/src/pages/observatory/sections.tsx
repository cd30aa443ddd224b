import type { ReactNode } from "react";
import type { ResponseOf } from "../../api/client";
import { EmptyState, ErrorNotice, Loading } from "../../components/feedback";
import { personalDataType } from "../../components/personal-data";
import { type Resource, useResource } from "../../components/use-resource";
import { BarChart, Caption, Figure, MethodLink, MonthChart } from "./charts";
import { type GroupColumn, GroupFigure, NamedRowsFigure, SummaryFigure } from "./group-figure";
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

/** The observatory's sections, each a route of figures the filter is read for. */
type FiguresRoute =
  `GET /api/observatory/${"adoption" | "uses" | "protection" | "impact" | "battles"}`;

/** A section's view: its figures read for the filter (again when it changes), then drawn. */
function sectionOf<R extends FiguresRoute>(
  route: R,
  Figures: (props: { data: ResponseOf<R> }) => ReactNode,
) {
  return function SectionView(props: { filter: Filter }) {
    const figures = useResource<FiguresRoute>(route, { query: queryOf(props.filter) });
    return (
      <Loaded resource={figures as Resource<ResponseOf<R>>}>
        {(data) => <Figures data={data} />}
      </Loaded>
    );
  };
}

export const AdoptionSection = sectionOf("GET /api/observatory/adoption", AdoptionFigures);
export const UsesSection = sectionOf("GET /api/observatory/uses", UsesFigures);
export const ProtectionSection = sectionOf("GET /api/observatory/protection", ProtectionFigures);
export const ImpactSection = sectionOf("GET /api/observatory/impact", ImpactFigures);
export const BattlesSection = sectionOf("GET /api/observatory/battles", BattlesFigures);

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

/** The columns of a breakdown's requests: answered, refused, abstained, validated, rated, minutes. */
function requestColumns<
  T extends {
    turns: number;
    completed: number;
    refused: number;
    abstained: number;
    validated: number;
    positive: number;
    negative: number;
    minutesSaved: number;
    minutesAnswers: number;
  },
>(): GroupColumn<T>[] {
  return [
    { title: to("obs.column.turns"), cell: (row) => formatCount(row.turns) },
    { title: to("obs.column.completed"), cell: (row) => formatCount(row.completed) },
    { title: to("obs.column.refused"), cell: (row) => formatCount(row.refused) },
    { title: to("obs.column.abstained"), cell: (row) => formatCount(row.abstained) },
    { title: to("obs.column.validated"), cell: (row) => formatCount(row.validated) },
    { title: to("obs.column.positive"), cell: (row) => formatCount(row.positive) },
    { title: to("obs.column.negative"), cell: (row) => formatCount(row.negative) },
    {
      title: to("obs.column.minutes"),
      cell: (row) => minutes(row.minutesSaved, row.minutesAnswers),
    },
  ];
}

/** The columns of a breakdown's impact: requests, energy, CO2e, water. */
function impactColumns<
  T extends {
    turns: number;
    energyKwh: { min: number; max: number };
    gwpKgCo2e: { min: number; max: number };
    waterL: { min: number; max: number };
  },
>(): GroupColumn<T>[] {
  return [
    { title: to("obs.column.turns"), cell: (row) => formatCount(row.turns) },
    { title: to("obs.column.energy"), cell: (row) => formatEnergy(row.energyKwh) },
    { title: to("obs.column.gwp"), cell: (row) => formatGwp(row.gwpKgCo2e) },
    { title: to("obs.column.water"), cell: (row) => formatWater(row.waterL) },
  ];
}

const count = (value: number | null) => (value === null ? "" : formatCount(value));
const hosting = (sovereignty: string | null) =>
  sovereignty ? labelOf("obs.hosting", sovereignty) : to("obs.hosting.none");
const subjectName = (name: string | null) => name ?? to("obs.subject.none");
const minutes = (value: number, answers: number) =>
  to("obs.minutesValue", { minutes: formatTenths(value), count: answers });

function AdoptionFigures(props: { data: Adoption }) {
  const { data } = props;
  const k = data.minAgents;
  if (data.hidden) return <HiddenScope count={k} />;
  const shownDirections = data.directions.filter((row) => !row.hidden);
  return (
    <>
      <SummaryFigure
        title={to("obs.adoption.summary")}
        anchor="comptes"
        rows={[
          {
            title: to("obs.adoption.agents"),
            anchor: "agents-actifs",
            value: formatCount(data.agents),
          },
          { title: to("obs.adoption.accounts"), anchor: "comptes", value: count(data.accounts) },
          { title: to("obs.adoption.never"), anchor: "comptes", value: count(data.neverUsed) },
        ]}
      />
      <NamedRowsFigure
        title={to("obs.adoption.months")}
        anchor="agents-actifs"
        className="obs-months"
        head={to("obs.column.month")}
        rows={data.months}
        count={k}
        rowKey={(month) => month.month}
        name={(month) => formatMonth(month.month)}
        chart={
          <MonthChart
            columns={data.months.map((month) => ({
              month: month.month,
              value: month.activeAgents,
              text: count(month.activeAgents),
            }))}
          />
        }
        columns={[
          { title: to("obs.adoption.active"), cell: (month) => count(month.activeAgents) },
          {
            title: to("obs.adoption.new"),
            anchor: "premiers-usages",
            cell: (month) => count(month.newAgents),
          },
          {
            title: to("obs.adoption.returning"),
            anchor: "agents-revenus",
            cell: (month) => count(month.returning),
          },
        ]}
      />
      <NamedRowsFigure
        title={to("obs.adoption.directions")}
        anchor="comptes"
        className="obs-directions"
        head={to("obs.column.direction")}
        rows={data.directions}
        count={k}
        rowKey={(row) => row.directionId ?? ""}
        name={(row) => row.directionPath ?? to("obs.noDirection")}
        chart={
          <BarChart
            bars={shownDirections.map((row) => ({
              label: row.directionPath ?? to("obs.noDirection"),
              value: row.activeAgents ?? 0,
              text: count(row.activeAgents),
            }))}
          />
        }
        columns={[
          { title: to("obs.adoption.accounts"), cell: (row) => count(row.accounts) },
          { title: to("obs.column.agents"), cell: (row) => count(row.activeAgents) },
          { title: to("obs.adoption.never"), cell: (row) => count(row.neverUsed) },
        ]}
      />
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

function UsesFigures(props: { data: Uses }) {
  const { data } = props;
  const k = data.minAgents;
  if (data.hidden || !data.totals) return <HiddenScope count={k} />;
  const totals = data.totals;
  return (
    <>
      <SummaryFigure
        title={to("obs.uses.totals")}
        anchor="demandes"
        className="obs-totals"
        rows={[
          { title: to("obs.column.turns"), anchor: "demandes", value: formatCount(totals.turns) },
          {
            title: to("obs.column.completed"),
            anchor: "demandes",
            value: formatCount(totals.completed),
          },
          {
            title: to("obs.column.refused"),
            anchor: "demandes",
            value: formatCount(totals.refused),
          },
          {
            title: to("obs.column.abstained"),
            anchor: "demandes",
            value: formatCount(totals.abstained),
          },
          {
            title: to("obs.column.validated"),
            anchor: "validees",
            value: formatCount(totals.validated),
          },
          { title: to("obs.column.positive"), anchor: "avis", value: formatCount(totals.positive) },
          { title: to("obs.column.negative"), anchor: "avis", value: formatCount(totals.negative) },
          {
            title: to("obs.column.minutes"),
            anchor: "minutes",
            value: minutes(totals.minutesSaved, totals.minutesAnswers),
          },
        ]}
      />
      <GroupFigure
        title={to("obs.uses.subjects")}
        anchor="par-sujet"
        className="obs-subjects"
        head={to("obs.column.name")}
        rows={data.subjects}
        count={k}
        rowKey={(row) => row.id ?? ""}
        name={(row) => subjectName(row.name)}
        bar={(row) => ({ label: subjectName(row.name), value: row.turns, text: count(row.turns) })}
        columns={[
          {
            title: to("obs.column.kind"),
            cell: (row) => to(row.kind === "usecase" ? "obs.kind.usecase" : "obs.kind.assistant"),
          },
          ...requestColumns(),
        ]}
      />
      <GroupFigure
        title={to("obs.uses.models")}
        anchor="par-modele"
        className="obs-models"
        head={to("obs.column.model")}
        rows={data.models}
        count={k}
        rowKey={(row) => row.modelRef}
        name={(row) => row.modelRef}
        bar={(row) => ({ label: row.modelRef, value: row.turns, text: count(row.turns) })}
        columns={[
          { title: to("obs.column.hosting"), cell: (row) => hosting(row.sovereignty) },
          { title: to("obs.column.turns"), cell: (row) => formatCount(row.turns) },
          {
            title: to("obs.column.energy"),
            anchor: "energie",
            cell: (row) => formatEnergy(row.energyKwh),
          },
          { title: to("obs.column.gwp"), anchor: "co2e", cell: (row) => formatGwp(row.gwpKgCo2e) },
        ]}
      />
      <GroupFigure
        title={to("obs.uses.classes")}
        anchor="par-classe"
        className="obs-classes"
        head={to("obs.column.class")}
        rows={data.classes}
        count={k}
        rowKey={(row) => row.dataClass}
        name={(row) => labelOf("obs.class", row.dataClass)}
        bar={(row) => ({
          label: labelOf("obs.class", row.dataClass),
          value: row.turns,
          text: count(row.turns),
        })}
        columns={requestColumns().slice(0, 3)}
      />
      <GroupFigure
        title={to("obs.uses.refusals")}
        anchor="refus"
        className="obs-refusals"
        head={to("obs.column.rule")}
        rows={data.refusals}
        count={k}
        rowKey={(row) => row.rule}
        name={(row) => ruleName(row.rule)}
        bar={(row) => ({ label: ruleName(row.rule), value: row.turns, text: count(row.turns) })}
        columns={[{ title: to("obs.column.turns"), cell: (row) => formatCount(row.turns) }]}
        empty={to("obs.uses.noRefusal")}
      />
    </>
  );
}

function ruleName(rule: string): string {
  const label = labelOf("obs.rule", rule);
  return label === rule ? to("obs.rule.other", { rule }) : label;
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
          <GroupFigure
            title={to("obs.protection.types")}
            anchor="donnees-personnelles"
            className="obs-findings"
            head={to("obs.column.type")}
            rows={data.types}
            count={k}
            rowKey={(row) => `${row.type}/${row.dataClass}/${row.action}`}
            name={(row) => personalDataType(row.type)}
            columns={[
              { title: to("obs.column.class"), cell: (row) => labelOf("obs.class", row.dataClass) },
              { title: to("obs.column.action"), cell: (row) => labelOf("obs.action", row.action) },
              { title: to("obs.column.findings"), cell: (row) => formatCount(row.findings) },
              { title: to("obs.column.turns"), cell: (row) => formatCount(row.turns) },
            ]}
            empty={to("obs.protection.none")}
            chart={
              <BarChart
                bars={[...byType.entries()].map(([type, findings]) => ({
                  label: personalDataType(type),
                  value: findings,
                  text: formatCount(findings),
                }))}
              />
            }
            footer={
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    {to("obs.protection.total")}
                  </th>
                  <td>{formatCount(data.totalFindings ?? 0)}</td>
                  <td />
                </tr>
              </tfoot>
            }
          />
          <GroupFigure
            title={to("obs.protection.actions")}
            anchor="traitements"
            className="obs-actions"
            head={to("obs.column.action")}
            rows={data.actions}
            count={k}
            rowKey={(row) => row.action}
            name={(row) => labelOf("obs.action", row.action)}
            bar={(row) => ({
              label: labelOf("obs.action", row.action),
              value: row.turns,
              text: formatCount(row.turns),
            })}
            columns={[{ title: to("obs.column.turns"), cell: (row) => formatCount(row.turns) }]}
            empty={to("obs.protection.none")}
          />
        </>
      )}
      <SummaryFigure
        title={to("obs.protection.quarantine")}
        anchor="quarantaine"
        className="obs-quarantine"
        rows={[
          {
            title: to("obs.protection.held"),
            anchor: "quarantaine",
            value: formatCount(quarantine.held),
          },
          {
            title: to("obs.protection.released"),
            anchor: "quarantaine",
            value: formatCount(quarantine.released),
          },
          {
            title: to("obs.protection.median"),
            anchor: "quarantaine",
            value:
              quarantine.medianReviewHours === null
                ? to("obs.protection.noMedian")
                : to("obs.protection.hours", {
                    hours: formatTenths(quarantine.medianReviewHours),
                  }),
          },
        ]}
      />
    </>
  );
}

function ImpactFigures(props: { data: Impact }) {
  const { data } = props;
  const k = data.minAgents;
  if (data.hidden || !data.totals) return <HiddenScope count={k} />;
  const { totals, sobriety } = data;
  return (
    <>
      <SummaryFigure
        title={to("obs.impact.totals")}
        anchor="energie"
        className="obs-impact-totals"
        rows={[
          { title: to("obs.column.turns"), anchor: "demandes", value: formatCount(totals.turns) },
          {
            title: to("obs.column.energy"),
            anchor: "energie",
            value: withEquivalent(
              formatEnergy(totals.energyKwh),
              data.equivalents &&
                to("me.ledBulb", { value: formatRange(data.equivalents.ledBulbMinutes) }),
            ),
          },
          {
            title: to("obs.column.gwp"),
            anchor: "co2e",
            value: withEquivalent(
              formatGwp(totals.gwpKgCo2e),
              data.equivalents &&
                to("me.video", { value: formatRange(data.equivalents.videoStreamingMinutes) }),
            ),
          },
          {
            title: to("obs.column.water"),
            anchor: "eau",
            value: withEquivalent(
              formatWater(totals.waterL),
              data.equivalents &&
                to("me.glasses", { value: formatRange(data.equivalents.waterGlasses) }),
            ),
          },
        ]}
      />
      {data.quotas && (
        <SummaryFigure
          title={to("obs.impact.quotas", { month: formatMonth(data.quotas.month) })}
          anchor="quotas"
          className="obs-impact-quotas"
          rows={[
            {
              title: to("obs.impact.quotaAgent"),
              anchor: "quotas",
              value: limitsText(data.quotas.agent),
            },
            {
              title: to("obs.impact.quotaDirection"),
              anchor: "quotas",
              value: limitsText(data.quotas.direction),
            },
            {
              title: to("obs.impact.agentsAtLimit"),
              anchor: "quotas",
              value:
                data.quotas.agentsAtLimit === null
                  ? to("obs.hidden", { count: k })
                  : formatCount(data.quotas.agentsAtLimit),
            },
            {
              title: to("obs.impact.directionsAtLimit"),
              anchor: "quotas",
              value: formatCount(data.quotas.directionsAtLimit),
            },
          ]}
        />
      )}
      <NamedRowsFigure
        title={to("obs.impact.months")}
        anchor="impact-par-mois"
        className="obs-impact-months"
        head={to("obs.column.month")}
        rows={data.months}
        count={k}
        rowKey={(month) => month.month}
        name={(month) => formatMonth(month.month)}
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
        columns={[
          {
            title: to("obs.column.turns"),
            cell: (month) => (month.hidden ? "" : formatCount(month.turns)),
          },
          {
            title: to("obs.column.energy"),
            anchor: "energie",
            cell: (month) => (month.hidden ? "" : formatEnergy(month.energyKwh)),
          },
          {
            title: to("obs.column.gwp"),
            anchor: "co2e",
            cell: (month) => (month.hidden ? "" : formatGwp(month.gwpKgCo2e)),
          },
          {
            title: to("obs.column.water"),
            anchor: "eau",
            cell: (month) => (month.hidden ? "" : formatWater(month.waterL)),
          },
        ]}
      />
      <GroupFigure
        title={to("obs.impact.subjects")}
        anchor="par-sujet"
        className="obs-impact-subjects"
        head={to("obs.column.name")}
        rows={data.subjects}
        count={k}
        rowKey={(row) => row.id ?? ""}
        name={(row) => subjectName(row.name)}
        bar={(row) => ({
          label: subjectName(row.name),
          value: row.energyKwh.max,
          text: formatEnergy(row.energyKwh),
        })}
        columns={impactColumns()}
      />
      <GroupFigure
        title={to("obs.impact.models")}
        anchor="par-modele"
        className="obs-impact-models"
        head={to("obs.column.model")}
        rows={data.models}
        count={k}
        rowKey={(row) => row.modelRef}
        name={(row) => row.modelRef}
        bar={(row) => ({
          label: row.modelRef,
          value: row.energyKwh.max,
          text: formatEnergy(row.energyKwh),
        })}
        columns={[
          { title: to("obs.column.hosting"), cell: (row) => hosting(row.sovereignty) },
          ...impactColumns(),
        ]}
      />
      {sobriety && (
        <SummaryFigure
          title={to("obs.impact.sobriety")}
          anchor="sobriete"
          className="obs-sobriety"
          rows={[
            {
              title: to("obs.impact.passagesFirst"),
              anchor: "sobriete",
              value: formatCount(sobriety.passagesFirstTurns),
            },
            {
              title: to("obs.impact.smallest"),
              anchor: "sobriete",
              value: formatCount(sobriety.smallestModelTurns),
            },
            {
              title: to("obs.impact.avoided"),
              anchor: "sobriete",
              value: sobriety.avoidedKwh
                ? formatEnergy(sobriety.avoidedKwh)
                : to("obs.impact.notMeasured"),
            },
            {
              title: to("obs.impact.avoidedShare"),
              anchor: "sobriete",
              value:
                sobriety.avoidedShare === null
                  ? to("obs.impact.notMeasured")
                  : to("obs.percent", { value: formatTenths(sobriety.avoidedShare * 100) }),
            },
          ]}
        />
      )}
    </>
  );
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
