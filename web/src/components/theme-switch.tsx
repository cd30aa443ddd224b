import { useEffect, useId, useState } from "react";
import { t } from "../i18n";

/** Where the choice is kept; `theme-boot.js` reads the same key before the first paint. */
const KEY = "beffroi.theme";
const THEMES = ["system", "light", "dark"] as const;
type Theme = (typeof THEMES)[number];

function storedTheme(): Theme {
  try {
    const value = localStorage.getItem(KEY);
    return value === "light" || value === "dark" ? value : "system";
  } catch {
    return "system";
  }
}

/**
 * The page's theme: the system's (the style sheet follows `prefers-color-scheme`),
 * or light or dark whatever the system says, remembered in this browser.
 */
export function ThemeSwitch() {
  const id = useId();
  const [theme, setTheme] = useState(storedTheme);
  useEffect(() => {
    // Changed in another tab (theme-boot.js has already applied it there and here).
    const follow = () => setTheme(storedTheme());
    addEventListener("storage", follow);
    return () => removeEventListener("storage", follow);
  }, []);
  const choose = (value: string) => {
    const next = THEMES.find((candidate) => candidate === value) ?? "system";
    setTheme(next);
    try {
      if (next === "system") localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, next);
    } catch {
      // Not remembered (storage refused): it still applies to this page.
    }
    if (next === "system") delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = next;
  };
  return (
    <div className="theme-switch">
      <label htmlFor={id}>{t("theme.label")}</label>
      <select id={id} value={theme} onChange={(event) => choose(event.target.value)}>
        {THEMES.map((value) => (
          <option key={value} value={value}>
            {t(`theme.${value}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
