import { EmptyState, ErrorNotice, Loading, PageHeading } from "../../components/feedback";
import { useResource } from "../../components/use-resource";
import { Link } from "../../router";
import { useSession } from "../../session";
import { ta } from "./i18n";
import { NewCampaignForm } from "./new-campaign";
import { campaignPath, subjectName } from "./types";

/** `/comparaisons`: the campaigns I vote in or manage; a new one for referents. */
export function CampaignsPage() {
  const { can } = useSession();
  const campaigns = useResource("GET /api/arena/campaigns");
  return (
    <div className="page">
      <PageHeading title={ta("arena.title")} />
      <p className="lead">{ta("arena.intro")}</p>
      <section aria-labelledby="arena-mine">
        <h2 id="arena-mine">{ta("arena.mine")}</h2>
        {campaigns.error !== null && (
          <ErrorNotice error={campaigns.error} onRetry={() => void campaigns.reload()} />
        )}
        {campaigns.loading && !campaigns.data && <Loading />}
        {campaigns.data?.length === 0 && <EmptyState title={ta("arena.empty")} />}
        {campaigns.data && campaigns.data.length > 0 && (
          <div className="table-wrapper">
            <table>
              <thead>
                <tr>
                  <th scope="col">{ta("arena.column.name")}</th>
                  <th scope="col">{ta("arena.column.useCase")}</th>
                  <th scope="col">{ta("arena.column.status")}</th>
                  <th scope="col">{ta("arena.column.votes")}</th>
                  <th scope="col">{ta("arena.column.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {campaigns.data.map((campaign) => (
                  <tr key={campaign.id}>
                    <th scope="row">
                      <Link href={campaignPath(campaign.id)}>{campaign.name}</Link>
                    </th>
                    <td>{subjectName(campaign)}</td>
                    <td>{ta(`arena.status.${campaign.status}`)}</td>
                    <td>{campaign.votes}</td>
                    <td>
                      <div className="arena-row-actions">
                        {campaign.member && campaign.status === "open" && (
                          <Link
                            href={campaignPath(campaign.id, "voter")}
                            className="button button-small"
                            aria-label={ta("arena.voteFor", { name: campaign.name })}
                          >
                            {ta("arena.vote")}
                          </Link>
                        )}
                        <Link
                          href={campaignPath(campaign.id, "classement")}
                          className="button-secondary button-small"
                          aria-label={ta("arena.rankingFor", { name: campaign.name })}
                        >
                          {ta("arena.ranking")}
                        </Link>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {can("assistants:write") && <NewCampaignForm />}
    </div>
  );
}
