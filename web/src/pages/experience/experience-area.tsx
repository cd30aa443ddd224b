import { PageHeading } from "../../components/feedback";
import { useResource } from "../../components/use-resource";
import { match } from "../../router";
import { useSession } from "../../session";
import { NotFound } from "../forbidden";
import { CurationQueue } from "./curation";
import { te } from "./i18n";
import { ProposalForm, ProposalsAdmin } from "./proposals";
import { ReportForm } from "./report-form";
import { MyReports, PublishedReports } from "./reports";
import "./experience.css";

/**
 * `/retours`: file a « retour d'expérience » on a use case or an assistant,
 * read the published ones by use case, curate those of one's direction
 * (referents, administrators), propose a change to the charter or a base,
 * and (administrators, auditors) read and answer proposals.
 */
export default function ExperienceArea(props: { path: string }) {
  if (!match("/retours", props.path)) return <NotFound />;
  return <ExperiencePage />;
}

function ExperiencePage() {
  const { can } = useSession();
  const published = useResource("GET /api/experiences");
  const mine = useResource(can("chat") ? "GET /api/experiences/mine" : null);
  return (
    <div className="page">
      <PageHeading title={te("experience.title")} />
      <p className="lead">{te("experience.intro")}</p>
      {can("chat") && <ReportForm onFiled={() => mine.reload()} />}
      <PublishedReports reports={published} />
      {can("chat") && <MyReports reports={mine} />}
      {can("assistants:write") && (
        <CurationQueue
          onCurated={async () => {
            await Promise.all([published.reload(), mine.reload()]);
          }}
        />
      )}
      {can("chat") && <ProposalForm />}
      {can("audit:read") && <ProposalsAdmin />}
    </div>
  );
}
