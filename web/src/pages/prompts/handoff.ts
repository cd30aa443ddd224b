/**
 * A prompt taken from the library, on its way to a composer: kept in the
 * tab's session storage (the library and the conversations are separate
 * chunks of the page) for the conversation it was chosen for, or for a new
 * one (`null`), and taken once by that composer.
 */
const KEY = "beffroi.composer-draft";

interface Handoff {
  conversationId: string | null;
  text: string;
}

export function putInComposer(conversationId: string | null, text: string): void {
  sessionStorage.setItem(KEY, JSON.stringify({ conversationId, text } satisfies Handoff));
}

/**
 * The text waiting for this composer, or "". Removed after the current
 * render (React may call a state initialiser twice in a row).
 */
export function takeComposerDraft(conversationId: string | null): string {
  let handoff: Handoff | null = null;
  try {
    handoff = JSON.parse(sessionStorage.getItem(KEY) ?? "null") as Handoff | null;
  } catch {
    handoff = null;
  }
  if (!handoff || handoff.conversationId !== conversationId || typeof handoff.text !== "string")
    return "";
  setTimeout(() => sessionStorage.removeItem(KEY), 0);
  return handoff.text;
}
