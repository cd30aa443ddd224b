import { useCallback, useEffect, useState } from "react";
import { call } from "../../api/client";
import { ErrorNotice, Loading, PageHeading } from "../../components/feedback";
import { useAction } from "../../components/use-action";
import { useResource } from "../../components/use-resource";
import { t } from "../../i18n";
import { Link, match, navigate } from "../../router";
import { AssistantPicker } from "./assistant-picker";
import { Composer } from "./composer";
import { ConversationView, sendWhenOpened } from "./conversation";
import { ConversationList } from "./conversation-list";
import "./chat.css";

/** Conversations: `/` (a new one) and `/conversations/:id`, beside the list of the agent's conversations. */
export default function ChatArea(props: { path: string }) {
  const id = match("/conversations/:id", props.path)?.id ?? null;
  const list = useResource("GET /api/conversations");
  const { reload } = list;
  const refresh = useCallback(() => reload(), [reload]);
  return (
    <div className="split chat">
      <div className="chat-main">
        {id ? (
          <ConversationView
            key={id}
            id={id}
            title={list.data?.find((conversation) => conversation.id === id)?.title}
            onChanged={refresh}
          />
        ) : (
          <NewConversation firstTime={list.data?.length === 0} onCreated={refresh} />
        )}
      </div>
      {/* After the main column in reading order; placed on the left by the style sheet. */}
      <aside>
        <Link
          href="/"
          className="button chat-new"
          {...(id === null && { "aria-current": "page" as const })}
        >
          {t("chat.new")}
        </Link>
        {list.error ? (
          <ErrorNotice error={list.error} onRetry={() => void reload()} />
        ) : list.data ? (
          <ConversationList conversations={list.data} currentId={id} onChanged={refresh} />
        ) : (
          <Loading />
        )}
      </aside>
    </div>
  );
}

/** The start page: what Beffroi does with the agent's data (first time), the assistants, the first message. */
function NewConversation(props: { firstTime: boolean; onCreated: () => Promise<void> }) {
  const assistants = useResource("GET /api/conversations/assistants");
  const [selected, setSelected] = useState<string | null>(null);
  const [draft, setDraft] = useState("");
  const { busy: creating, error, run } = useAction();

  useEffect(() => {
    if (selected === null && assistants.data) {
      const first = assistants.data.find((a) => a.isDefault) ?? assistants.data[0];
      if (first) setSelected(first.id);
    }
  }, [assistants.data, selected]);

  const start = (content: string) =>
    run(async () => {
      const created = await call("POST /api/conversations", {
        body: { ...(selected && { assistantId: selected }) },
      });
      sendWhenOpened(created.id, content);
      await props.onCreated();
      navigate(`/conversations/${encodeURIComponent(created.id)}`);
    });

  return (
    <>
      <PageHeading title={t("chat.new")} />
      {props.firstTime ? (
        <section className="chat-welcome" aria-labelledby="chat-welcome-title">
          <h2 id="chat-welcome-title">{t("chat.welcome.title")}</h2>
          <p className="lead">{t("chat.welcome.intro")}</p>
          <p>{t("chat.welcome.data")}</p>
          <p>{t("chat.welcome.sources")}</p>
        </section>
      ) : null}
      <p>{t("chat.start.lead")}</p>
      {assistants.error ? (
        <ErrorNotice error={assistants.error} onRetry={() => void assistants.reload()} />
      ) : assistants.data ? (
        <AssistantPicker assistants={assistants.data} selected={selected} onSelect={setSelected} />
      ) : (
        <Loading label={t("chat.picker.loading")} />
      )}
      {error ? <ErrorNotice error={error} /> : null}
      {creating && <Loading label={t("chat.composer.creating")} />}
      <Composer
        draft={draft}
        onDraft={setDraft}
        onSend={(text) => void start(text)}
        busy={creating}
      />
    </>
  );
}
