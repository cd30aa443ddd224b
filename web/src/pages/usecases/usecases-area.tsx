import { EmptyState, ErrorNotice, Loading, PageHeading } from "../../components/feedback";
import { useResource } from "../../components/use-resource";
import { Link, match } from "../../router";
import { NotFound } from "../forbidden";
import { UseCaseRunPage } from "./run-page";
import "./usecases.css";
import { tu } from "./i18n";

/** The use cases: `/cas-d-usage` (the catalogue) and `/cas-d-usage/:id` (a form and its result). */
export default function UseCasesArea(props: { path: string }) {
  if (match("/cas-d-usage", props.path)) return <Catalogue />;
  const one = match("/cas-d-usage/:id", props.path);
  if (one?.id) return <UseCaseRunPage key={one.id} id={one.id} />;
  return <NotFound />;
}

function Catalogue() {
  const forms = useResource("GET /api/usecase-forms");
  return (
    <div className="page">
      <PageHeading title={tu("usecases.title")} />
      <p>{tu("usecases.intro")}</p>
      {forms.error !== null && (
        <ErrorNotice error={forms.error} onRetry={() => void forms.reload()} />
      )}
      {forms.loading && !forms.data && <Loading />}
      {forms.data?.length === 0 && <EmptyState title={tu("usecases.empty")} />}
      <ul className="usecase-cards">
        {forms.data?.map((form) => (
          <li key={form.id} className="usecase-card">
            <h2>{form.name}</h2>
            <p className="hint">
              {tu("usecases.version", { version: form.version })} ·{" "}
              {tu("usecases.checksCount", { count: form.checks.length })}
            </p>
            <p>{form.description}</p>
            <Link href={`/cas-d-usage/${encodeURIComponent(form.id)}`} className="button">
              {tu("usecases.open")}
              <span className="visually-hidden"> : {form.name}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
