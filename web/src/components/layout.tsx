import type { ReactNode } from "react";
import type { Permission } from "../api/types";
import { t } from "../i18n";
import { Link } from "../router";
import { useSession } from "../session";

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

/** The frame of every signed-in page: skip link, header and navigation, main content, footer. */
export function Layout(props: { path: string; children: ReactNode }) {
  const { session, charter, can, signOut } = useSession();
  const area = props.path.split("/")[1] ?? "";
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
              {can("knowledge:read") && (
                <NavLink href="/bases" current={area === "bases"}>
                  {t("nav.knowledge")}
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
    </>
  );
}
