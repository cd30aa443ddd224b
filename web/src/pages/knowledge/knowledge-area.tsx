import { PageHeading } from "../../components/feedback";

/** Knowledge bases: `/bases` and `/bases/:id`. */
export default function KnowledgeArea(_props: { path: string }) {
  return <PageHeading title="Bases de connaissances" />;
}
