import { match } from "../../router";
import { NotFound } from "../forbidden";
import { MyUsagePage } from "./me-page";
import { MethodPage } from "./method-page";
import { ObservatoryPage } from "./observatory-page";
import { isSection } from "./types";
import "./observatory.css";

/**
 * The observatory: `/observatoire` and `/observatoire/:section` (adoption,
 * usages, protection, impact, comparaisons: tabs over one filter),
 * `/observatoire/methode` (how each figure is computed) and `/mon-usage`
 * (an agent's own use this month). Who may open which is decided in
 * `app.tsx`; the API refuses the rest anyway.
 */
export default function ObservatoryArea(props: { path: string }) {
  const { path } = props;
  if (match("/mon-usage", path)) return <MyUsagePage />;
  if (match("/observatoire/methode", path)) return <MethodPage />;
  if (match("/observatoire", path)) return <ObservatoryPage section="adoption" />;
  const section = match("/observatoire/:section", path)?.section ?? "";
  if (isSection(section)) return <ObservatoryPage section={section} />;
  return <NotFound />;
}
