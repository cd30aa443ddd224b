import { useId, useState } from "react";
import { urlOf } from "../../api/client";
import { ErrorNotice, Loading, PageHeading } from "../../components/feedback";
import { useResource } from "../../components/use-resource";
import { formatNumber } from "../../i18n";
import { Link } from "../../router";
import { formatMeasure, formatScore, ta } from "./i18n";
import { campaignPath, type Ranking, TAGS, type Tag } from "./types";

/**
 * `/comparaisons/:id/classement`: the contenders by score with their 95 %
 * interval and their mean costs, the verdict, the win-rate matrix, the
 * open data; the votes filtered by one reason if asked.
 */
export function RankingPage(props: { id: string }) {
  const id = useId();
  const [tag, setTag] = useState<Tag | "">("");
  const campaign = useResource("GET /api/arena/campaigns/:id", { params: { id: props.id } });
  const ranking = useResource("GET /api/arena/campaigns/:id/ranking", {
    params: { id: props.id },
    ...(tag ? { query: { tag } } : {}),
  });
  const name = campaign.data?.name ?? "";
  return (
    <div className="page">
      <p>
        <Link href={campaignPath(props.id)}>{ta("arena.backCampaign")}</Link>
      </p>
      <PageHeading title={ta("arena.ranking.title", { name })} />
      <div className="field arena-filter">
        <label htmlFor={`${id}-tag`}>{ta("arena.ranking.filter")}</label>
        <select
          id={`${id}-tag`}
          value={tag}
          onChange={(event) => setTag(event.target.value as Tag | "")}
        >
          <option value="">{ta("arena.ranking.all")}</option>
          {TAGS.map((value) => (
            <option key={value} value={value}>
              {ta("arena.ranking.tag", { tag: ta(`arena.tag.${value}`) })}
            </option>
          ))}
        </select>
      </div>
      {ranking.error !== null && (
        <ErrorNotice error={ranking.error} onRetry={() => void ranking.reload()} />
      )}
      {ranking.loading && !ranking.data && <Loading />}
      {ranking.data && (
        <>
          <section className="arena-verdict" aria-labelledby={`${id}-verdict`}>
            <h2 id={`${id}-verdict`}>{ta("arena.ranking.verdict")}</h2>
            <p>{ranking.data.verdict.text}</p>
          </section>
          <RankingTable ranking={ranking.data} />
          <WinRates ranking={ranking.data} />
        </>
      )}
      <section aria-labelledby={`${id}-export`}>
        <h2 id={`${id}-export`}>{ta("arena.export.title")}</h2>
        <p className="hint">{ta("arena.export.hint")}</p>
        <ul className="arena-exports">
          {(["json", "csv"] as const).map((format) => (
            <li key={format}>
              <a
                href={urlOf("GET /api/arena/campaigns/:id/export", {
                  params: { id: props.id },
                  query: { format },
                })}
                download
              >
                {ta(format === "json" ? "arena.export.json" : "arena.export.csv")}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

/** A mean that may be missing (no answer generated yet): « non mesuré ». */
const measure = (value: number | null, scale: number) =>
  value === null ? ta("arena.ranking.none") : formatMeasure(value * scale);

function RankingTable(props: { ranking: Ranking }) {
  const { ranking } = props;
  return (
    <div className="table-wrapper">
      <table className="arena-ranking">
        <caption>{ta("arena.ranking.caption", { count: ranking.votes })}</caption>
        <thead>
          <tr>
            <th scope="col">{ta("arena.ranking.rank")}</th>
            <th scope="col">{ta("arena.ranking.contender")}</th>
            <th scope="col">{ta("arena.ranking.score")}</th>
            <th scope="col">{ta("arena.ranking.votes")}</th>
            <th scope="col">{ta("arena.ranking.wins")}</th>
            <th scope="col">{ta("arena.ranking.energy")}</th>
            <th scope="col">{ta("arena.ranking.gwp")}</th>
            <th scope="col">{ta("arena.ranking.latency")}</th>
            <th scope="col">{ta("arena.ranking.tokens")}</th>
          </tr>
        </thead>
        <tbody>
          {ranking.contenders.map((contender, index) => (
            <tr key={contender.position}>
              <td>{index + 1}</td>
              <th scope="row">{contender.label}</th>
              <td>
                {ta("arena.ranking.scoreValue", {
                  score: formatScore(contender.score),
                  low: formatScore(contender.low),
                  high: formatScore(contender.high),
                })}
              </td>
              <td>{contender.votes}</td>
              <td>{formatNumber(contender.wins, 1)}</td>
              <td>{measure(contender.energyKwh, 1000)}</td>
              <td>{measure(contender.gwpKgCo2e, 1000)}</td>
              <td>{measure(contender.latencyMs, 1 / 1000)}</td>
              <td>
                {contender.tokens === null
                  ? ta("arena.ranking.none")
                  : formatNumber(contender.tokens, 0)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** `winRate[i][j]`: the row's share against the column, by contender position. */
function WinRates(props: { ranking: Ranking }) {
  const { ranking } = props;
  const byPosition = [...ranking.contenders].sort((x, y) => x.position - y.position);
  return (
    <div className="table-wrapper">
      <table className="arena-matrix">
        <caption>{ta("arena.matrix.caption")}</caption>
        <thead>
          <tr>
            <td />
            {byPosition.map((column) => (
              <th key={column.position} scope="col">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {byPosition.map((row) => (
            <tr key={row.position}>
              <th scope="row">{row.label}</th>
              {byPosition.map((column) => {
                const rate = ranking.winRate[row.position]?.[column.position] ?? null;
                const count = ranking.pairVotes[row.position]?.[column.position] ?? 0;
                return (
                  <td key={column.position}>
                    {row.position === column.position ? (
                      <Dash text={ta("arena.matrix.self")} />
                    ) : rate === null ? (
                      <Dash text={ta("arena.matrix.empty")} />
                    ) : (
                      ta("arena.matrix.cell", { rate: formatNumber(rate * 100, 0), count })
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A dash for the eye, its meaning for screen readers. */
function Dash(props: { text: string }) {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{props.text}</span>
    </>
  );
}
