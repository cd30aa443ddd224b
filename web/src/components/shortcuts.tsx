import { useEffect, useRef } from "react";
import { type MessageKey, t } from "../i18n";
import { Dialog } from "./dialog";

/**
 * The page's keyboard shortcuts. Each holds a modifier (no single key, which
 * would fire while typing and clash with screen readers' quick navigation),
 * and avoids the browsers' own (Ctrl+N, Ctrl+T…) and menu keys (Alt+F, Alt+E…).
 */
export type Shortcut = "help" | "new" | "message" | "stop" | "previous" | "next";

const LETTERS: Record<string, Shortcut> = { n: "new", r: "message", s: "stop" };

/** The shortcut a key press makes, if any. */
export function shortcutOf(event: KeyboardEvent): Shortcut | null {
  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key === "/") return "help";
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return null;
  if (event.key === "ArrowUp") return "previous";
  if (event.key === "ArrowDown") return "next";
  // The letter typed; on a Mac, Option turns it into a symbol: then the key's place.
  const letter = /^[a-z]$/i.test(event.key)
    ? event.key.toLowerCase()
    : event.code.startsWith("Key")
      ? event.code.slice(3).toLowerCase()
      : "";
  return LETTERS[letter] ?? null;
}

/**
 * Runs `handlers[shortcut]` when its keys are pressed anywhere on the page.
 * While a dialog is open, only "help" goes through: the rest of the page is
 * inert behind it.
 */
export function useShortcuts(handlers: Partial<Record<Shortcut, () => void>>): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const pressed = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const shortcut = shortcutOf(event);
      const handler = shortcut && latest.current[shortcut];
      if (!handler) return;
      if (shortcut !== "help" && document.querySelector("dialog[open]")) return;
      event.preventDefault();
      handler();
    };
    addEventListener("keydown", pressed);
    return () => removeEventListener("keydown", pressed);
  }, []);
}

const LIST: [keys: MessageKey, action: MessageKey][] = [
  ["shortcuts.keys.help", "shortcuts.help"],
  ["shortcuts.keys.new", "shortcuts.new"],
  ["shortcuts.keys.message", "shortcuts.message"],
  ["shortcuts.keys.stop", "shortcuts.stop"],
  ["shortcuts.keys.previous", "shortcuts.previous"],
  ["shortcuts.keys.next", "shortcuts.next"],
  ["shortcuts.keys.send", "shortcuts.send"],
  ["shortcuts.keys.newLine", "shortcuts.newLine"],
  ["shortcuts.keys.close", "shortcuts.close"],
];

/** The list of shortcuts, in a modal dialog (opened by its button in the header, or Ctrl+/). */
export function ShortcutsDialog(props: { open: boolean; openings: number; onClose: () => void }) {
  return (
    <Dialog
      open={props.open}
      openings={props.openings}
      title={t("shortcuts.title")}
      onClose={props.onClose}
      className="shortcuts"
    >
      <table>
        <thead>
          <tr>
            <th scope="col">{t("shortcuts.column.keys")}</th>
            <th scope="col">{t("shortcuts.column.action")}</th>
          </tr>
        </thead>
        <tbody>
          {LIST.map(([keys, action]) => (
            <tr key={keys}>
              <td>
                {t(keys)
                  .split(" + ")
                  .map((key, index) => (
                    <span key={key}>
                      {index > 0 && " + "}
                      <kbd>{key}</kbd>
                    </span>
                  ))}
              </td>
              <td>{t(action)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t("shortcuts.mac")}</p>
      <div className="actions">
        <button type="button" className="button-secondary" onClick={props.onClose}>
          {t("action.close")}
        </button>
      </div>
    </Dialog>
  );
}
