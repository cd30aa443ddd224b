import type { ReactNode } from "react";
import type { Permission } from "../../api/types";
import { t } from "../../i18n";
import { Link, match } from "../../router";
import { useSession } from "../../session";
import { Forbidden, NotFound } from "../forbidden";
import "./admin.css";
import { ApiKeysPage } from "./api-keys";
import { AssistantsPage } from "./assistants";
import { CharterEditorPage } from "./charter-editor";
import { DirectionsPage } from "./directions";
import { AdminHome } from "./home";
import { ProvidersPage } from "./providers";
import { SECTIONS } from "./shared";
import { UseCasesPage } from "./usecases";
import { UsersPage } from "./users";
import { WatchPage } from "./watch";

const PAGES: Record<string, () => ReactNode> = {
  utilisateurs: () => <UsersPage />,
  directions: () => <DirectionsPage />,
  fournisseurs: () => <ProvidersPage />,
  assistants: () => <AssistantsPage />,
  "cas-usage": () => <UseCasesPage />,
  veille: () => <WatchPage />,
  charte: () => <CharterEditorPage />,
  "cles-api": () => <ApiKeysPage />,
};

/** The sections this person may open, as a secondary navigation. */
function AdminNav(props: { current: string | null }) {
  const { can } = useSession();
  return (
    <nav aria-label={t("admin.nav.label")}>
      <ul className="admin-nav">
        <li>
          <Link
            href="/administration"
            {...(props.current === null && { "aria-current": "page" as const })}
          >
            {t("admin.home.title")}
          </Link>
        </li>
        {SECTIONS.filter((section) => section.permission === null || can(section.permission)).map(
          (section) => (
            <li key={section.slug}>
              <Link
                href={`/administration/${section.slug}`}
                {...(props.current === section.slug && { "aria-current": "page" as const })}
              >
                {t(section.title)}
              </Link>
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}

/** Administration: `/administration` and `/administration/*`; each page checks its own permission. */
export default function AdminArea(props: { path: string }) {
  const { can } = useSession();
  const params = match("/administration/:section", props.path);
  const slug = params?.section ?? null;
  const section = slug === null ? undefined : SECTIONS.find((entry) => entry.slug === slug);
  let content: ReactNode;
  if (slug === null) content = <AdminHome />;
  else if (!section) content = <NotFound />;
  else if (section.permission !== null && !can(section.permission as Permission))
    content = <Forbidden />;
  else content = PAGES[section.slug]?.() ?? <NotFound />;
  return (
    <div className="split admin">
      <aside>
        <AdminNav current={slug} />
      </aside>
      <div className="admin-content">{content}</div>
    </div>
  );
}
