import { type FormEvent, useId, useRef, useState } from "react";
import { call } from "../../api/client";
import { ErrorNotice } from "../../components/feedback";
import { passagePlace } from "../../components/passage-place";
import { useAction } from "../../components/use-action";
import { t } from "../../i18n";
import { Highlighted, highlightTerms } from "./highlight";
import type { KnowledgeBase, SearchResult } from "./types";

/** "Rechercher dans la base": ranked passages, with their place in their document. */
export function SearchSection(props: { base: KnowledgeBase }) {
  const id = useId();
  const [query, setQuery] = useState("");
  const [result, setResult] = useState<{ query: string; found: SearchResult }>();
  const { busy, error, run } = useAction();
  const [fieldError, setFieldError] = useState<string>();
  const input = useRef<HTMLInputElement>(null);

  const search = (event: FormEvent) => {
    event.preventDefault();
    const asked = query.trim();
    if (!asked) {
      setFieldError(t("knowledge.search.empty"));
      input.current?.focus();
      return;
    }
    setFieldError(undefined);
    // A second press while a search runs is ignored; the button stays focusable.
    void run(async () => {
      try {
        const found = await call("GET /api/knowledge-bases/:id/search", {
          params: { id: props.base.id },
          query: { q: asked, limit: 10 },
        });
        setResult({ query: asked, found });
      } catch (caught) {
        setResult(undefined);
        throw caught;
      }
    });
  };

  const terms = result && highlightTerms(result.query, result.found.terms);

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("knowledge.search.title")}</h2>
      <form className="kb-search" noValidate onSubmit={search}>
        <div className="field">
          <label htmlFor={`${id}-query`}>{t("knowledge.search.query")}</label>
          <p className="hint" id={`${id}-hint`}>
            {t("knowledge.search.hint")}
          </p>
          <div className="kb-search-row">
            <input
              ref={input}
              type="search"
              id={`${id}-query`}
              value={query}
              maxLength={2000}
              onChange={(event) => setQuery(event.target.value)}
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={fieldError ? `${id}-hint ${id}-error` : `${id}-hint`}
            />
            <button type="submit" className="button" aria-disabled={busy} aria-busy={busy}>
              {busy ? t("knowledge.search.searching") : t("knowledge.search.submit")}
            </button>
          </div>
          {fieldError && (
            <p className="field-error" id={`${id}-error`}>
              {fieldError}
            </p>
          )}
        </div>
      </form>
      {error !== null && <ErrorNotice error={error} />}
      <div role="status" className="kb-live">
        {result &&
          (result.found.hits.length === 0
            ? t("knowledge.search.none", { query: result.query })
            : t("knowledge.search.results", {
                count: result.found.hits.length,
                query: result.query,
              }))}
      </div>
      {result && terms && result.found.hits.length > 0 && (
        <ol className="kb-hits">
          {result.found.hits.map((hit) => (
            <li key={hit.passageId} className="kb-hit">
              <h3>{hit.title}</h3>
              <p className="hint">
                {passagePlace(hit)
                  ? t("knowledge.search.where", { file: hit.fileName, place: passagePlace(hit) })
                  : hit.fileName}
              </p>
              <p className="kb-passage">
                <Highlighted text={hit.text} terms={terms} />
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
