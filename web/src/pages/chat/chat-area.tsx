import { PageHeading } from "../../components/feedback";

/** Conversations: `/` and `/conversations/:id`. */
export default function ChatArea(_props: { path: string }) {
  return <PageHeading title="Conversations" />;
}
