import { PageHeading } from "../../components/feedback";
import { t } from "../../i18n";
import { Link } from "../../router";
import { useSession } from "../../session";
import { SECTIONS } from "./shared";

/** `/administration`: the sections this person may open, each with what it is for. */
export function AdminHome() {
  const { can } = useSession();
  const open = SECTIONS.filter((section) => section.permission === null || can(section.permission));
  return (
    <section className="page">
      <PageHeading title={t("admin.home.title")} />
      <p className="lead">{t("admin.home.intro")}</p>
      <ul className="admin-cards">
        {open.map((section) => (
          <li key={section.slug} className="admin-card">
            <h2>
              <Link href={`/administration/${section.slug}`}>{t(section.title)}</Link>
            </h2>
            <p>{t(section.summary)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
