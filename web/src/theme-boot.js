// The theme chosen in the header ("light" or "dark"; nothing for the system's), set on <html>
// before the first paint: a classic script in <head>, loaded from the page's own origin, since
// the CSP allows no inline script (see themeBeforePaint in web/vite.config.ts). The key and the
// values are those of web/src/components/theme-switch.tsx. Other tabs follow a change.
(() => {
  const KEY = "beffroi.theme";
  const apply = () => {
    let theme = null;
    try {
      theme = localStorage.getItem(KEY);
    } catch {
      // Storage refused (private mode, policy): the system's theme.
    }
    if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
    else delete document.documentElement.dataset.theme;
  };
  apply();
  addEventListener("storage", (event) => {
    if (event.key === KEY || event.key === null) apply();
  });
})();
