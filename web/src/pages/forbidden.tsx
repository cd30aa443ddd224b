import { PageHeading } from "../components/feedback";
import { t } from "../i18n";
import { Link } from "../router";

/** Shown instead of a page the signed-in person may not open (the API refuses it too). */
export function Forbidden() {
  return (
    <section className="page narrow">
      <PageHeading title={t("forbidden.title")} />
      <p>{t("forbidden.body")}</p>
      <p>
        <Link href="/">{t("forbidden.back")}</Link>
      </p>
    </section>
  );
}

export function NotFound() {
  return (
    <section className="page narrow">
      <PageHeading title={t("notFound.title")} />
      <p>{t("notFound.body")}</p>
      <p>
        <Link href="/">{t("forbidden.back")}</Link>
      </p>
    </section>
  );
}
