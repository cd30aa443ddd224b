import { type ReactNode, useState } from "react";
import type { Permission } from "../api/types";
import { t } from "../i18n";
import { canObserve } from "../pages/observatory/access";
import { Link, navigate } from "../router";
import { useSession } from "../session";
import { ShortcutsDialog, useShortcuts } from "./shortcuts";
import { ThemeSwitch } from "./theme-switch";

/** Who may see the administration area: any one of these permissions opens some of its pages. */
export const ADMIN_PERMISSIONS: Permission[] = [
  "directory:read",
  "settings:read",
  "audit:read",
  "assistants:write",
];

function NavLink(props: { href: string; current: boolean; children: ReactNode }) {
  return (
    <li>
      <Link href={props.href} {...(props.current && { "aria-current": "page" as const })}>
        {props.children}
      </Link>
    </li>
  );
}

/**
 * The frame of every signed-in page: skip link, header (navigation, theme,
 * keyboard shortcuts, account), main content, footer. The page-wide shortcuts
 * live here; the conversation area adds its own (pages/chat/chat-area.tsx).
 */
export function Layout(props: { path: string; children: ReactNode }) {
  const { session, charter, can, signOut } = useSession();
  const area = props.path.split("/")[1] ?? "";
  const [help, setHelp] = useState(false);
  const [helpOpenings, setHelpOpenings] = useState(0);
  const openHelp = () => {
    setHelp(true);
    setHelpOpenings((count) => count + 1);
  };
  useShortcuts({
    help: () => (help ? setHelp(false) : openHelp()),
    new: () => navigate("/"),
  });
  return (
    <>
      <a className="skip-link" href="#contenu">
        {t("nav.skip")}
      </a>
      <header className="header">
        <div className="header-inner">
          <Link href="/" className="brand">
            <span className="brand-name">{t("app.name")}</span>
            <span className="brand-tagline">{t("app.tagline")}</span>
          </Link>
          <nav aria-label={t("nav.label")}>
            <ul className="nav">
              <NavLink href="/" current={area === "" || area === "conversations"}>
                {t("nav.conversations")}
              </NavLink>
              {can("chat") && (
                <NavLink href="/cas-d-usage" current={area === "cas-d-usage"}>
                  {t("nav.usecases")}
                </NavLink>
              )}
              {can("chat") && (
                <NavLink href="/comparaisons" current={area === "comparaisons"}>
                  {t("nav.arena")}
                </NavLink>
              )}
              <NavLink href="/retours" current={area === "retours"}>
                {t("nav.experience")}
              </NavLink>
              {can("knowledge:read") && (
                <NavLink href="/bases" current={area === "bases"}>
                  {t("nav.knowledge")}
                </NavLink>
              )}
              {session && canObserve(session, can) && (
                <NavLink href="/observatoire" current={area === "observatoire"}>
                  {t("nav.observatory")}
                </NavLink>
              )}
              {ADMIN_PERMISSIONS.some(can) && (
                <NavLink href="/administration" current={area === "administration"}>
                  {t("nav.administration")}
                </NavLink>
              )}
            </ul>
          </nav>
          <div className="account">
            <span className="account-name">{session?.user.displayName}</span>
            <Link
              href="/mon-usage"
              className="button-tertiary"
              {...(area === "mon-usage" && { "aria-current": "page" as const })}
            >
              {t("nav.myUsage")}
            </Link>
            <ThemeSwitch />
            <button
              type="button"
              className="button-tertiary"
              aria-haspopup="dialog"
              onClick={openHelp}
            >
              {t("shortcuts.open")}
            </button>
            <button type="button" className="button-tertiary" onClick={() => void signOut()}>
              {t("auth.signOut")}
            </button>
          </div>
        </div>
      </header>
      <main id="contenu" className="main" tabIndex={-1}>
        {props.children}
      </main>
      <footer className="footer">
        <p>
          {charter && (
            <Link href="/charte">{t("footer.charter", { version: charter.version })}</Link>
          )}{" "}
          · {t("footer.responsibility")}
        </p>
      </footer>
      <ShortcutsDialog open={help} openings={helpOpenings} onClose={() => setHelp(false)} />
    </>
  );
}
