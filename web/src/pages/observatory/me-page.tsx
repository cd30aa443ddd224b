import { useId } from "react";
import { ErrorNotice, Loading, PageHeading } from "../../components/feedback";
import { useResource } from "../../components/use-resource";
import { Caption, MethodLink } from "./charts";
import {
  formatCount,
  formatEnergy,
  formatGwp,
  formatMonth,
  formatRange,
  formatTenths,
  formatWater,
  to,
} from "./i18n";
import type { MyUsage } from "./types";

/**
 * `/mon-usage`: the signed-in agent's own use this month — requests,
 * validated answers, minutes saved, energy, CO2e and water with everyday
 * equivalents —, the quotas that apply to them, and the collectivité's
 * median (withheld under the charter's threshold).
 */
export function MyUsagePage() {
  const usage = useResource("GET /api/me/usage");
  const month = usage.data?.month;
  return (
    <div className="page narrow obs-me">
      <PageHeading
        title={month ? to("me.heading", { month: formatMonth(month) }) : to("me.title")}
      />
      {usage.error !== null && (
        <ErrorNotice error={usage.error} onRetry={() => void usage.reload()} />
      )}
      {!usage.data && usage.error === null && <Loading />}
      {usage.data && <MyFigures usage={usage.data} />}
    </div>
  );
}

function MyFigures(props: { usage: MyUsage }) {
  const { usage } = props;
  const id = useId();
  const { equivalents } = usage;
  return (
    <>
      <p className="lead">{to("me.intro")}</p>
      <div className="table-wrapper">
        <table className="obs-mine">
          <Caption title={to("me.figures")} anchor="mon-usage" />
          <thead>
            <tr>
              <th scope="col">{to("obs.column.figure")}</th>
              <th scope="col">{to("obs.column.value")}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{to("me.turns")}</th>
              <td>{formatCount(usage.turns)}</td>
            </tr>
            <tr>
              <th scope="row">{to("me.validated")}</th>
              <td>{formatCount(usage.validated)}</td>
            </tr>
            <tr>
              <th scope="row">{to("me.minutes")}</th>
              <td>
                {to("me.minutesValue", {
                  minutes: formatTenths(usage.minutesSaved),
                  count: usage.answersWithMinutes,
                })}
              </td>
            </tr>
            <tr>
              <th scope="row">{to("me.energy")}</th>
              <td>
                {formatEnergy(usage.energyKwh)}
                <br />
                {to("me.ledBulb", { value: formatRange(equivalents.ledBulbMinutes) })}
              </td>
            </tr>
            <tr>
              <th scope="row">{to("me.gwp")}</th>
              <td>
                {formatGwp(usage.gwpKgCo2e)}
                <br />
                {to("me.video", { value: formatRange(equivalents.videoStreamingMinutes) })}
              </td>
            </tr>
            <tr>
              <th scope="row">{to("me.water")}</th>
              <td>
                {formatWater(usage.waterL)}
                <br />
                {to("me.glasses", { value: formatRange(equivalents.waterGlasses) })}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <section aria-labelledby={`${id}-quotas`}>
        <h2 id={`${id}-quotas`}>
          {to("me.quotas")} <MethodLink anchor="quotas" figure={to("me.quotas")} />
        </h2>
        {usage.quotas.length === 0 ? (
          <p>{to("me.noQuota")}</p>
        ) : (
          <ul className="obs-quotas">
            {usage.quotas.map((quota) => {
              const label = to(`me.quota.${quota.measure}`, {
                level: to(`me.quota.${quota.level}`),
              });
              const labelId = `${id}-${quota.level}-${quota.measure}`;
              return (
                <li key={`${quota.level}/${quota.measure}`}>
                  <span id={labelId} className="obs-quota-label">
                    {label}
                  </span>
                  <progress
                    aria-labelledby={labelId}
                    value={Math.min(quota.used, quota.limit)}
                    max={quota.limit}
                  />
                  <span className="obs-quota-value">
                    {to("me.quota.value", {
                      used: formatTenths(quota.used),
                      limit: formatTenths(quota.limit),
                    })}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby={`${id}-median`}>
        <h2 id={`${id}-median`}>
          {to("me.median")} <MethodLink anchor="mediane" figure={to("def.median.title")} />
        </h2>
        <p className="obs-median">
          {usage.median.turns === null
            ? to("me.medianHidden")
            : to("me.medianValue", {
                turns: formatTenths(usage.median.turns),
                count: usage.median.agents,
              })}
        </p>
      </section>
    </>
  );
}
