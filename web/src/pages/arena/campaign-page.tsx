import { useId, useState } from "react";
import { call } from "../../api/client";
import { ConfirmButton } from "../../components/dialog";
import { ErrorNotice, Loading, PageHeading, SuccessNotice } from "../../components/feedback";
import { useResource } from "../../components/use-resource";
import { Link } from "../../router";
import { AddCaseForm } from "./add-case";
import { ta } from "./i18n";
import { type Campaign, campaignPath, subjectName } from "./types";

/** `/comparaisons/:id`: a campaign, its contenders and test cases; managers add cases and close it. */
export function CampaignPage(props: { id: string }) {
  const campaign = useResource("GET /api/arena/campaigns/:id", { params: { id: props.id } });
  const [notice, setNotice] = useState("");
  if (campaign.error !== null && !campaign.data)
    return (
      <div className="page narrow">
        <ErrorNotice error={campaign.error} onRetry={() => void campaign.reload()} />
        <Link href="/comparaisons">{ta("arena.back")}</Link>
      </div>
    );
  if (!campaign.data) return <Loading />;
  const data = campaign.data;
  const open = data.status === "open";
  return (
    <div className="page narrow">
      <p>
        <Link href="/comparaisons">{ta("arena.back")}</Link>
      </p>
      <PageHeading title={data.name} />
      <div className="actions">
        {data.member && open && (
          <Link href={campaignPath(data.id, "voter")} className="button">
            {ta("arena.vote")}
          </Link>
        )}
        <Link href={campaignPath(data.id, "classement")} className="button-secondary">
          {ta("arena.ranking")}
        </Link>
      </div>
      {notice && <SuccessNotice key={notice}>{notice}</SuccessNotice>}
      <Facts campaign={data} />
      {data.verdict && (
        <section className="arena-verdict" aria-labelledby="arena-verdict">
          <h2 id="arena-verdict">{ta("arena.campaign.verdict")}</h2>
          <p>{data.verdict.text}</p>
        </section>
      )}
      {data.manageable && open && (
        <>
          <AddCaseForm
            campaign={data}
            onAdded={async (title) => {
              setNotice("");
              await campaign.reload();
              setNotice(ta("arena.case.added", { title }));
            }}
          />
          <div className="actions">
            <ConfirmButton
              label={ta("arena.close")}
              className="button-danger"
              title={ta("arena.close.title", { name: data.name })}
              body={ta("arena.close.body")}
              confirmLabel={ta("arena.close.confirm")}
              fallbackFocus={() => document.querySelector<HTMLElement>(".page-heading h1")}
              onConfirm={async () => {
                const closed = await call("POST /api/arena/campaigns/:id/close", {
                  params: { id: data.id },
                });
                setNotice("");
                campaign.set(closed);
                setNotice(ta("arena.closed"));
              }}
            />
          </div>
        </>
      )}
    </div>
  );
}

function Facts(props: { campaign: Campaign }) {
  const { campaign } = props;
  const id = useId();
  return (
    <>
      <section aria-labelledby={`${id}-facts`}>
        <h2 id={`${id}-facts`}>{ta("arena.campaign.facts")}</h2>
        <dl className="arena-facts">
          <dt>{ta("arena.campaign.useCase")}</dt>
          <dd>{subjectName(campaign)}</dd>
          <dt>{ta("arena.campaign.status")}</dt>
          <dd>{ta(`arena.status.${campaign.status}`)}</dd>
          <dt>{ta("arena.campaign.dataClass")}</dt>
          <dd>{ta(`arena.dataClass.${campaign.dataClass}`)}</dd>
          <dt>{ta("arena.campaign.pairMode")}</dt>
          <dd>{ta(`arena.pairMode.${campaign.pairMode}`)}</dd>
          <dt>{ta("arena.campaign.members")}</dt>
          <dd>{ta("arena.campaign.membersCount", { count: campaign.members.length })}</dd>
          <dt>{ta("arena.campaign.votes")}</dt>
          <dd>{campaign.votes}</dd>
        </dl>
      </section>
      <section aria-labelledby={`${id}-contenders`}>
        <h2 id={`${id}-contenders`}>{ta("arena.campaign.contenders")}</h2>
        <ul>
          {campaign.contenders.map((contender) => (
            <li key={contender.position}>{contender.label}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby={`${id}-cases`}>
        <h2 id={`${id}-cases`}>{ta("arena.campaign.cases")}</h2>
        {campaign.cases.length === 0 ? (
          <p>{ta("arena.campaign.noCases")}</p>
        ) : (
          <ol className="arena-cases">
            {campaign.cases.map((testCase) => (
              <li key={testCase.id}>{testCase.title}</li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
