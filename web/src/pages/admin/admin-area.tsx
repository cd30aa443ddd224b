import { PageHeading } from "../../components/feedback";

/** Administration: `/administration` and `/administration/*`. */
export default function AdminArea(_props: { path: string }) {
  return <PageHeading title="Administration" />;
}
