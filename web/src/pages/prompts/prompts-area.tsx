import { useState } from "react";
import { EmptyState, ErrorNotice, Loading, PageHeading } from "../../components/feedback";
import { useResource } from "../../components/use-resource";
import { Link, navigate } from "../../router";
import { PromptingGuide } from "./guide";
import { putInComposer } from "./handoff";
import { tp } from "./i18n";
import { PromptCard } from "./prompt-card";
import { PromptFormDialog } from "./prompt-form";
import type { PromptItem, PromptScope } from "./types";
import { UseDialog } from "./use-dialog";
import "./prompts.css";

type Sort = "popular" | "rated" | "recent" | "title";
const SCOPES: PromptScope[] = ["personal", "direction", "collectivite"];
const SORTS: Sort[] = ["popular", "rated", "recent", "title"];

/** The conversation the library was opened from (`?conversation=ID`), or null for a new one. */
function openedFrom(): string | null {
  return new URLSearchParams(location.search).get("conversation");
}

/**
 * The prompt library (`/prompts`): the guide to good prompting, the prompts
 * the agent may read with filters, and "Utiliser" which fills a prompt's
 * variables and puts it in the composer of the conversation the library
 * was opened from (or of a new one).
 */
export default function PromptsArea() {
  const [conversationId] = useState(openedFrom);
  const [q, setQ] = useState("");
  const [scope, setScope] = useState<PromptScope | "">("");
  const [sort, setSort] = useState<Sort>("popular");
  const list = useResource("GET /api/prompts", {
    query: { sort, ...(q.trim() && { q: q.trim() }), ...(scope && { scope }) },
  });
  const [using, setUsing] = useState<PromptItem | null>(null);
  const [useOpenings, setUseOpenings] = useState(0);
  const [form, setForm] = useState<{ open: boolean; editing: PromptItem | null }>({
    open: false,
    editing: null,
  });
  const [formOpenings, setFormOpenings] = useState(0);
  const [announce, setAnnounce] = useState("");
  const back = conversationId ? `/conversations/${encodeURIComponent(conversationId)}` : "/";

  const changed = (message?: string) => {
    void list.reload();
    if (message) setAnnounce(message);
  };
  const used = (text: string) => {
    putInComposer(conversationId, text);
    setUsing(null);
    navigate(back);
  };
  const openForm = (editing: PromptItem | null) => {
    setForm({ open: true, editing });
    setFormOpenings((count) => count + 1);
  };

  return (
    <div className="prompts">
      <PageHeading title={tp("prompts.title")} />
      <p className="lead">{tp("prompts.lead")}</p>
      <p>
        <Link href={back}>
          {conversationId ? tp("prompts.back.conversation") : tp("prompts.back.new")}
        </Link>
      </p>
      <PromptingGuide />
      <form
        className="prompts-filters"
        aria-label={tp("prompts.filters")}
        onSubmit={(event) => event.preventDefault()}
      >
        <div className="field">
          <label htmlFor="prompts-search">{tp("prompts.search")}</label>
          <input
            id="prompts-search"
            type="search"
            value={q}
            aria-describedby="prompts-search-hint"
            onChange={(event) => setQ(event.target.value)}
          />
          <p className="hint" id="prompts-search-hint">
            {tp("prompts.search.hint")}
          </p>
        </div>
        <div className="field">
          <label htmlFor="prompts-scope">{tp("prompts.scope")}</label>
          <select
            id="prompts-scope"
            value={scope}
            onChange={(event) => setScope(event.target.value as PromptScope | "")}
          >
            <option value="">{tp("prompts.scope.all")}</option>
            {SCOPES.map((value) => (
              <option key={value} value={value}>
                {tp(`prompts.scope.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="prompts-sort">{tp("prompts.sort")}</label>
          <select
            id="prompts-sort"
            value={sort}
            onChange={(event) => setSort(event.target.value as Sort)}
          >
            {SORTS.map((value) => (
              <option key={value} value={value}>
                {tp(`prompts.sort.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <div className="actions">
        <button type="button" className="button-secondary" onClick={() => openForm(null)}>
          {tp("prompts.new")}
        </button>
      </div>
      <p role="status" className="visually-hidden">
        {list.data ? `${tp("prompts.count", { count: list.data.length })} ${announce}` : ""}
      </p>
      {list.error ? (
        <ErrorNotice error={list.error} onRetry={() => void list.reload()} />
      ) : !list.data ? (
        <Loading />
      ) : list.data.length === 0 ? (
        <EmptyState title={tp("prompts.empty")}>
          <p>{tp("prompts.empty.hint")}</p>
        </EmptyState>
      ) : (
        <ul className="prompts-list">
          {list.data.map((prompt) => (
            <li key={prompt.id}>
              <PromptCard
                prompt={prompt}
                onUse={(chosen) => {
                  setUsing(chosen);
                  setUseOpenings((count) => count + 1);
                }}
                onEdit={openForm}
                onChanged={changed}
              />
            </li>
          ))}
        </ul>
      )}
      <UseDialog
        prompt={using}
        openings={useOpenings}
        onClose={() => setUsing(null)}
        onUsed={used}
      />
      <PromptFormDialog
        open={form.open}
        openings={formOpenings}
        editing={form.editing}
        onClose={() => setForm((current) => ({ ...current, open: false }))}
        onSaved={() => {
          setForm((current) => ({ ...current, open: false }));
          changed();
        }}
      />
    </div>
  );
}
