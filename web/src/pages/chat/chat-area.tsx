import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { call } from "../../api/client";
import { ErrorNotice, Loading, PageHeading } from "../../components/feedback";
import { useShortcuts } from "../../components/shortcuts";
import { useAction } from "../../components/use-action";
import { useResource } from "../../components/use-resource";
import { t } from "../../i18n";
import { Link, match, navigate } from "../../router";
import { takeComposerDraft } from "../prompts/handoff";
import { AssistantPicker } from "./assistant-picker";
import type { PendingAttachment } from "./attachments";
import { Composer } from "./composer";
import { ConversationView, sendWhenOpened } from "./conversation";
import { ConversationList } from "./conversation-list";
import { AUTOMATIC } from "./model-choice";
import "./chat.css";

/**
 * Conversations: `/` (a new one) and `/conversations/:id`, beside the list of
 * the agent's conversations. The composer stays at the bottom of the window
 * (chat.css); the area's keyboard shortcuts act on it and on the list.
 */
export default function ChatArea(props: { path: string }) {
  const id = match("/conversations/:id", props.path)?.id ?? null;
  const list = useResource("GET /api/conversations");
  const { reload } = list;
  const refresh = useCallback(() => reload(), [reload]);
  const main = useRef<HTMLDivElement>(null);
  useComposerClearance(main);
  const step = (delta: number) => {
    const conversations = list.data ?? [];
    const at = conversations.findIndex((conversation) => conversation.id === id);
    const target =
      at === -1 ? (delta > 0 ? conversations[0] : undefined) : conversations[at + delta];
    if (target) navigate(`/conversations/${encodeURIComponent(target.id)}`);
  };
  useShortcuts({
    message: () => main.current?.querySelector<HTMLElement>(".chat-composer textarea")?.focus(),
    // The composer's "Arrêter" (shown while an answer is written), as if clicked.
    stop: () =>
      main.current?.querySelector<HTMLElement>(".chat-composer button.button-danger")?.click(),
    previous: () => step(-1),
    next: () => step(1),
  });
  return (
    <div className="split chat">
      <div className="chat-main" ref={main}>
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
        <Link
          href={id ? `/prompts?conversation=${encodeURIComponent(id)}` : "/prompts"}
          className="button-secondary chat-prompts"
        >
          {t("chat.prompts")}
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
  const [draft, setDraft] = useState(() => takeComposerDraft(null));
  const [attachments, setAttachments] = useState<PendingAttachment[]>([]);
  const [model, setModel] = useState(AUTOMATIC);
  const { busy: creating, error, run } = useAction();
  const chosenAssistant = assistants.data?.find((assistant) => assistant.id === selected);

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
      sendWhenOpened(created.id, content, attachments, model);
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
        <AssistantPicker
          assistants={assistants.data}
          selected={selected}
          onSelect={(id) => {
            // Another assistant, other models: the choice goes back to the router's.
            setSelected(id);
            setModel(AUTOMATIC);
          }}
        />
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
        attachments={attachments}
        onAttachments={setAttachments}
        assistantId={selected ?? undefined}
        modelChoice={{ value: model, onChange: setModel, models: chosenAssistant?.models ?? [] }}
      />
    </>
  );
}

/**
 * Publishes the composer's height as `--composer-height` on the page, for the
 * style sheet's `scroll-padding-bottom`: a field or button that takes the focus
 * scrolls into view above the docked composer, not under it. The composer is
 * found again when the view inside the area changes (a conversation opens).
 */
function useComposerClearance(main: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const area = main.current;
    if (!area) return;
    const root = document.documentElement;
    let watched: Element | null = null;
    const sizes = new ResizeObserver((entries) => {
      const height = entries.at(-1)?.borderBoxSize[0]?.blockSize ?? 0;
      root.style.setProperty("--composer-height", `${Math.ceil(height)}px`);
    });
    const follow = () => {
      const composer = area.querySelector(".chat-composer");
      if (composer === watched) return;
      if (watched) sizes.unobserve(watched);
      watched = composer;
      if (composer) sizes.observe(composer);
    };
    const changes = new MutationObserver(follow);
    changes.observe(area, { childList: true, subtree: true });
    follow();
    return () => {
      changes.disconnect();
      sizes.disconnect();
      root.style.removeProperty("--composer-height");
    };
  }, [main]);
}
