import type { ReactNode } from "react";
import { call } from "../../api/client";
import { ConfirmButton } from "../../components/dialog";
import { ErrorNotice, Loading, PageHeading } from "../../components/feedback";
import { useResource } from "../../components/use-resource";
import { type MessageKey, t } from "../../i18n";
import { Link, navigate } from "../../router";
import { useSession } from "../../session";
import { AccessSection } from "./access-section";
import { AidsSection } from "./aids-section";
import { settingLabel } from "./base-form";
import { DocumentsSection } from "./documents-section";
import { setFlash } from "./flash";
import { QualitySection } from "./quality-section";
import { QuarantineSection } from "./quarantine-section";
import { readersText } from "./readers";
import { SearchSection } from "./search-section";

export type Section = "documents" | "search" | "aids" | "quality" | "quarantine" | "access";

/** The address of each section of a base: real links, so that each can be bookmarked. */
export const SECTION_PATHS: Record<Section, string> = {
  documents: "",
  search: "/recherche",
  aids: "/aides",
  quality: "/qualite",
  quarantine: "/quarantaine",
  access: "/acces",
};

/** `/bases/:id[/section]`: a base, its sections, and deleting it. */
export function BasePage(props: { id: string; section: Section }) {
  const { session } = useSession();
  const base = useResource("GET /api/knowledge-bases/:id", { params: { id: props.id } });

  if (!base.data) {
    return (
      <div className="page" aria-busy={base.loading}>
        <p>
          <Link href="/bases">{t("knowledge.base.back")}</Link>
        </p>
        {base.loading && (
          <>
            <PageHeading title={t("knowledge.title")} />
            <Loading />
          </>
        )}
        {!base.loading && base.error !== null && (
          <>
            <PageHeading title={t("knowledge.title")} />
            <ErrorNotice error={base.error} onRetry={() => void base.reload()}>
              <p>{t("knowledge.base.notFound")}</p>
            </ErrorNotice>
          </>
        )}
      </div>
    );
  }

  const current = base.data;
  const auditor = session?.user.roles.includes("auditor") ?? false;
  const sections: Section[] = [
    "documents",
    "search",
    "aids",
    ...(current.canManage || auditor ? (["quality"] as const) : []),
    ...(current.canManage ? (["quarantine", "access"] as const) : []),
  ];
  const section = sections.includes(props.section) ? props.section : "documents";
  const root = `/bases/${encodeURIComponent(current.id)}`;

  let content: ReactNode;
  switch (section) {
    case "documents":
      content = <DocumentsSection base={current} onChanged={() => void base.reload()} />;
      break;
    case "search":
      content = <SearchSection base={current} />;
      break;
    case "aids":
      content = <AidsSection base={current} />;
      break;
    case "quality":
      content = <QualitySection base={current} />;
      break;
    case "quarantine":
      content = <QuarantineSection base={current} onChanged={() => void base.reload()} />;
      break;
    case "access":
      content = <AccessSection base={current} onSaved={base.set} />;
      break;
  }

  return (
    <div className="page">
      <p>
        <Link href="/bases">{t("knowledge.base.back")}</Link>
      </p>
      <PageHeading title={current.name}>
        {current.canManage && (
          <ConfirmButton
            label={t("knowledge.base.delete")}
            className="button-danger"
            title={t("knowledge.base.deleteTitle", { name: current.name })}
            body={t("knowledge.base.deleteBody", { count: current.documentCount })}
            confirmLabel={t("action.delete")}
            onConfirm={async () => {
              await call("DELETE /api/knowledge-bases/:id", { params: { id: props.id } });
              setFlash(t("knowledge.base.deleted", { name: current.name }));
              navigate("/bases");
            }}
          />
        )}
      </PageHeading>
      {current.description && <p className="lead">{current.description}</p>}
      <ul className="kb-facts">
        <li>{t("knowledge.base.owner", { path: current.ownerDirection.path })}</li>
        <li>{t("knowledge.base.readers", { readers: readersText(current) })}</li>
        <li>{t("knowledge.base.personalData", { setting: settingLabel(current.personalData) })}</li>
        <li>
          {t("knowledge.base.counts", {
            documents: t("knowledge.list.count", { count: current.documentCount }),
            passages: t("knowledge.base.passages", { count: current.passageCount }),
          })}
        </li>
      </ul>
      <nav aria-label={t("knowledge.base.sections")} className="kb-tabs">
        <ul>
          {sections.map((name) => (
            <li key={name}>
              <Link
                href={`${root}${SECTION_PATHS[name]}`}
                {...(name === section && { "aria-current": "page" as const })}
              >
                {t(`knowledge.section.${name}` as MessageKey)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {content}
    </div>
  );
}
