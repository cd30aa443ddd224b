import { lazy, Suspense } from "react";
import { Loading } from "./components/feedback";
import { ADMIN_PERMISSIONS, Layout } from "./components/layout";
import { CharterAcceptancePage, CharterPage } from "./pages/charter";
import { Forbidden, NotFound } from "./pages/forbidden";
import { canObserve } from "./pages/observatory/access";
import { SignInPage } from "./pages/sign-in";
import { usePath } from "./router";
import { SessionProvider, useSession } from "./session";

// Each area is its own chunk: an agent's first load carries the conversation page only.
const ChatArea = lazy(() => import("./pages/chat/chat-area"));
const KnowledgeArea = lazy(() => import("./pages/knowledge/knowledge-area"));
const AdminArea = lazy(() => import("./pages/admin/admin-area"));
const PromptsArea = lazy(() => import("./pages/prompts/prompts-area"));
const UseCasesArea = lazy(() => import("./pages/usecases/usecases-area"));
const ArenaArea = lazy(() => import("./pages/arena/arena-area"));
const ExperienceArea = lazy(() => import("./pages/experience/experience-area"));
const ObservatoryArea = lazy(() => import("./pages/observatory/observatory-area"));

function Area(props: { path: string }) {
  const { can, session } = useSession();
  const { path } = props;
  const area = path.split("/")[1] ?? "";
  switch (area) {
    case "":
    case "conversations":
      return <ChatArea path={path} />;
    case "bases":
      return can("knowledge:read") ? <KnowledgeArea path={path} /> : <Forbidden />;
    case "administration":
      return ADMIN_PERMISSIONS.some(can) ? <AdminArea path={path} /> : <Forbidden />;
    case "cas-d-usage":
      return can("chat") ? <UseCasesArea path={path} /> : <Forbidden />;
    case "comparaisons":
      return can("chat") ? <ArenaArea path={path} /> : <Forbidden />;
    case "retours":
      return <ExperienceArea path={path} />;
    case "mon-usage":
      return <ObservatoryArea path={path} />;
    case "observatoire":
      // The method says how figures are computed: anyone may read it; the figures, observers only.
      return path.startsWith("/observatoire/methode") || (session && canObserve(session, can)) ? (
        <ObservatoryArea path={path} />
      ) : (
        <Forbidden />
      );
    case "prompts":
      return <PromptsArea />;
    case "charte":
      return <CharterPage />;
    default:
      return <NotFound />;
  }
}

function Shell(props: { ready: boolean }) {
  const { session, charter } = useSession();
  const path = usePath();
  if (!props.ready) return <Loading />;
  if (!session) return <SignInPage />;
  if (charter && !charter.acceptedAt) return <CharterAcceptancePage />;
  return (
    <Layout path={path}>
      <Suspense fallback={<Loading />}>
        <Area path={path} />
      </Suspense>
    </Layout>
  );
}

export function App() {
  return <SessionProvider>{(ready) => <Shell ready={ready} />}</SessionProvider>;
}
